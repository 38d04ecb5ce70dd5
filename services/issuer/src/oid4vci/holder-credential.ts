// The holder-bound copy of an award (issue 17): the same achievement and the original identity object, bound to the
// wallet's DID (`credentialSubject.id`), with its own id. It shares the award's status entry (the same list and
// index), so revoking the award revokes every copy; `derivedFrom` in the store links the copy to its award. It runs the
// issuing pipeline's sign and store steps (src/pipeline/issue.ts) with no status step of its own, nothing to bind and
// no `credential.issued`: the copy is a delivery of the award, not a new award.
import { randomUUID } from 'node:crypto'
import type { IssuerContext } from '../context.js'
import { credentialUrl } from '../ids.js'
import { AwardNotDeliverable } from '../errors.js'
import { issueOne } from '../pipeline/issue.js'

export async function issueHolderCopy (ctx: IssuerContext, awardId: string, issuerId: string, holderDid: string): Promise<Record<string, unknown>> {
  const award = await ctx.credentials.get(awardId)
  if (!award || award.issuerId !== issuerId) throw new Error('award not found')
  await assertDeliverable(ctx, award.credential as Record<string, unknown>)
  const { proof: _proof, ...unsigned } = award.credential as Record<string, any>
  const id = credentialUrl(ctx.config.ISSUER_PUBLIC_URL, randomUUID())
  // the award's dates, achievement, identity object and status entry; only the id and the subject's DID are new
  const copy = { ...unsigned, id, credentialSubject: { ...unsigned.credentialSubject, id: holderDid } }
  const { credential } = await issueOne(ctx, { credentialId: id, build: () => copy, record: { achievementId: award.achievementId, derivedFrom: awardId } }, {
    issuerId, status: 'none', emit: false
  })
  return credential
}

/** A revoked or expired award is not delivered to a wallet (checked when offers are minted, and again at issue). */
export async function assertDeliverable (ctx: IssuerContext, award: Record<string, unknown>): Promise<void> {
  const status = await ctx.liveStatus.statusOf(award)
  if (status.state !== 'valid') throw new AwardNotDeliverable(status.state)
}
