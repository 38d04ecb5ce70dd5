// The status the learner's pages show (claim page, public badge page): the live status every public page shares
// (hosted/live-status.ts: revoked with the reason only when the issuer published it, expired, valid), plus "not
// yet valid", in the shape the learner templates render.
import type { IssuerContext } from '../context.js'

export type LearnerStatus =
  | { state: 'active' }
  | { state: 'revoked'; at?: Date; reason?: string }
  | { state: 'expired'; at: Date }
  | { state: 'notYetValid'; at: Date }

export async function liveStatus (ctx: IssuerContext, credential: Record<string, any>, now = new Date()): Promise<LearnerStatus> {
  const s = await ctx.liveStatus.statusOf(credential)
  if (s.state === 'revoked') return { state: 'revoked', at: new Date(s.revokedAt), ...(s.reason !== undefined ? { reason: s.reason } : {}) }
  if (s.state === 'expired') return { state: 'expired', at: new Date(s.validUntil) }
  const from = credential.validFrom ?? credential.issuanceDate
  if (typeof from === 'string' && Date.parse(from) > now.getTime()) return { state: 'notYetValid', at: new Date(from) }
  return { state: 'active' }
}
