// multipart/form-data for CSV uploads (@fastify/multipart): the file in field `file` becomes a UTF-8 string and
// the other fields plain values, so the route validates one body whatever the client sent.
import fp from 'fastify-plugin'
import multipart from '@fastify/multipart'
import type { FastifyInstance } from 'fastify'

async function multipartBody (app: FastifyInstance, opts: { bodyLimit: number }): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { files: 1, fileSize: opts.bodyLimit, fields: 20, fieldSize: 4096 },
    async onFile (part) {
      (part as unknown as { value: unknown }).value = (await part.toBuffer()).toString('utf8')
    }
  })
}

export default fp(multipartBody, { name: 'obp-issuer-multipart' })
