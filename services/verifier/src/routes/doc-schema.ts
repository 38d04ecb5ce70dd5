import type { FastifySchema } from 'fastify'

/** OpenAPI-only route annotations (@fastify/swagger reads summary, description, tags, hide). */
export function docSchema (doc: { summary?: string; description?: string; tags?: string[]; hide?: boolean }): FastifySchema {
  return doc as FastifySchema
}
