// Uploaded badge images: PNG or SVG, size-capped, type checked from the bytes, served under ISSUER_PUBLIC_URL.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { imageUrl } from '../ids.js'
import { ImageInvalid, ImageNotFound } from '../errors.js'
import type { ImageType } from '../stores/image-store.js'
import { actingIssuer, issuerParams } from './guards.js'
import { answer, open, problems, uploadBody } from '@obp/service-kit'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** The image type the bytes really are, or a reason to refuse them. */
export function sniffImage (data: Buffer): { type: ImageType } | { error: string } {
  if (data.subarray(0, 8).equals(PNG_SIGNATURE)) return { type: 'image/png' }
  const text = data.toString('utf8')
  // the root element, after an optional XML declaration, comments and doctype
  const head = text.replace(/^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?((<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)\s*)*/i, '')
  if (!/^<svg[\s>]/.test(head)) return { error: 'neither a PNG nor an SVG document' }
  if (/<script|\son[a-z]+\s*=|javascript:|<foreignObject/i.test(text)) return { error: 'SVG with scripts or event handlers' }
  return { type: 'image/svg+xml' }
}

export default async function imageRoutes (app: FastifyInstance): Promise<void> {
  const ctx = app.issuerContext
  const max = ctx.config.IMAGE_MAX_BYTES
  app.addContentTypeParser(['image/png', 'image/svg+xml'], { parseAs: 'buffer', bodyLimit: max }, (_request, body, done) => done(null, body))

  app.post<{ Params: { issuerId: string }; Body: Buffer }>('/issuers/:issuerId/images', {
    onRequest: app.requireScope('manage'),
    schema: {
      tags: ['achievements'], security: [{ bearer: [] }], params: issuerParams, body: uploadBody({ 'image/png': 'the PNG bytes', 'image/svg+xml': 'the SVG document (no scripts, event handlers or foreignObject)' }),
      response: {
        201: answer('The stored image; `id` is its URL', open('Image', { id: { type: 'string' }, type: { type: 'string' }, contentType: { type: 'string' }, bytes: { type: 'integer' } })),
        ...problems([400, 413, 415], { 400: 'Empty, neither PNG nor SVG, or an SVG with scripts (OBP_ISSUER_IMAGE_INVALID)', 413: 'Larger than IMAGE_MAX_BYTES', 415: 'Neither image/png nor image/svg+xml' })
      },
      description: `Uploads a badge image (body: the PNG or SVG bytes, at most IMAGE_MAX_BYTES = ${max}); answers 201 {id} with its URL, to use as an achievement \`image\`.`
    }
  }, async (request, reply) => {
    const issuer = await actingIssuer(ctx, request, request.params.issuerId)
    const body = request.body
    if (!Buffer.isBuffer(body) || body.length === 0) throw new ImageInvalid('empty body')
    const sniffed = sniffImage(body)
    if ('error' in sniffed) throw new ImageInvalid(sniffed.error)
    const id = randomUUID()
    await ctx.images.create({ _id: id, issuerId: issuer._id, contentType: sniffed.type, data: body })
    return reply.code(201).send({ id: imageUrl(ctx.config.ISSUER_PUBLIC_URL, id), type: 'Image', contentType: sniffed.type, bytes: body.length })
  })

  app.get<{ Params: { imageId: string } }>('/images/:imageId', {
    schema: { tags: ['achievements'], params: { type: 'object', properties: { imageId: { type: 'string', minLength: 1, maxLength: 64 } }, required: ['imageId'] }, description: 'An uploaded badge image.', response: { 200: answer('The image bytes', { type: 'string' }, ['image/png', 'image/svg+xml']) } }
  }, async (request, reply) => {
    const image = await ctx.images.get(request.params.imageId)
    if (!image) throw new ImageNotFound(request.params.imageId)
    // An SVG is a document: no scripts, no outside loads, even if opened directly.
    return reply.type(image.contentType).header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
      .header('cache-control', 'public, max-age=86400, immutable').send(image.data)
  })
}
