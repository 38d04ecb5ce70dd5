// Public reads: the endorsement credentials themselves, the graph (JSON and a page) and achievement search
// (docs/decisions/0005-network-and-endorsements.md, "See the network").
import type { FastifyInstance, FastifyReply } from 'fastify'
import { Type } from '@sinclair/typebox'
import { searchAchievements } from './achievements.js'
import type { NetworkContext } from './context.js'
import { EndorsementNotFound } from './errors.js'
import type { GraphCache } from './graph.js'
import { renderGraphPage } from './graph-page.js'
import { Credential, Graph, PublicEndorsementParams, SearchHit, SearchQuery, Trust, TrustQuery } from './schemas.js'
import { trustOf } from './trust.js'
import { searchHitView } from './views.js'

const tags = ['network']
// The page has no script; inline styles only. Names come from issuers, so nothing else may load.
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/** A browser (text/html, no JSON asked for) gets the page; everything else the JSON. */
function wantsHtml (accept: string | undefined): boolean {
  return accept !== undefined && /\btext\/html\b/.test(accept) && !/\bapplication\/json\b/.test(accept)
}

async function sendPage (graphs: GraphCache, reply: FastifyReply): Promise<FastifyReply> {
  const html = renderGraphPage(await graphs.get())
  return reply.type('text/html; charset=utf-8').header('content-security-policy', PAGE_CSP).header('cache-control', 'public, max-age=60').send(html)
}

export function publicRoutes (app: FastifyInstance, ctx: NetworkContext, graphs: GraphCache): void {
  app.get<{ Params: { endorsementId: string } }>('/endorsements/:endorsementId', {
    schema: { tags: ['endorsements'], summary: 'An EndorsementCredential, as signed', params: PublicEndorsementParams, response: { 200: Credential } }
  }, async (request, reply) => {
    const e = await ctx.endorsements.get(request.params.endorsementId)
    if (!e?.credential) throw new EndorsementNotFound(request.params.endorsementId)
    return reply.type('application/json').send(e.credential)
  })

  app.get('/network/graph', {
    schema: {
      tags,
      summary: 'Who endorses whom, as JSON; with Accept: text/html, the page drawing it',
      response: { 200: Graph }
    }
  }, async (request, reply) => {
    if (wantsHtml(request.headers.accept)) return sendPage(graphs, reply)
    return graphs.get()
  })

  app.get('/network', { schema: { tags, summary: 'The page drawing the network graph', produces: ['text/html'] } }, async (_request, reply) => sendPage(graphs, reply))

  app.get<{ Querystring: TrustQuery }>('/network/trust', {
    schema: {
      tags,
      summary: 'For verifiers: is this issuer a current member, and which members endorse it or this achievement',
      querystring: TrustQuery,
      response: { 200: Trust }
    }
  }, async (request) => trustOf(ctx, request.query))

  app.get<{ Querystring: SearchQuery }>('/network/achievements', {
    schema: {
      tags,
      summary: 'Search members\' achievements by name, tag or alignment (case-insensitive substring)',
      querystring: SearchQuery,
      response: { 200: Type.Array(SearchHit) }
    }
  }, async (request) => {
    const memberIds = [...(await ctx.members.currentIds())]
    const hits = await searchAchievements(ctx.db, { q: request.query.q ?? '', issuerIds: memberIds, limit: request.query.limit ?? 50 })
    const issuers = new Map((await ctx.issuers.list({ ids: [...new Set(hits.map(h => h.issuerId))] })).map(i => [i._id, i]))
    return hits.map(h => searchHitView(h, issuers.get(h.issuerId)))
  })
}
