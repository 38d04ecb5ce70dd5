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
  // A form field is text: the batch options that are booleans are read from "true" / "false" (and nothing else),
  // so that one body schema holds for JSON and forms (bodies are otherwise never coerced: service-kit validation.ts).
  app.addHook('preValidation', async (request) => {
    if (!request.isMultipart() || request.body === null || typeof request.body !== 'object') return
    const body = request.body as Record<string, unknown>
    for (const key of BOOLEAN_FIELDS) {
      if (body[key] === 'true') body[key] = true
      else if (body[key] === 'false') body[key] = false
    }
  })
}

const BOOLEAN_FIELDS = ['dryRun', 'allowPartial', 'notify'] as const

export default fp(multipartBody, { name: 'obp-issuer-multipart' })
