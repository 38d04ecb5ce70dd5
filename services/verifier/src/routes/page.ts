// GET / and GET /page.js: the public verification page, under a strict Content-Security-Policy (no third-party
// script, style or frame; the inline stylesheet is allowed by hash).
import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { answer, pickLanguage } from '@obp/service-kit'
import { docSchema } from './doc-schema.js'
import { PAGES } from '../page/html.js'
import { PAGE_JS } from '../page/script.js'
import { PAGE_CSS } from '../page/style.js'

const STYLE_HASH = createHash('sha256').update(PAGE_CSS).digest('base64')
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src 'sha256-${STYLE_HASH}'`,
  // the badge image may be the upload itself (blob:), inline data, or the issuer's https image
  "img-src 'self' data: blob: https:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'"
].join('; ')

export default async function pageRoutes (app: FastifyInstance): Promise<void> {
  const hide = { schema: docSchema({ hide: true }) }
  // French or English: ?lang=, else Accept-Language
  app.get<{ Querystring: { lang?: string } }>('/', {
    schema: {
      ...docSchema({
        summary: 'The public verification page (HTML)',
        description: 'Drop or choose a badge (PNG, SVG, JSON or JWT) or paste a link; the page verifies it through POST /credentials/verify and shows the verdict, ' +
          'the steps and who stands behind the issuer. `?url=<credential link>` verifies that link as soon as the page opens (a link to this page can ' +
          'share a verification); `?lang=fr|en` chooses the language (else Accept-Language).',
        tags: ['page']
      }),
      response: { 200: answer('The page, in French or English', { type: 'string' }, ['text/html']) }
    }
  }, async (request, reply) => {
    const lang = pickLanguage(request.query.lang, request.headers['accept-language'])
    return reply.header('content-security-policy', PAGE_CSP).header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer').header('vary', 'accept-language').type('text/html; charset=utf-8').send(PAGES[lang])
  })
  app.get('/page.js', hide, async (_request, reply) => {
    return reply.header('x-content-type-options', 'nosniff').header('cache-control', 'public, max-age=300')
      .type('text/javascript; charset=utf-8').send(PAGE_JS)
  })
}
