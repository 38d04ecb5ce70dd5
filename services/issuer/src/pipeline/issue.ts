// The one issuing pipeline (docs/decisions/0003-one-award-path.md, ARCHITECTURE.md "One credential, from issue to
// revoke"): reserve status -> build -> sign -> store -> bind -> emit, for single awards, batch chunks, the VC-API,
// endorsements and wallet copies. Each caller only says what it builds, and which of the steps apply to it.
// The credential id is fixed before any step, and every step is idempotent for it: the entry's `_id` is the
// credential id (a retry gets the same slot), the store's `_id` too (a duplicate means another attempt finished:
// the stored credential wins), binding and the events are keyed by it. A crash anywhere leaves a `reserved` entry
// that a retry completes or the sweeper voids (never reused).
import type { CredentialStatus } from '@obp/status'
import type { IssuerContext } from '../context.js'
import type { CredentialRecord } from '../stores/credential-store.js'
import { emitOne, type IssuedEventFields } from './emit.js'
import { activeSigner, signMany, signOne, type ActiveSigner, type Json, type SignOutcome } from './sign.js'

export type { ActiveSigner, Json } from './sign.js'

/** What the pipeline needs: the network module's context has the first three (it stores and emits on its own). */
export type IssuingContext = Pick<IssuerContext, 'status' | 'signers' | 'documentLoader'> &
  Partial<Pick<IssuerContext, 'credentials' | 'issuedCount' | 'queues' | 'signingPool'>>

export interface IssueItem {
  credentialId: string
  /**
   * The storage key of the credential and its status entry (default: its id); the issuer-scoped key
   * (@obp/documents `scopedCredentialKey`) when another issuer already holds the id (the VC-API's caller ids).
   */
  key?: string
  /** the unsigned credential, with the reserved entry when there is one; a throw is a refusal (4xx) */
  build: (credentialStatus?: CredentialStatus) => Json
  /** kept beside the credential in `credentials` (its achievement, batch row, the award a wallet copy is of) */
  record?: Pick<CredentialRecord, 'achievementId' | 'batchId' | 'row' | 'derivedFrom'>
}

/** The credential as stored: ours (`created`), or the one an earlier attempt stored (`createdAt` its time). */
export interface Stored { credential: Json; created: boolean; createdAt?: Date }

export interface IssueOneOptions {
  issuerId: string
  /** `allocate`: reserve the platform's entry (same slot per id), bound once stored (by the sweeper, with its group, for the default store); `none`: no entry, or the caller's own */
  status: 'allocate' | 'none'
  /** the issuer's active key, when the caller looked it up (default: the signer cache, or SigningUnavailable) */
  signer?: ActiveSigner
  /** signs (default: the key's suite, in this thread); the VC-API picks its suite and shapes the proof here */
  sign?: (unsigned: Json, active: ActiveSigner) => Promise<Json>
  /** stores (default: `credentials`, `_id` = credential id); an endorsement is stored in its own record */
  store?: (signed: Json) => Promise<Stored>
  /** a duplicate id: the stored credential wins (default), or this error is thrown (nothing else runs) */
  duplicate?: () => Error
  /**
   * Once stored, alongside bind and emit (the records listing, the learner's message): all idempotent, so a crash
   * between them is finished by a retry, or for the binding by the sweeper
   */
  stored?: (stored: Stored) => Promise<void>
  /**
   * A refusal that needs the store (the duplicate-award check), run alongside the allocation: when it throws, the
   * slot just reserved is given back (no credential can carry it: nothing was signed) and the error thrown.
   */
  check?: Promise<void>
  /** count + `credential.issued` with these fields; false: not an issued credential of its own (endorsement, wallet copy) */
  emit: IssuedEventFields | false
  /**
   * Give the reserved slot back when nothing was stored. Only for a caller whose failures are the input's own
   * (the VC-API): a retried award or batch row may be finishing concurrently with the same slot, so theirs stays
   * `reserved` for the retry or the sweeper.
   */
  release?: boolean
}

function required<T> (value: T | undefined, name: string): T {
  if (value === undefined) throw new TypeError(`"${name}" is required.`)
  return value
}

/**
 * The status group of an entry allocated now for a credential of the default store (`credentials`): one per
 * AWARD_GROUP_MS window. The sweeper (libs/status sweeper.ts) binds a group's entries with one update once
 * their grace period is over, so a single award costs no update of its own (on FerretDB 1.24 an update command
 * costs as much as ten inserts, and binding each award's entry took a sixth of the issuer's throughput).
 */
const AWARD_GROUP_MS = 10_000
function awardGroup (at = Date.now()): string {
  return 'awards:' + new Date(at - (at % AWARD_GROUP_MS)).toISOString()
}

/** The default store: insert with `_id` = credential id; a duplicate is read back and wins (or is refused). */
async function storeCredential (ctx: IssuingContext, issuerId: string, item: IssueItem, signed: Json, refuse: boolean, group?: string): Promise<Stored> {
  const credentials = required(ctx.credentials, 'credentials')
  const key = item.key ?? item.credentialId
  const created = await credentials.insert({ _id: key, issuerId, ...item.record, credential: signed, ...(group !== undefined ? { statusGroup: group } : {}) })
  if (created || refuse) return { credential: signed, created }
  const stored = await credentials.get(key)
  return { credential: stored?.credential ?? signed, created, createdAt: stored?.createdAt }
}

/**
 * After a failed step, was the credential stored all the same (an insert whose answer was lost)? When the store
 * cannot say, it counts as stored: the entry then stays reserved, private to this issuer, until the sweeper.
 */
async function storedAnyway (ctx: IssuingContext, id: string): Promise<boolean> {
  try {
    return (await required(ctx.credentials, 'credentials').get(id)) !== null
  } catch {
    return true
  }
}

export async function issueOne (ctx: IssuingContext, item: IssueItem, opts: IssueOneOptions): Promise<Stored> {
  const { issuerId } = opts
  const key = item.key ?? item.credentialId
  opts.check?.catch(() => {}) // observed below; not an unhandled rejection when the signer look-up throws first
  const active = opts.signer ?? await activeSigner(ctx, issuerId)
  // an entry of a credential stored in `credentials` is settled with its group by the sweeper; one stored
  // elsewhere (an endorsement) is bound here once stored
  const group = opts.status === 'allocate' && opts.store === undefined ? awardGroup() : undefined
  const [checked, allocated] = await Promise.allSettled([
    opts.check,
    opts.status === 'allocate' ? ctx.status.allocate({ issuerId, credentialId: key, group }) : undefined
  ])
  if (checked.status === 'rejected') {
    if (allocated.status === 'fulfilled' && allocated.value !== undefined) await ctx.status.release({ issuerId, credentialId: key }).catch(() => {})
    throw checked.reason
  }
  if (allocated.status === 'rejected') throw allocated.reason
  const credentialStatus = allocated.value
  let settled = false // the id's credential exists (ours or a twin's sharing the entry): the entry is never released
  try {
    const unsigned = item.build(credentialStatus)
    const signed = opts.sign ? await opts.sign(unsigned, active) : await signOne(ctx, active, unsigned)
    const stored = opts.store ? await opts.store(signed) : await storeCredential(ctx, issuerId, item, signed, opts.duplicate !== undefined, group)
    settled = true
    if (!stored.created && opts.duplicate) throw opts.duplicate()
    await Promise.all([
      opts.stored?.(stored),
      opts.emit !== false ? emitOne({ issuedCount: required(ctx.issuedCount, 'issuedCount'), queues: required(ctx.queues, 'queues') }, key, { issuerId, emit: opts.emit }) : undefined,
      credentialStatus !== undefined && group === undefined ? ctx.status.bind(key) : undefined
    ])
    return stored
  } catch (err) {
    if (opts.release && credentialStatus && !settled && !await storedAnyway(ctx, key)) {
      await ctx.status.release({ issuerId, credentialId: key }).catch(() => {})
    }
    throw err
  }
}

export interface IssueManyOptions {
  issuerId: string
  /** entries allocated at once and grouped: the sweeper binds the group in one update (libs/status sweeper.ts) */
  status: { group: string }
  signer?: ActiveSigner
  /** the proofs' time (default: now, per credential) */
  created?: string
}

export type ManyOutcome<I> = { item: I; credential: Json } | { item: I; error: unknown }

/**
 * Many credentials of one issuer (a batch chunk): one allocateMany, build + sign (on the signing threads when
 * present), one unordered insertMany. Per-item failures are returned, not thrown; with no signer every item fails
 * before a slot is spent. A duplicate `_id` is an item issued before a crash: the stored credential wins (the
 * outcome carries this run's signed copy). Binding is left to the group's sweeper and the event to the caller,
 * which queues one per chunk once nothing is left to retry (emit.ts `emitIssued`).
 */
export async function issueMany<I extends IssueItem> (ctx: IssuingContext, items: I[], opts: IssueManyOptions): Promise<Array<ManyOutcome<I>>> {
  if (items.length === 0) return []
  const { issuerId, status: { group } } = opts
  let active = opts.signer
  if (!active) {
    try {
      active = await activeSigner(ctx, issuerId)
    } catch (error) {
      return items.map(item => ({ item, error }))
    }
  }
  const statuses = await ctx.status.allocateMany({ issuerId, credentialIds: items.map(i => i.credentialId), group })
  const signed: SignOutcome[] = await signMany(ctx, active, items.map((item, i) => () => item.build(statuses[i])), opts.created)
  const out: Array<ManyOutcome<I>> = signed.map((s, i) => ({ item: items[i], ...s }))
  const stored = out.flatMap(o => 'credential' in o ? [o] : [])
  await required(ctx.credentials, 'credentials').insertMany(stored.map(({ item, credential }) => ({
    _id: item.credentialId, issuerId, ...item.record, credential, statusGroup: group
  })))
  return out
}
