// The current status of a credential as the learner's pages show it: revoked (when, why: the revocation audit),
// expired (validUntil passed), not yet valid, or active. One small function, shared by the claim page and the
// public credential page.
import { createStatusStore } from '@obp/status'
import type { IssuerContext } from '../context.js'

export type LiveStatus =
  | { state: 'active' }
  | { state: 'revoked'; at?: Date; reason?: string }
  | { state: 'expired'; at: Date }
  | { state: 'notYetValid'; at: Date }

export async function liveStatus (ctx: IssuerContext, credential: Record<string, any>, now = new Date()): Promise<LiveStatus> {
  const id = typeof credential.id === 'string' ? credential.id : undefined
  if (id) {
    const history = await createStatusStore(ctx.db).history(id)
    const last = history.at(-1)
    if (last?.to === 'revoked') return { state: 'revoked', at: last.at, ...(last.reason ? { reason: last.reason } : {}) }
  }
  const until = credential.validUntil ?? credential.expirationDate
  if (typeof until === 'string' && Date.parse(until) <= now.getTime()) return { state: 'expired', at: new Date(until) }
  const from = credential.validFrom ?? credential.issuanceDate
  if (typeof from === 'string' && Date.parse(from) > now.getTime()) return { state: 'notYetValid', at: new Date(from) }
  return { state: 'active' }
}
