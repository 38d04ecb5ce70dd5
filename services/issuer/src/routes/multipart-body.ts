// multipart/form-data for CSV uploads (@fastify/multipart): the file in field `file` becomes a UTF-8 string and
// the other fields plain values, so the route validates one body whatever the client sent. The parts are read here
// (not with attachFieldsToBody) so that a malformed form (no boundary, cut short, a broken part header) is a 400
// OBP_ISSUER_MULTIPART_INVALID instead of the parser's plain error, and the fields pass the same control-character
// check as every JSON body (it ran before the form was read).
import fp from 'fastify-plugin'
import multipart from '@fastify/multipart'
import type { FastifyInstance } from 'fastify'
import { ControlCharacter, findControlCharacter } from '@obp/service-kit'
import { MultipartInvalid } from '../errors.js'

async function multipartBody (app: FastifyInstance, opts: { bodyLimit: number }): Promise<void> {
  await app.register(multipart, { limits: { files: 1, fileSize: opts.bodyLimit, fields: 20, fieldSize: 4096 } })
  app.addHook('preValidation', async (request) => {
    if (!request.isMultipart()) return
    const body: Record<string, unknown> = {}
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') body[part.fieldname] = (await part.toBuffer()).toString('utf8')
        else body[part.fieldname] = part.value
      }
    } catch (err) {
      const e = err as { statusCode?: number; message?: string }
      if (typeof e.statusCode === 'number' && e.statusCode < 500) throw err // the plugin's own limits (413) and refusals
      throw new MultipartInvalid(e.message ?? 'unreadable form')
    }
    // A form field is text: the batch options that are booleans are read from "true" / "false" (and nothing else),
    // so that one body schema holds for JSON and forms (bodies are otherwise never coerced: service-kit validation.ts).
    for (const key of BOOLEAN_FIELDS) {
      if (body[key] === 'true') body[key] = true
      else if (body[key] === 'false') body[key] = false
    }
    const found = findControlCharacter(body, 'body')
    if (found) throw new ControlCharacter(found)
    request.body = body
  })
}

const BOOLEAN_FIELDS = ['dryRun', 'allowPartial', 'notify'] as const

export default fp(multipartBody, { name: 'obp-issuer-multipart' })
