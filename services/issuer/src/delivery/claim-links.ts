// Claim links: `ISSUER_PUBLIC_URL/claim/<token>` (CONTRACT.md "Learner delivery").
import type { IssuerContext } from '../context.js'

export const claimUrl = (publicUrl: string, token: string): string => `${publicUrl.replace(/\/+$/, '')}/claim/${token}`

/** A fresh claim link for a credential (the token is returned once, stored hashed). */
export async function newClaimLink (ctx: IssuerContext, credentialId: string, issuerId: string): Promise<{ url: string; expiresAt: Date }> {
  const { token, expiresAt } = await ctx.claims.create(credentialId, issuerId, ctx.config.CLAIM_TTL_DAYS)
  return { url: claimUrl(ctx.config.ISSUER_PUBLIC_URL, token), expiresAt }
}
