// Issuing EndorsementCredentials (OB 3.0 §B.2.1), directly or for a request, signed by the ENDORSER's active key
// and carrying their own status entry, so they can be revoked like any credential (Bitstring Status List §2.1).
// They run the issuing pipeline (src/pipeline/issue.ts: allocate -> build -> sign -> store -> bind); the store is the
// endorsement's own record, under the one-live-endorsement rule, and no `credential.issued` is queued (not an award).
import { randomUUID } from 'node:crypto'
import { buildEndorsementCredential, type Profile } from '@obp/ob3'
import { issueOne } from '../pipeline/issue.js'
import { withoutRevoked } from './accepted.js'
import type { NetworkContext } from './context.js'
import { LiveSlotTaken, liveSlotOf, type EndorsementRecord, type NewEndorsement } from './endorsement-store.js'
import {
  AlreadyEndorsed, AlreadyRequested, WrongState, IssuerNotFound, NotAMember, RequestNotFound, SelfEndorsement, SigningKeyMissing, SubjectNotFound, SubjectNotOwned
} from './errors.js'
import { resolveSubject, type ResolvedSubject } from './subjects.js'

export type SignedCredential = Record<string, unknown> & { id: string }

export function endorsementUrl (ctx: NetworkContext, endorsementId: string): string {
  return `${ctx.publicUrl}/endorsements/${endorsementId}`
}

async function requireMember (ctx: NetworkContext, issuerId: string): Promise<void> {
  if (!(await ctx.members.isMember(issuerId))) throw new NotAMember(issuerId)
}

/** The subject must be an achievement or profile of a current member other than `notOf`. */
async function memberSubject (ctx: NetworkContext, subjectId: string): Promise<ResolvedSubject> {
  const subject = await resolveSubject(ctx.db, ctx.issuers, subjectId, ctx.publicUrl)
  if (!subject || !(await ctx.members.isMember(subject.issuerId))) throw new SubjectNotFound(subjectId)
  return subject
}

/**
 * Signs the endorsement and stores it with `save` (which may refuse: nothing is bound then, and the reserved entry
 * of the credential id is shared by a concurrent twin or voided by the sweeper).
 */
async function issueEndorsement (ctx: NetworkContext, e: NewEndorsement, subjectName: string, comment: string | undefined, save: (credential: SignedCredential) => Promise<EndorsementRecord>): Promise<EndorsementRecord> {
  const endorser = await ctx.issuers.get(e.endorserIssuerId)
  if (!endorser) throw new IssuerNotFound(e.endorserIssuerId)
  const signing = await ctx.signers.signerFor(e.endorserIssuerId)
  if (!signing) throw new SigningKeyMissing(e.endorserIssuerId)
  const id = endorsementUrl(ctx, e._id)
  let record: EndorsementRecord | undefined
  await issueOne(ctx, {
    credentialId: id,
    build: credentialStatus => buildEndorsementCredential({
      id,
      issuer: endorser.profile as unknown as Profile,
      subjectId: e.subjectId,
      name: `Endorsement of ${subjectName} by ${endorser.profile.name}`,
      ...(comment ? { comment } : {}),
      credentialStatus
    }) as unknown as Record<string, unknown>
  }, {
    issuerId: e.endorserIssuerId,
    status: 'allocate',
    signer: signing,
    store: async signed => {
      record = await save(signed as SignedCredential)
      return { credential: signed, created: true }
    },
    emit: false
  })
  return record as EndorsementRecord
}

/**
 * One live endorsement per endorser and subject, so the graph has one edge per pair and a new comment means
 * revoking the old endorsement first. Checked here first (a clear 409 before anything is signed); the unique
 * `liveSlot` index decides between concurrent calls (endorsement-store.ts).
 */
async function refuseDuplicate (ctx: NetworkContext, endorserIssuerId: string, subjectId: string): Promise<void> {
  const found = await ctx.endorsements.find({ endorserIssuerId, subjectId, state: { $in: ['issued', 'accepted'] } }, 10)
  const live = await withoutRevoked(found, ctx.status.isRevoked, ctx.endorsements)
  if (live.length > 0) throw new AlreadyEndorsed(subjectId, live[0]._id)
}

async function takingLiveSlot<T> (ctx: NetworkContext, e: Pick<EndorsementRecord, 'endorserIssuerId' | 'subjectId'>, subjectId: string, write: () => Promise<T>): Promise<T> {
  try {
    return await ctx.endorsements.withLiveSlot(liveSlotOf(e), async credentialId => await ctx.status.isRevoked({ credentialId }), write)
  } catch (err) {
    if (err instanceof LiveSlotTaken) throw new AlreadyEndorsed(subjectId, err.holder)
    throw err
  }
}

/** POST /issuers/:issuerId/endorsements: a member endorses another member's achievement or profile. */
export async function endorse (ctx: NetworkContext, endorserIssuerId: string, body: { subjectId: string; comment?: string }): Promise<EndorsementRecord> {
  await requireMember(ctx, endorserIssuerId)
  const subject = await memberSubject(ctx, body.subjectId)
  if (subject.issuerId === endorserIssuerId) throw new SelfEndorsement()
  await refuseDuplicate(ctx, endorserIssuerId, subject.id)
  const e: NewEndorsement = { _id: randomUUID(), endorserIssuerId, subjectId: subject.id, subjectIssuerId: subject.issuerId, subjectKind: subject.kind }
  // a status entry reserved for a credential that loses the race is voided by the sweeper
  return await issueEndorsement(ctx, e, subject.name, body.comment, async credential =>
    await takingLiveSlot(ctx, e, subject.id, () => ctx.endorsements.insertIssued(e, credential)))
}

/** POST /issuers/:issuerId/endorsement-requests: a member asks another member to endorse one of its own subjects. */
export async function requestEndorsement (ctx: NetworkContext, requesterIssuerId: string, body: { endorserIssuerId: string; subjectId: string; message?: string }): Promise<EndorsementRecord> {
  await requireMember(ctx, requesterIssuerId)
  const subject = await memberSubject(ctx, body.subjectId)
  // One may only ask for endorsements of what one owns.
  if (subject.issuerId !== requesterIssuerId) throw new SubjectNotOwned(body.subjectId)
  if (body.endorserIssuerId === requesterIssuerId) throw new SelfEndorsement()
  await requireMember(ctx, body.endorserIssuerId)
  const [pending] = await ctx.endorsements.find({ endorserIssuerId: body.endorserIssuerId, subjectId: subject.id, state: 'requested' }, 1)
  if (pending) throw new AlreadyRequested(subject.id, pending._id)
  return ctx.endorsements.insertRequest({
    _id: randomUUID(), endorserIssuerId: body.endorserIssuerId, subjectId: subject.id, subjectIssuerId: subject.issuerId, subjectKind: subject.kind
  }, body.message)
}

async function pendingRequest (ctx: NetworkContext, endorserIssuerId: string, requestId: string): Promise<EndorsementRecord> {
  const request = await ctx.endorsements.get(requestId)
  if (!request || request.endorserIssuerId !== endorserIssuerId) throw new RequestNotFound(requestId)
  if (request.state !== 'requested') throw new WrongState(requestId, request.state)
  return request
}

/** POST .../endorsement-requests/:requestId/issue: the endorser grants a request; the endorsement keeps its id. */
export async function issueRequested (ctx: NetworkContext, endorserIssuerId: string, requestId: string, body: { comment?: string }): Promise<EndorsementRecord> {
  const request = await pendingRequest(ctx, endorserIssuerId, requestId)
  await requireMember(ctx, endorserIssuerId)
  const subject = await memberSubject(ctx, request.subjectId)
  await refuseDuplicate(ctx, endorserIssuerId, subject.id)
  return await issueEndorsement(ctx, request, subject.name, body.comment, async credential => {
    const issued = await takingLiveSlot(ctx, request, subject.id, () => ctx.endorsements.issueRequest(requestId, endorserIssuerId, credential, liveSlotOf(request)))
    if (issued) return issued
    // A concurrent issue or decline won; the status entry (same credential id) is shared or swept.
    const now = await ctx.endorsements.get(requestId)
    throw new WrongState(requestId, now?.state ?? 'gone')
  })
}

export async function declineRequest (ctx: NetworkContext, endorserIssuerId: string, requestId: string): Promise<EndorsementRecord> {
  await pendingRequest(ctx, endorserIssuerId, requestId)
  const declined = await ctx.endorsements.decline(requestId, endorserIssuerId)
  if (!declined) throw new WrongState(requestId, (await ctx.endorsements.get(requestId))?.state ?? 'gone')
  return declined
}
