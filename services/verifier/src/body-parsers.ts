// Body parsers: JSON with limits for hostile input (depth, `__proto__`), compact JWS as text, baked badges as
// bytes, multipart uploads. Errors become 400 problem details through the platform's error handler.
import type { FastifyInstance } from 'fastify'
import multipart from '@fastify/multipart'
import fp from 'fastify-plugin'
import { parseJsonText } from './input.js'

async function bodyParsers (app: FastifyInstance, opts: { bodyLimit: number }): Promise<void> {
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser(/^application\/([\w.+-]+\+)?json$/, { parseAs: 'string', bodyLimit: opts.bodyLimit }, (_req, body, done) => {
    try {
      done(null, parseJsonText(body as string))
    } catch (err) {
      done(err as Error, undefined)
    }
  })
  app.addContentTypeParser(['application/jwt', 'application/vc+jwt', 'application/vc+ld+json+jwt'], { parseAs: 'string', bodyLimit: opts.bodyLimit }, (_req, body, done) => done(null, body))
  app.addContentTypeParser(['image/png', 'image/svg+xml'], { parseAs: 'buffer', bodyLimit: opts.bodyLimit }, (_req, body, done) => done(null, body))
  await app.register(multipart, { limits: { fileSize: opts.bodyLimit, files: 1, fields: 4, fieldSize: opts.bodyLimit, parts: 6 } })
}

export default fp(bodyParsers, { name: 'verifier-body-parsers' })
