// Uploaded badge images: PNG (decoded, dimensions capped) or SVG (sanitised: the cleaned bytes are stored),
// size-capped, type checked from the bytes, served under ISSUER_PUBLIC_URL. See src/images/.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { imageUrl } from '../ids.js'
import { ImageInvalid, ImageNotFound } from '../errors.js'
import { checkImageBytes, safeImage } from '../images/check-image.js'
import { imageLimits } from '../images/image-input.js'
import { actingIssuer, issuerParams } from './guards.js'
import { answer, open, problems, uploadBody } from '@obp/service-kit'

export default async function imageRoutes (app: FastifyInstance): Promise<void> {
  const ctx = app.issuerContext
  const max = ctx.config.IMAGE_MAX_BYTES
  const limits = imageLimits(ctx.config)
  app.addContentTypeParser(['image/png', 'image/svg+xml'], { parseAs: 'buffer', bodyLimit: max }, (_request, body, done) => done(null, body))

  app.post<{ Params: { issuerId: string }; Body: Buffer }>('/issuers/:issuerId/images', {
    onRequest: app.requireScope('manage'),
    schema: {
      tags: ['achievements'], security: [{ bearer: [] }], params: issuerParams, body: uploadBody({ 'image/png': 'the PNG bytes', 'image/svg+xml': 'the SVG document (allow-list sanitised)' }),
      response: {
        201: answer('The stored image; `id` is its URL', open('Image', { id: { type: 'string' }, type: { type: 'string' }, contentType: { type: 'string' }, bytes: { type: 'integer' } })),
        ...problems([400, 413, 415], { 400: 'Empty, not a decodable PNG, too many pixels, or an SVG with active content (OBP_ISSUER_IMAGE_INVALID)', 413: 'Larger than IMAGE_MAX_BYTES', 415: 'Neither image/png nor image/svg+xml' })
      },
      description: `Uploads a badge image (body: the PNG or SVG bytes, at most IMAGE_MAX_BYTES = ${max}); answers 201 {id} with its URL, to use as an achievement \`image\`. ` +
        `A PNG must decode, at most IMAGE_MAX_DIMENSION = ${limits.maxDimension} pixels a side. An SVG goes through an allow-list sanitiser: ` +
        'scripts, event attributes, foreignObject, references outside the document (only #fragments and inline PNG/JPEG/GIF), loading CSS and ' +
        'DOCTYPE entity declarations are refused (400 OBP_ISSUER_IMAGE_INVALID naming them); editor metadata and comments are dropped, and the cleaned SVG is what is stored.'
    }
  }, async (request, reply) => {
    const issuer = await actingIssuer(ctx, request, request.params.issuerId)
    const body = request.body
    if (!Buffer.isBuffer(body) || body.length === 0) throw new ImageInvalid('empty body')
    const image = checkImageBytes(body, limits)
    if ('error' in image) throw new ImageInvalid(image.error)
    const id = randomUUID()
    await ctx.images.create({ _id: id, issuerId: issuer._id, contentType: image.type, data: image.data, checked: true })
    return reply.code(201).send({ id: imageUrl(ctx.config.ISSUER_PUBLIC_URL, id), type: 'Image', contentType: image.type, bytes: image.data.length })
  })

  app.get<{ Params: { imageId: string } }>('/images/:imageId', {
    schema: { tags: ['achievements'], params: { type: 'object', properties: { imageId: { type: 'string', minLength: 1, maxLength: 64 } }, required: ['imageId'] }, description: 'An uploaded badge image.', response: { 200: answer('The image bytes', { type: 'string' }, ['image/png', 'image/svg+xml']) } }
  }, async (request, reply) => {
    const image = await ctx.images.get(request.params.imageId)
    // stored before uploads were checked: checked now (once per content); a refused one is not served
    const data = image === null ? undefined : image.checked ? image.data : safeImage({ type: image.contentType, data: image.data }, limits)
    if (!image || !data) throw new ImageNotFound(request.params.imageId)
    // An SVG is a document: no scripts, no outside loads, even if opened directly.
    return reply.type(image.contentType).header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
      .header('cache-control', 'public, max-age=86400, immutable').send(data)
  })
}
