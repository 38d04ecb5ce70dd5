// The learner's claim page `GET /claim/:token` (CONTRACT.md "Learner delivery"): read-only (mail scanners prefetch
// links, so opening it changes nothing), personal (not indexed, no referrer), FR/EN. Plus the pages' stylesheet.
import type { FastifyInstance } from 'fastify'
import { LEARNER_CSS } from '../learner/style.js'
import { claimGonePage } from '../learner/page.js'
import { LEARNER_CSP, pageLanguage, renderLearnerPage } from '../learner/render.js'
import { answer } from '@obp/service-kit'

export default async function claimRoutes (app: FastifyInstance): Promise<void> {
  const ctx = app.issuerContext

  app.get('/assets/learner.css', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(LEARNER_CSS))

  app.get<{ Params: { token: string }; Querystring: { lang?: 'fr' | 'en' } }>('/claim/:token', {
    schema: {
      tags: ['delivery'],
      params: { type: 'object', properties: { token: { type: 'string', minLength: 1, maxLength: 256 } }, required: ['token'] },
      querystring: { type: 'object', properties: { lang: { type: 'string', enum: ['fr', 'en'] } } },
      description: 'The learner\'s claim page (HTML, French or English by `?lang=` or Accept-Language): the badge, its status, downloads, ' +
        'sharing (public link, LinkedIn add-to-profile) and verification. Opening it never changes state. Unknown or expired token: 404 page.',
      response: { 200: answer('The claim page', { type: 'string' }, ['text/html']), 404: answer('Unknown or expired link: a page saying so', { type: 'string' }, ['text/html']) }
    }
  }, async (request, reply) => {
    reply.header('content-security-policy', LEARNER_CSP).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer')
      .header('x-robots-tag', 'noindex, nofollow').type('text/html; charset=utf-8')
    const claim = await ctx.claims.find(request.params.token)
    const record = claim ? await ctx.credentials.get(claim.credentialId) : null
    if (!claim || !record) return reply.code(404).send(claimGonePage(pageLanguage(request, 'fr')))
    const self = `/claim/${request.params.token}`
    return reply.send(await renderLearnerPage(ctx, request, record, 'claim', self, `${self}/offers`))
  })
}
