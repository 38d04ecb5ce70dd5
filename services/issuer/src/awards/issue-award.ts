// The one award path (docs/decisions/0003-one-award-path.md): single awards and idempotent replays come here; they
// run the issuing pipeline (src/pipeline/issue.ts: allocate -> build -> sign -> store -> bind -> emit), each step
// idempotent for the credential id, so a retried request, a concurrent twin or a crash at any point ends with
// exactly one stored credential for the award. What is the award's own: the duplicate-award check before a slot is
// spent, the records listing once stored, and the learner's notification before the answer.
import { buildOpenBadgeCredential, type Achievement, type IssueRequest, type Profile } from '@obp/ob3'
import type { IssuerRecord } from '@obp/issuers'
import type { IssuerContext } from '../context.js'
import type { AchievementRecord } from '../stores/achievement-store.js'
import { achievementUrl, lastSegment } from '../ids.js'
import { queueNotifications } from '../delivery/queue-notifications.js'
import { AchievementNotFound, AlreadyAwarded, IdempotencyMismatch, IssuerNotFound } from '../errors.js'
import { awardKeyFor, findDuplicates } from '../records/duplicates.js'
import type { Claim } from '../stores/idempotency-store.js'
import { recordIssued } from '../records/record-items.js'
import { issueOne } from '../pipeline/issue.js'
import { emitOne } from '../pipeline/emit.js'

/** 409 with the id of the credential the recipient holds (the route adds it to the problem details). */
export function alreadyAwarded (credentialId: string): Error & { credentialId: string } {
  return Object.assign(new AlreadyAwarded(credentialId), { credentialId })
}

export interface AwardBasis { issuer: IssuerRecord; achievement: AchievementRecord; endorsements: Array<Record<string, unknown>> }
export interface AwardResult {
  credential: Record<string, unknown>
  created: boolean
  /** answered for a repeated Idempotency-Key: the first request's credential */
  replay?: boolean
}

/** The achievement a body names: its full id (under this issuer) or its last path segment. */
export function achievementKey (ctx: IssuerContext, issuerId: string, ref: string): string | undefined {
  const segment = lastSegment(ref)
  if (ref === segment) return segment
  return ref === achievementUrl(ctx.config.ISSUER_PUBLIC_URL, issuerId, segment) ? segment : undefined
}

/**
 * Issuer, achievement and the endorsements to embed (accepted, not revoked, of the achievement or the issuer),
 * read in parallel (the achievement id follows from the reference, so nothing waits for anything else).
 */
export async function loadAwardBasis (ctx: IssuerContext, issuerId: string, achievementRef: string, known?: IssuerRecord): Promise<AwardBasis> {
  const key = achievementKey(ctx, issuerId, achievementRef)
  if (key === undefined) throw new AchievementNotFound(achievementRef)
  const achievementId = achievementUrl(ctx.config.ISSUER_PUBLIC_URL, issuerId, key)
  const endorsementsOf = (profileId: string) => ctx.endorsements.acceptedFor(issuerId, [achievementId, profileId])
  const [issuer, achievement, early] = await Promise.all([
    known ?? ctx.issuers.get(issuerId), ctx.achievements.get(issuerId, key), known ? endorsementsOf(known.profile.id) : undefined
  ])
  if (!issuer) throw new IssuerNotFound(issuerId)
  if (!achievement) throw new AchievementNotFound(achievementRef)
  return { issuer, achievement, endorsements: early ?? await endorsementsOf(issuer.profile.id) }
}

/** The unsigned credential; throws OBP_OB3_* (400) for an award the builder refuses. */
export function buildAward (basis: AwardBasis, award: IssueRequest, credentialId: string, credentialStatus?: object): Record<string, unknown> {
  const credential = buildOpenBadgeCredential({
    id: credentialId,
    issuer: basis.issuer.profile as unknown as Profile,
    achievement: basis.achievement.achievement as Achievement,
    recipient: award.recipient,
    validFrom: award.validFrom,
    validUntil: award.validUntil,
    evidence: award.evidence,
    result: award.result,
    credentialStatus,
    endorsement: basis.endorsements.length > 0 ? basis.endorsements : undefined
  })
  return credential as unknown as Record<string, unknown>
}

export interface IssueAwardOptions {
  issuerId: string
  award: IssueRequest
  credentialId: string
  batchId?: string
  row?: number
  /** preloaded (a batch chunk loads it once) */
  basis?: AwardBasis
  /** the caller already looked (a batch chunk reads its issued rows in one query), or the id is fresh: skip the look-up */
  knownNew?: boolean
  /** the issuer record, when the caller has it */
  issuer?: IssuerRecord
  /**
   * The request's Idempotency-Key (and its body's hash), for a fresh `credentialId`: claimed with the award's own
   * claim. A replay answers the first request's credential (finishing it if need be), a reuse with another body is
   * refused (422); either way this request's claims are given back.
   */
  idempotency?: { key: string; bodyHash: string }
}

/** The Idempotency-Key was claimed before: the first request's outcome. */
class Repeated extends Error {
  constructor (readonly claim: Extract<Claim, { first: false }>) { super('repeated request') }
}

export async function issueAward (ctx: IssuerContext, opts: IssueAwardOptions): Promise<AwardResult> {
  const { issuerId, credentialId } = opts
  const done = opts.knownNew ? null : await ctx.credentials.get(credentialId)
  if (done && done.issuerId === issuerId) {
    // issued before a crash or by a concurrent twin: make sure the last steps happened, then answer it
    await recordIssued(ctx, issuerId, [{ credential: done.credential, achievementKey: done.achievementId ?? '', award: opts.award }], done.createdAt)
    await emitOne(ctx, credentialId, { issuerId, emit: { achievementId: done.achievementId, batchId: done.batchId } })
    await queueNotifications(ctx, [{ credentialId, issuerId, award: opts.award }])
    return { credential: done.credential, created: false }
  }
  const idem = opts.idempotency
  const claimKey = idem === undefined ? undefined : (): Promise<Claim> => ctx.idempotency.claim({ issuerId, kind: 'award', ...idem, resultId: credentialId })
  let basis: AwardBasis
  try {
    basis = opts.basis ?? await loadAwardBasis(ctx, issuerId, opts.award.achievementId, opts.issuer)
    buildAward(basis, opts.award, credentialId) // refuse bad awards before a status slot is spent
  } catch (err) {
    // a refused request keeps its key (as a first request), and a reused key is answered as such
    const claim = await claimKey?.().catch(() => undefined)
    if (claim !== undefined && !claim.first && !claim.sameBody) throw new IdempotencyMismatch()
    throw err
  }
  const achievementId = basis.achievement._id
  const candidate = { achievementKey: achievementId, recipient: opts.award.recipient, credentialId, allowDuplicate: opts.award.allowDuplicate }
  // the duplicate check (the award key's claim) runs alongside the allocation, and the Idempotency-Key's claim with
  // it, in the same turn: the group commit sends both claims as one insert. A recipient who holds the achievement
  // gives the slot back (409); so does a repeated request (and the award key it claimed), which then answers as the first.
  const duplicates = findDuplicates(ctx, issuerId, [candidate])
  const repeat = claimKey?.()
  const check = Promise.all([duplicates, repeat]).then(([[held], claim]) => {
    if (claim !== undefined && !claim.first) throw new Repeated(claim)
    if (held !== undefined) throw alreadyAwarded(held)
  })
  const batch = opts.batchId !== undefined ? { batchId: opts.batchId } : {}
  try {
    const { credential, created } = await issueOne(ctx, {
      credentialId,
      build: credentialStatus => buildAward(basis, opts.award, credentialId, credentialStatus),
      record: { achievementId, ...(opts.batchId !== undefined ? { batchId: opts.batchId, row: opts.row } : {}) }
    }, {
      issuerId,
      status: 'allocate',
      check,
      // once the credential exists and before answering: listed, and never left without its message
      stored: async stored => {
        await Promise.all([
          recordIssued(ctx, issuerId, [{ credential: stored.credential, achievementKey: achievementId, award: opts.award }], stored.createdAt),
          queueNotifications(ctx, [{ credentialId, issuerId, award: opts.award }])
        ])
      },
      emit: { achievementId, ...batch }
    })
    return { credential, created }
  } catch (err) {
    if (!(err instanceof Repeated)) throw err
    // the award key this request claimed (it held none before: its id is fresh) is given back
    const [held] = await duplicates
    const key = awardKeyFor(ctx, issuerId, candidate)
    if (held === undefined && key !== undefined) await ctx.awardKeys.release(key, credentialId)
    if (!err.claim.sameBody) throw new IdempotencyMismatch()
    const first = await issueAward(ctx, { ...opts, credentialId: err.claim.resultId, knownNew: false, idempotency: undefined })
    return { ...first, replay: true }
  }
}
