// The holder-bound copy of an award (issue 17): the same achievement and the original identity object, bound to the
// wallet's DID (`credentialSubject.id`), with its own id and its own status entry (OB 3.0 allows one
// `credentialStatus`, so a copy cannot also carry the award's). It runs the issuing pipeline like a single award
// (allocate by the copy's id, sign, store with `derivedFrom` = the award, bind), with no `credential.issued`: the
// copy is a delivery of the award, not a new award. Revoking or restoring the award changes the copy's bit too:
// the copy is linked to its award in `status_copies` and the revocation service's status change cascades
// (libs/status status-store.ts).
import { randomUUID } from 'node:crypto'
import { enqueuePublish, STATUS_PUBLISH_WINDOW_MS } from '@obp/service-kit'
import { createStatusStore } from '@obp/status'
import type { IssuerContext } from '../context.js'
import { credentialUrl } from '../ids.js'
import { AwardNotDeliverable } from '../errors.js'
import { issueOne } from '../pipeline/issue.js'

export async function issueHolderCopy (ctx: IssuerContext, awardId: string, issuerId: string, holderDid: string): Promise<Record<string, unknown>> {
  const award = await ctx.credentials.get(awardId)
  if (!award || award.issuerId !== issuerId) throw new Error('award not found')
  await assertDeliverable(ctx, award.credential as Record<string, unknown>)
  const { proof: _proof, credentialStatus: _awardStatus, ...unsigned } = award.credential as Record<string, any>
  const id = credentialUrl(ctx.config.ISSUER_PUBLIC_URL, randomUUID())
  const status = createStatusStore(ctx.db)
  // The link first: a crash later leaves at most a link to a copy that has no entry (the cascade skips it), never
  // a stored copy that the award's revocation cannot reach.
  await status.linkCopy({ awardId, copyId: id, issuerId })
  // the award's dates, achievement and identity object; the id, the subject's DID and the status entry are new
  const { credential } = await issueOne(ctx, {
    credentialId: id,
    build: credentialStatus => ({ ...unsigned, id, credentialSubject: { ...unsigned.credentialSubject, id: holderDid }, ...(credentialStatus ? { credentialStatus } : {}) }),
    record: { achievementId: award.achievementId, derivedFrom: awardId }
  }, { issuerId, status: 'allocate', emit: false })
  // A revocation of the award running meanwhile may have read the links before this copy's entry existed: the
  // award's bit, read now that the copy is stored and linked, is applied to it (and its list's publish asked for,
  // as the revocation service does after a change).
  const listId = await status.followAward({ awardId, copyId: id })
  if (listId) await enqueuePublish(ctx.queues.statusPublish, { listId }, STATUS_PUBLISH_WINDOW_MS)
  return credential
}

/** A revoked or expired award is not delivered to a wallet (checked when offers are minted, and again at issue). */
export async function assertDeliverable (ctx: IssuerContext, award: Record<string, unknown>): Promise<void> {
  const status = await ctx.liveStatus.statusOf(award)
  if (status.state !== 'valid') throw new AwardNotDeliverable(status.state)
}
