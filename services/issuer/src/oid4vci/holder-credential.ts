// The holder-bound copy of an award (issue 17): the same achievement and the original identity object, bound to the
// wallet's DID (`credentialSubject.id`), with its own id. It shares the award's status entry (the same list and
// index), so revoking the award revokes every copy; `derivedFrom` in the store links the copy to its award.
import { randomUUID } from 'node:crypto'
import { issue } from '@obp/signing'
import type { IssuerContext } from '../context.js'
import { credentialUrl } from '../ids.js'
import { AwardNotDeliverable, SigningUnavailable } from '../errors.js'

export async function issueHolderCopy (ctx: IssuerContext, awardId: string, issuerId: string, holderDid: string): Promise<Record<string, unknown>> {
  const award = await ctx.credentials.get(awardId)
  if (!award || award.issuerId !== issuerId) throw new Error('award not found')
  await assertDeliverable(ctx, award.credential as Record<string, unknown>)
  const { proof: _proof, ...unsigned } = award.credential as Record<string, any>
  const id = credentialUrl(ctx.config.ISSUER_PUBLIC_URL, randomUUID())
  // the award's dates, achievement, identity object and status entry; only the id and the subject's DID are new
  const copy = { ...unsigned, id, credentialSubject: { ...unsigned.credentialSubject, id: holderDid } }
  const active = await ctx.signers.signerFor(issuerId)
  if (!active) throw new SigningUnavailable(issuerId)
  const signed = await issue({ credential: copy, signer: active.signer, key: active.key, documentLoader: ctx.documentLoader }) as Record<string, unknown>
  await ctx.credentials.insert({ _id: id, issuerId, achievementId: award.achievementId, credential: signed, derivedFrom: awardId })
  return signed
}

/** A revoked or expired award is not delivered to a wallet (checked when offers are minted, and again at issue). */
export async function assertDeliverable (ctx: IssuerContext, award: Record<string, unknown>): Promise<void> {
  const status = await ctx.liveStatus.statusOf(award)
  if (status.state !== 'valid') throw new AwardNotDeliverable(status.state)
}
