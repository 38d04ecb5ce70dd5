// What the network says about an issuer (docs/decisions/0005-network-and-endorsements.md, "The verifier reports it"): is it a current member, and which
// current members endorse it or one of its achievements, through live (issued or accepted, unexpired,
// unrevoked) endorsements. Served at GET /network/trust for the verifier, which talks to services over HTTP.
import { expired, withoutRevoked } from './accepted.js'
import type { NetworkContext } from './context.js'

export interface TrustEndorser {
  issuerId: string
  id: string // the endorser's Profile id (DID)
  name: string
  endorsementId: string
  url: string
  subjectId: string
  subjectKind: 'achievement' | 'profile'
  since: string
  accepted: boolean
}

/** `network`: the network's name, so a verifier can say whose member the issuer is. */
export interface Trust { issuer: string; network: string; member: boolean; since?: string; endorsedBy: TrustEndorser[] }

export async function trustOf (ctx: NetworkContext, q: { issuer: string; achievement?: string }): Promise<Trust> {
  const record = await ctx.issuers.getByDid(q.issuer)
  if (!record) return { issuer: q.issuer, network: ctx.networkName, member: false, endorsedBy: [] }
  const membership = await ctx.members.get(record._id)
  const current = membership !== null && membership.removedAt === undefined ? membership : null
  const subjects = [record.profile.id, ...(q.achievement ? [q.achievement] : [])]
  const found = await ctx.endorsements.find({ subjectIssuerId: record._id, subjectId: { $in: subjects }, state: { $in: ['issued', 'accepted'] } }, 200)
  const members = await ctx.members.currentIds()
  const now = Date.now()
  const live = await withoutRevoked(found.filter(e => members.has(e.endorserIssuerId) && !expired(e, now)), ctx.status.isRevoked, ctx.endorsements)
  const endorsers = new Map((await ctx.issuers.list({ ids: [...new Set(live.map(e => e.endorserIssuerId))] })).map(i => [i._id, i]))
  const endorsedBy = live.flatMap((e): TrustEndorser[] => {
    const endorser = endorsers.get(e.endorserIssuerId)
    if (!endorser || !e.credential) return []
    return [{
      issuerId: endorser._id,
      id: endorser.profile.id,
      name: endorser.profile.name,
      endorsementId: e._id,
      url: e.credential.id,
      subjectId: e.subjectId,
      subjectKind: e.subjectKind,
      since: (e.issuedAt ?? e.createdAt).toISOString(),
      accepted: e.state === 'accepted'
    }]
  })
  return { issuer: q.issuer, network: ctx.networkName, member: current !== null, ...(current ? { since: current.since.toISOString() } : {}), endorsedBy }
}
