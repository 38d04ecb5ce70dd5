// Duplicate awards (CONTRACT.md "Records"): an achievement awarded again to a recipient who holds it from this
// issuer is refused with the credential they hold, unless the award says `allowDuplicate: true`. A recipient
// who no longer holds it (revoked, or an award that never finished) can be awarded again.
import type { IssuerContext } from '../context.js'
import { awardIdentity, recipientHash } from './lookup-key.js'
import { awardKeyOf, STALE_CLAIM_MS } from './award-keys.js'

export interface DuplicateCandidate { achievementKey: string; recipient: unknown; credentialId: string; allowDuplicate?: boolean }

/** The award key a candidate claims: none for an award that allows duplicates, or a recipient with no identity. */
export function awardKeyFor (ctx: IssuerContext, issuerId: string, c: DuplicateCandidate): string | undefined {
  const identity = awardIdentity(c.recipient)
  if (c.allowDuplicate === true || identity === undefined) return undefined
  return awardKeyOf(issuerId, c.achievementKey, recipientHash(ctx.lookupKey, identity))
}

/** For each candidate, the id of the credential its recipient already holds, or undefined (then it holds the key). */
export async function findDuplicates (ctx: IssuerContext, issuerId: string, candidates: DuplicateCandidate[]): Promise<Array<string | undefined>> {
  const out: Array<string | undefined> = new Array(candidates.length).fill(undefined)
  const checked: Array<{ i: number; key: string; credentialId: string }> = []
  candidates.forEach((c, i) => {
    const key = awardKeyFor(ctx, issuerId, c)
    if (key !== undefined) checked.push({ i, key, credentialId: c.credentialId })
  })
  const holders = await ctx.awardKeys.claimMany(checked.map(({ key, credentialId }) => ({ key, credentialId })))
  await Promise.all(checked.map(async ({ i, key, credentialId }, n) => {
    const holder = holders[n]
    if (holder.credentialId === credentialId) return // ours: first, or this award repeated
    out[i] = await stillHeld(ctx, key, holder, credentialId)
  }))
  return out
}

async function stillHeld (ctx: IssuerContext, key: string, holder: { credentialId: string; at: Date }, credentialId: string): Promise<string | undefined> {
  const stored = await ctx.credentials.get(holder.credentialId)
  const gone = stored ? (await ctx.status.isRevoked({ credentialId: holder.credentialId })) === true : Date.now() - holder.at.getTime() > STALE_CLAIM_MS
  if (!gone) return holder.credentialId
  if (await ctx.awardKeys.takeOver(key, holder.credentialId, credentialId)) return undefined
  return (await ctx.awardKeys.claim(key, credentialId)).credentialId // someone else took it over first
}
