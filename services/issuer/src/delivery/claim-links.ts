// Claim links: `ISSUER_PUBLIC_URL/claim/<token>` (CONTRACT.md "Learner delivery").
import type { IssuerContext } from '../context.js'

export const claimUrl = (publicUrl: string, token: string): string => `${publicUrl.replace(/\/+$/, '')}/claim/${token}`

/**
 * A fresh claim link for a credential (the token is returned once, stored hashed). `withTxCode`: the link comes with a
 * transaction code that wallet offers made from it will ask for; it travels in the same message as the link.
 */
export async function newClaimLink (ctx: IssuerContext, credentialId: string, issuerId: string, opts: { withTxCode?: boolean } = {}): Promise<{ url: string; expiresAt: Date; txCode?: string }> {
  const { token, expiresAt, txCode } = await ctx.claims.create(credentialId, issuerId, ctx.config.CLAIM_TTL_DAYS, opts)
  return { url: claimUrl(ctx.config.ISSUER_PUBLIC_URL, token), expiresAt, ...(txCode !== undefined ? { txCode } : {}) }
}
