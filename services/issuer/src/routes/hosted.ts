// Hosted credentials and baking (OB 3.0 §5.3 "Baked Badge"): JSON, PNG iTXt `openbadgecredential`,
// SVG `<openbadges:credential>` with CDATA, and a human page for browsers.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { bakePng, bakeSvg } from '@obp/ob3'
import type { IssuerContext } from '../context.js'
import type { CredentialRecord } from '../stores/credential-store.js'
import { credentialUrl, lastSegment } from '../ids.js'
import { CredentialNotFound } from '../errors.js'
import { badgeImage } from '../hosted/badge-image.js'
import { LEARNER_CSP, downloadName, renderLearnerPage } from '../learner/render.js'
import { OpenBadgeCredentialShape } from './openapi-shapes.js'

/** By the last path segment of its id (the usual form) or by its full id. */
export async function findCredential (ctx: IssuerContext, param: string): Promise<CredentialRecord> {
  return await ctx.hostedCache.get(param, async () => await readCredential(ctx, param))
}

async function readCredential (ctx: IssuerContext, param: string): Promise<CredentialRecord> {
  const full = param.includes('/') || param.includes(':')
  const found = full
    ? await ctx.credentials.get(param) ?? await ctx.credentials.getBySegment(lastSegment(param))
    : await ctx.credentials.get(credentialUrl(ctx.config.ISSUER_PUBLIC_URL, param)) ?? await ctx.credentials.getBySegment(param)
  if (!found) throw new CredentialNotFound(param)
  return found
}

/** A browser (text/html before any JSON type in Accept) gets the page. */
function wantsHtml (request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? ''
  const at = accept.indexOf('text/html')
  return at >= 0 && !/application\/([a-z.+-]*\+)?json/.test(accept.slice(0, at))
}

export default async function hostedRoutes (app: FastifyInstance): Promise<void> {
  const ctx = app.issuerContext

  app.get<{ Params: { credentialId: string }; Querystring: { format?: 'json' | 'png' | 'svg'; download?: boolean; lang?: 'fr' | 'en' } }>('/credentials/:credentialId', {
    schema: {
      tags: ['credentials'],
      params: { type: 'object', properties: { credentialId: { type: 'string', minLength: 1, maxLength: 4096 } }, required: ['credentialId'] },
      querystring: { type: 'object', properties: { format: { type: 'string', enum: ['json', 'png', 'svg'] }, download: { type: 'boolean' }, lang: { type: 'string', enum: ['fr', 'en'] } } },
      description: 'A hosted credential (public). Default: the signed JSON. `?format=png`: the badge image with the credential in one ' +
        'uncompressed iTXt chunk, keyword `openbadgecredential`. `?format=svg`: an `<openbadges:credential>` element (namespace ' +
        '`https://purl.imsglobal.org/ob/v3p0`) holding the JSON in CDATA. The image is the achievement\'s uploaded or data: image ' +
        'when it has that type, else a generated one. `download=true`: `Content-Disposition: attachment` with a readable file name. ' +
        '`Accept: text/html` without `format`: the public, shareable badge page (French or English: `?lang=` or Accept-Language), with ' +
        'Open Graph and Twitter card tags, showing the current status checked live: revoked (date, published reason), expired or valid.',
      response: {
        200: {
          description: 'The credential: signed JSON, a baked PNG or SVG, or the HTML page',
          content: {
            'application/json': { schema: OpenBadgeCredentialShape },
            'image/png': { schema: { type: 'string', contentMediaType: 'image/png', description: 'the baked badge (iTXt openbadgecredential)' } },
            'image/svg+xml': { schema: { type: 'string', contentMediaType: 'image/svg+xml', description: 'the baked badge (<openbadges:credential>)' } },
            'text/html': { schema: { type: 'string', description: 'the public badge page' } }
          }
        }
      }
    }
  }, async (request, reply) => {
    const record = await findCredential(ctx, request.params.credentialId)
    const format = request.query.format
    const disposition = (ext: string): string => request.query.download === true
      ? `attachment; filename="${downloadName(record.credential, ext)}"`
      : `inline; filename="badge-${record.segment}.${ext}"`
    reply.header('vary', 'accept, accept-language').header('cache-control', 'public, max-age=60')
    if (format === 'png') {
      const png = bakePng(await badgeImage(ctx, record.credential, 'image/png'), record.credential)
      return reply.type('image/png').header('content-disposition', disposition('png')).send(png)
    }
    if (format === 'svg') {
      const svg = bakeSvg((await badgeImage(ctx, record.credential, 'image/svg+xml')).toString('utf8'), record.credential)
      return reply.type('image/svg+xml').header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
        .header('content-disposition', disposition('svg')).send(svg)
    }
    if (format === undefined && wantsHtml(request)) {
      const page = await renderLearnerPage(ctx, request, record, 'public', `${new URL(ctx.config.ISSUER_PUBLIC_URL).pathname.replace(/\/+$/, '')}/credentials/${encodeURIComponent(record.segment)}`)
      // the status is read live: the page is never cached, and varies by language
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').header('vary', 'accept, accept-language')
        .header('content-security-policy', LEARNER_CSP).send(page)
    }
    if (request.query.download === true) reply.header('content-disposition', disposition('json'))
    // the stored text, as signed and first returned: no parse and no serialization on the hot path
    return reply.type('application/json').send(record.json ?? JSON.stringify(record.credential))
  })
}
