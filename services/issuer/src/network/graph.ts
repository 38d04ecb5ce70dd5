// GET /network/graph (CONTRACT.md): who endorses whom among current members. Nodes are issuers (by Profile id,
// their DID) and the endorsed achievements (by Achievement id); edges are live endorsements, endorser -> subject.
import { findAchievementsByIds } from './achievements.js'
import { withoutRevoked } from './accepted.js'
import type { NetworkContext } from './context.js'

export interface GraphNode { id: string; kind: 'issuer' | 'achievement'; name: string; issuerId?: string; issuer?: string }
export interface GraphEdge { from: string; to: string; endorsementId: string; url: string; since: string; accepted: boolean }
export interface NetworkGraph { nodes: GraphNode[]; edges: GraphEdge[]; truncated: boolean }

/** The graph is drawn in one response; past this many endorsements it is cut (oldest first kept). */
export const MAX_EDGES = 2000

export async function buildGraph (ctx: NetworkContext): Promise<NetworkGraph> {
  const members = await ctx.members.current()
  const memberIds = new Set(members.map(m => m._id))
  const issuers = await ctx.issuers.list({ ids: [...memberIds] })
  const didOf = new Map(issuers.map(i => [i._id, i.profile.id]))
  const nodes: GraphNode[] = issuers.map(i => ({ id: i.profile.id, kind: 'issuer', name: i.profile.name, issuerId: i._id }))

  const found = await ctx.endorsements.find({ state: { $in: ['issued', 'accepted'] } }, MAX_EDGES + 1)
  const truncated = found.length > MAX_EDGES
  const among = found.slice(0, MAX_EDGES).filter(e => memberIds.has(e.endorserIssuerId) && memberIds.has(e.subjectIssuerId))
  const live = await withoutRevoked(among, ctx.status.isRevoked, ctx.endorsements)

  const achievementIds = [...new Set(live.filter(e => e.subjectKind === 'achievement').map(e => e.subjectId))]
  const achievements = await findAchievementsByIds(ctx.db, achievementIds)
  const known = new Set(achievements.map(a => a.achievement.id))
  for (const a of achievements) {
    nodes.push({ id: a.achievement.id, kind: 'achievement', name: a.achievement.name, issuer: didOf.get(a.issuerId) ?? a.issuerId })
  }
  const edges: GraphEdge[] = []
  for (const e of live) {
    const from = didOf.get(e.endorserIssuerId)
    if (!from || !e.credential || (e.subjectKind === 'achievement' && !known.has(e.subjectId))) continue
    edges.push({
      from,
      to: e.subjectId,
      endorsementId: e._id,
      url: e.credential.id,
      since: (e.issuedAt ?? e.createdAt).toISOString(),
      accepted: e.state === 'accepted'
    })
  }
  return { nodes, edges, truncated }
}

/**
 * The graph of the last `ttlMs`: the page and JSON are public and each build reads every live endorsement's
 * status, so bursts share one build. Writes through this module invalidate it; a revocation (made by the
 * revocation service) shows within `ttlMs`.
 */
export function createGraphCache (ctx: NetworkContext, ttlMs = 5000) {
  let cached: { at: number; graph: Promise<NetworkGraph> } | undefined
  return {
    get (): Promise<NetworkGraph> {
      if (!cached || Date.now() - cached.at > ttlMs) {
        const entry = { at: Date.now(), graph: buildGraph(ctx) }
        entry.graph.catch(() => { if (cached === entry) cached = undefined })
        cached = entry
      }
      return cached.graph
    },
    invalidate (): void { cached = undefined }
  }
}

export type GraphCache = ReturnType<typeof createGraphCache>
