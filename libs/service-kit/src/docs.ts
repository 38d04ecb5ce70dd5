import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'

export interface DocsOptions { title: string; description: string; version?: string; publicUrl?: string }

// One schema, many uses (STYLE.md §6): the route schemas drive the OpenAPI document served at /docs/json.
async function docsPlugin (app: FastifyInstance, opts: DocsOptions): Promise<void> {
  await app.register(swagger, {
    // shared schemas (addSchema) appear under their $id: #/components/schemas/ProblemDetails, not def-0
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => typeof json.$id === 'string' ? json.$id : `def-${i}` },
    openapi: {
      openapi: '3.1.0',
      info: { title: opts.title, description: opts.description, version: opts.version ?? '0.1.0' },
      // The first server is relative: "Try it out" calls the origin the page was opened from (localhost or 127.0.0.1).
      servers: [{ url: '/', description: 'this server' }, ...(opts.publicUrl ? [{ url: opts.publicUrl, description: 'public URL' }] : [])],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } }
    }
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
}

export default fp(docsPlugin, { name: 'obp-docs' })
