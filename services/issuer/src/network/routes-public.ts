// Public reads: the endorsement credentials themselves, the graph (JSON and a page) and achievement search
// (docs/decisions/0005-network-and-endorsements.md, "See the network").
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { pickLanguage } from '@obp/service-kit'
import { Type } from '@sinclair/typebox'
import { searchAchievements } from './achievements.js'
import type { NetworkContext } from './context.js'
import { EndorsementNotFound } from './errors.js'
import type { GraphCache } from './graph.js'
import { renderGraphPage } from './graph-page.js'
import { renderSearchPage } from './search-page.js'
import { Credential, Graph, PublicEndorsementParams, SearchHit, SearchQuery, Trust, TrustQuery } from './schemas.js'
import { trustOf } from './trust.js'
import { searchHitView } from './views.js'
import { answer } from '@obp/service-kit'

const tags = ['network']
// The page has no script; inline styles only. Names come from issuers, so nothing else may load.
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

/** A browser (text/html, no JSON asked for) gets the page; everything else the JSON. */
function wantsHtml (accept: string | undefined): boolean {
  return accept !== undefined && /\btext\/html\b/.test(accept) && !/\bapplication\/json\b/.test(accept)
}

function sendHtml (reply: FastifyReply, html: string): FastifyReply {
  return reply.type('text/html; charset=utf-8').header('content-security-policy', PAGE_CSP).header('cache-control', 'public, max-age=60')
    .header('vary', 'accept, accept-language').send(html)
}

const languageOf = (request: FastifyRequest): ReturnType<typeof pickLanguage> =>
  pickLanguage((request.query as { lang?: unknown } | undefined)?.lang, request.headers['accept-language'])

async function sendPage (ctx: NetworkContext, graphs: GraphCache, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const since = new Map((await ctx.members.current()).map(m => [m.did, m.since.toISOString()]))
  return sendHtml(reply, renderGraphPage(await graphs.get(), { lang: languageOf(request), publicUrl: ctx.publicUrl, since }))
}

export function publicRoutes (app: FastifyInstance, ctx: NetworkContext, graphs: GraphCache): void {
  app.get<{ Params: { endorsementId: string } }>('/endorsements/:endorsementId', {
    schema: { tags: ['endorsements'], summary: 'An EndorsementCredential, as signed', params: PublicEndorsementParams, response: { 200: answer('The EndorsementCredential, exactly as signed', Credential) } }
  }, async (request, reply) => {
    const e = await ctx.endorsements.get(request.params.endorsementId)
    if (!e?.credential) throw new EndorsementNotFound(request.params.endorsementId)
    return reply.type('application/json').send(e.credential)
  })

  app.get('/network/graph', {
    schema: {
      tags,
      summary: 'Who endorses whom, as JSON; with Accept: text/html, the page drawing it',
      response: { 200: { description: 'The graph (JSON), or the page drawing it (HTML)', content: { 'application/json': { schema: Graph }, 'text/html': { schema: { type: 'string' } } } } }
    }
  }, async (request, reply) => {
    if (wantsHtml(request.headers.accept)) return sendPage(ctx, graphs, request, reply)
    return graphs.get()
  })

  app.get('/network', { schema: { tags, summary: 'The page drawing the network graph (`?lang=fr|en`)', response: { 200: answer('The page', { type: 'string' }, ['text/html']) } } }, async (request, reply) => sendPage(ctx, graphs, request, reply))

  app.get<{ Querystring: TrustQuery }>('/network/trust', {
    schema: {
      tags,
      summary: 'For verifiers: is this issuer a current member, and which members endorse it or this achievement',
      querystring: TrustQuery,
      response: { 200: answer('The trust record', Trust) }
    }
  }, async (request) => trustOf(ctx, request.query))

  app.get<{ Querystring: SearchQuery }>('/network/achievements', {
    schema: {
      tags,
      summary: 'Search members\' achievements by name, tag or alignment (case-insensitive substring); with Accept: text/html, the search page',
      querystring: SearchQuery,
      response: { 200: { description: 'The matching achievements (JSON), or the search page (HTML)', content: { 'application/json': { schema: Type.Array(SearchHit) }, 'text/html': { schema: { type: 'string' } } } } }
    }
  }, async (request, reply) => {
    const memberIds = [...(await ctx.members.currentIds())]
    const hits = await searchAchievements(ctx.db, { q: request.query.q ?? '', issuerIds: memberIds, limit: request.query.limit ?? 50 })
    const issuers = new Map((await ctx.issuers.list({ ids: [...new Set(hits.map(h => h.issuerId))] })).map(i => [i._id, i]))
    const views = hits.map(h => searchHitView(h, issuers.get(h.issuerId)))
    if (!wantsHtml(request.headers.accept)) return views
    return sendHtml(reply, renderSearchPage({ lang: languageOf(request), q: request.query.q ?? '', results: views, graph: await graphs.get(), publicUrl: ctx.publicUrl }))
  })
}
