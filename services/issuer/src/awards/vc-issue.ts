// VC-API issue (VCALM "Issue Credential"): signs any well-formed VC 2.0 or 1.1 credential of the key's issuer.
// Every check that can refuse the credential runs before a status slot is spent; a failure after the slot was
// reserved gives it back (allocator `release`), so a refused issuance blocks nothing and answers its own cause.
// Status, signing, storing, binding and the event are the issuing pipeline's (src/pipeline/issue.ts); what is the
// VC-API's own: the checks, the caller's id, the status plan, the suite, the proof's shape and the warnings.
import { randomUUID } from 'node:crypto'
import { credentialUrlPrefix, urnUuid } from '@obp/documents'
import { inspectTerms, issue } from '@obp/signing'
import type { IssuerContext } from '../context.js'
import { credentialKey, credentialUrl, lastSegment, scopedCredentialKey } from '../ids.js'
import { recordIssued } from '../records/record-items.js'
import { CredentialExists, CredentialIdRefused, InvalidCredential, IssuerNotFound, VocabTermsWarning, WrongIssuer } from '../errors.js'

const warning = (w: { code: string; message: string }): { code: string; message: string } => ({ code: w.code, message: w.message })
import { checkCredentialShape, issuerIdOf, suiteFromOptions } from './vc-shape.js'
import { checkVcRules } from './vc-rules.js'
import { checkCredentialImages, imageLimits } from '../images/image-input.js'
import { planStatus } from './vc-status.js'
import { issueOne, type ActiveSigner } from '../pipeline/issue.js'
import { activeSigner } from '../pipeline/sign.js'

const STATUS_CONTEXT = 'https://www.w3.org/ns/credentials/status/v1'
// OB 3.0 credentials keep `proof` as an array (the official JSON Schema); others get one proof object.
const OB_TYPES = new Set(['OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential'])
type Json = Record<string, unknown>

export interface VcIssueResult { verifiableCredential: Json; warnings: Array<{ code: string; message: string; terms: string[] }> }

/** Failures caused by the credential itself are the caller's 400, naming what is wrong. */
function asBadRequest (err: unknown): unknown {
  const code = (err as { code?: string })?.code
  if (code === 'OBP_SIGNING_UNDEFINED_TERM' || code === 'OBP_SIGNING_FAILED' || code === 'OBP_SIGNING_PROTECTED_TERM' ||
    code === 'OBP_DOCUMENTS_UNKNOWN_CONTEXT' || code === 'OBP_DOCUMENTS_NOT_ALLOWED') {
    return new InvalidCredential((err as Error).message)
  }
  // the VC library's TypeError on a malformed value (a URI it cannot parse): the input's fault
  if (err instanceof TypeError) return new InvalidCredential(`the credential could not be signed: ${err.message}`)
  return err
}

/** A caller's id: a URL under ISSUER_PUBLIC_URL/credentials/ or a urn:uuid (CONTRACT.md); else a fresh URL. */
function credentialIdOf (ctx: IssuerContext, input: Json, options: Json): string {
  if (options.credentialId !== undefined && (typeof options.credentialId !== 'string' || (input.id !== undefined && input.id !== options.credentialId))) {
    throw new InvalidCredential('"options.credentialId" must be a URL equal to "credential.id" when both are given')
  }
  const given = (options.credentialId ?? input.id) as string | undefined
  if (given === undefined) return credentialUrl(ctx.config.ISSUER_PUBLIC_URL, randomUUID())
  const prefix = credentialUrlPrefix(ctx.config.ISSUER_PUBLIC_URL)
  const uuid = urnUuid(given)
  if (uuid !== undefined) return `urn:uuid:${uuid}`
  if (given.startsWith(prefix) && /^[A-Za-z0-9._~-]{1,200}$/.test(given.slice(prefix.length))) return given
  throw new CredentialIdRefused(given, prefix)
}

/**
 * Where a caller's id is stored (ids are unique per issuer, @obp/documents `scopedCredentialKey`). Its twins are
 * the ids with the same key (`urn:uuid:U` and ISSUER_PUBLIC_URL/credentials/U are both served as /credentials/U).
 * This issuer holding the id or a twin, under either key, is a 409; another issuer holding one of them sends this
 * issuer's credential to its issuer-scoped key, so that the answer is the one any unused id gets. Every read is
 * an `_id` read, run together.
 */
async function storageKey (ctx: IssuerContext, issuerId: string, id: string): Promise<string> {
  const key = credentialKey(id)
  const twins = new Set([id, credentialUrl(ctx.config.ISSUER_PUBLIC_URL, key)])
  if (urnUuid(`urn:uuid:${key}`) !== undefined) twins.add(`urn:uuid:${key.toLowerCase()}`)
  const keys = [...twins].flatMap(twin => [twin, scopedCredentialKey(issuerId, twin)])
  const found = (await Promise.all(keys.map(k => ctx.credentials.get(k)))).filter(r => r !== null)
  if (found.some(r => r.issuerId === issuerId)) throw new CredentialExists(id)
  return found.length === 0 ? id : scopedCredentialKey(issuerId, id)
}

/** Another issuer took the id between `storageKey` and the store (its entry, or its credential without one). */
async function heldByAnother (ctx: IssuerContext, issuerId: string, id: string, err: unknown): Promise<boolean> {
  const code = (err as { code?: string }).code
  if (code === 'OBP_STATUS_ENTRY_CONFLICT') return true
  if (code !== 'OBP_ISSUER_CREDENTIAL_EXISTS') return false
  const holder = await ctx.credentials.get(id)
  return holder !== null && holder.issuerId !== issuerId
}

/** Signed with the requested suite; OB 3.0 credentials keep their proof array, others get the one proof as an object. */
async function sign (ctx: IssuerContext, credential: Json, active: ActiveSigner, suite: ReturnType<typeof suiteFromOptions>): Promise<Json> {
  let signed: Json
  try {
    signed = await issue({ credential, signer: active.signer, key: active.key, suite, documentLoader: ctx.documentLoader }) as Json
  } catch (err) {
    throw asBadRequest(err)
  }
  const types = [signed.type].flat()
  const proofs = [signed.proof].flat()
  return types.some(t => OB_TYPES.has(t as string)) || proofs.length !== 1 ? signed : { ...signed, proof: proofs[0] }
}

export async function issueGeneric (ctx: IssuerContext, issuerId: string, body: { credential?: unknown; options?: Json }): Promise<VcIssueResult> {
  const { version, credential: input } = checkCredentialShape(body.credential)
  checkVcRules(input)
  checkCredentialImages(input, imageLimits(ctx.config)) // data: images pass the upload checks (hosted/badge-image.ts bakes them)
  const issuer = await ctx.issuers.get(issuerId)
  if (!issuer) throw new IssuerNotFound(issuerId)
  const named = issuerIdOf(input)
  if (named !== issuer.did) throw new WrongIssuer(named, issuer.did)
  const options = body.options ?? {} // unknown option keys are ignored (VCALM clients send their own)
  const active = await activeSigner(ctx, issuerId)
  const suite = suiteFromOptions(options, active.key.type)
  const id = credentialIdOf(ctx, input, options)
  const plan = planStatus(input, options, version, issuer, ctx.config.REVOCATION_PUBLIC_URL)
  const credential: Json = { ...input, id }
  if (version === 1 && credential.issuanceDate === undefined) credential.issuanceDate = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
  if (plan === 'allocate' && version === 1) {
    // Bitstring Status List's terms are a VCDM 2.0 context: a 1.1 credential that asked for an entry gets it.
    const list = credential['@context'] as unknown[]
    if (!list.includes(STATUS_CONTEXT)) credential['@context'] = [...list, STATUS_CONTEXT]
  }
  let vocabTerms: string[]
  try {
    ({ vocabTerms } = await inspectTerms({ document: credential, documentLoader: ctx.documentLoader }))
  } catch (err) {
    throw asBadRequest(err)
  }
  const key = await storageKey(ctx, issuerId, id)
  const issueAt = async (storeKey: string): Promise<Json> => (await issueOne(ctx, {
    credentialId: id,
    key: storeKey,
    build: credentialStatus => credentialStatus ? { ...credential, credentialStatus } : credential
  }, {
    issuerId,
    status: plan === 'allocate' ? 'allocate' : 'none',
    signer: active,
    sign: async unsigned => await sign(ctx, unsigned, active, suite),
    duplicate: () => new CredentialExists(id),
    stored: async stored => await recordVcApi(ctx, issuerId, stored.credential),
    emit: {},
    release: true
  })).credential
  let verifiableCredential: Json
  try {
    verifiableCredential = await issueAt(key)
  } catch (err) {
    // another issuer's issuance of the same id ran at the same time and won the id: this one takes its scoped key
    if (key !== id || !await heldByAnother(ctx, issuerId, id, err)) throw err
    verifiableCredential = await issueAt(scopedCredentialKey(issuerId, id))
  }
  const warnings = vocabTerms.length === 0
    ? []
    : [{ ...warning(new VocabTermsWarning(vocabTerms.join(', '))), terms: vocabTerms }]
  return { verifiableCredential, warnings }
}

/** Listed in the issuer's records like its awards: its achievement and subject, when it names them. */
async function recordVcApi (ctx: IssuerContext, issuerId: string, signed: Json): Promise<void> {
  const subject = (Array.isArray(signed.credentialSubject) ? signed.credentialSubject[0] : signed.credentialSubject) as { id?: unknown; name?: unknown; achievement?: { id?: unknown } } | undefined
  const achievementId = typeof subject?.achievement?.id === 'string' ? subject.achievement.id : ''
  const recipient = { ...(typeof subject?.id === 'string' ? { did: subject.id } : {}), ...(typeof subject?.name === 'string' ? { name: subject.name } : {}) }
  await recordIssued(ctx, issuerId, [{ credential: signed, achievementKey: achievementId === '' ? '-' : lastSegment(achievementId), award: { recipient } }])
}
