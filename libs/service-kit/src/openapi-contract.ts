// The OpenAPI contract every service keeps (issue 16 "The API describes itself"), as one shared test: each
// service's test/openapi.test.ts calls it with its own app. Imported from `@obp/service-kit/testing` only.
import type { FastifyInstance, RouteOptions } from 'fastify'
import type { Test } from 'tap'
import { Validator } from '@seriousme/openapi-schema-validator'

interface Operation {
  description?: string; summary?: string; tags?: string[]
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>
}

/** "METHOD /path" of every documented operation, with its entry. */
export function operations (doc: { paths?: Record<string, Record<string, Operation>> }): Array<[string, Operation]> {
  return Object.entries(doc.paths ?? {}).flatMap(([path, ops]) =>
    Object.entries(ops).filter(([m]) => m !== 'parameters').map(([m, op]) => [`${m.toUpperCase()} ${path}`, op] as [string, Operation]))
}

export interface OpenApiContractOptions {
  /** routes left out of the document on purpose (`METHOD /url` as registered), each with the reason */
  hidden: Record<string, string>
  /** routes that must be documented (`METHOD /path` as in the document), at least these */
  expected: string[]
  /** success statuses that must be stated, e.g. {'POST /issuers': '201'} */
  successStatus?: Record<string, string>
  /** operations with an example of their main success response (award, batch, verify, revoke) */
  withExample?: string[]
}

/** The platform's own routes (registerPlatform), hidden in every service. */
const PLATFORM_HIDDEN: Array<[RegExp, string]> = [
  [/^GET \/docs(\/.*)?$/, 'the documentation itself (Swagger UI and this document)'],
  [/^OPTIONS \*$/, 'CORS preflight (cors.ts), answered for every route'],
  [/^GET \/health\/(live|ready)$/, 'operations probes (CONTRACT.md "Running"), not part of the API'],
  [/^GET \/metrics$/, 'Prometheus scrape endpoint, not part of the API']
]

export function openApiContract (t: Test, build: (t: Test) => Promise<{ app: FastifyInstance; routes: RouteOptions[] }>, opts: OpenApiContractOptions): void {
  t.test('the OpenAPI document is valid and every route says what it answers', async (t: Test) => {
    const { app, routes } = await build(t)
    const res = await app.inject('/docs/json')
    t.equal(res.statusCode, 200)
    const doc = res.json()
    const valid = await new Validator().validate(doc)
    t.ok(valid.valid, `valid OpenAPI ${doc.openapi}: ${JSON.stringify(valid.errors)?.slice(0, 2000)}`)

    const ops = new Map(operations(doc))
    for (const name of opts.expected) t.ok(ops.has(name), `${name} is documented`)
    // every route is documented, or hidden with a reason (HEAD routes are Fastify's automatic twins of GET)
    for (const route of routes) {
      for (const method of [route.method].flat().filter(m => m !== 'HEAD')) {
        const registered = `${method} ${route.url}`
        const hidden = (route.schema as { hide?: boolean } | undefined)?.hide === true
        if (hidden) t.ok(opts.hidden[registered] ?? PLATFORM_HIDDEN.find(([re]) => re.test(registered)), `${registered} is hidden on purpose (say why in the test)`)
        else t.ok(ops.has(`${method} ${route.url.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{*}')}`), `${registered} is documented`)
      }
    }
    for (const [name, op] of ops) {
      const responses = op.responses ?? {}
      const codes = Object.keys(responses)
      const success = codes.filter(c => /^[23]\d\d$/.test(c))
      t.ok(success.length > 0, `${name}: a success status (${codes.join(', ')})`)
      for (const code of success) {
        const r = responses[code]!
        // 204 and 304 have no body: a description is all there is to say
        const described = code === '204' || code === '304' || (r.content !== undefined && Object.values(r.content).every(m => m.schema !== undefined))
        t.ok(described && r.description !== undefined && r.description !== 'Default Response', `${name} ${code}: a description and a schema per media type`)
      }
      t.ok(codes.some(c => /^4\d\d$/.test(c)), `${name}: at least one 4xx response`)
      for (const code of codes.filter(c => /^[45]\d\d$/.test(c))) {
        const media = responses[code]!.content?.['application/problem+json']
        if (media !== undefined) t.same(media.schema, { $ref: '#/components/schemas/ProblemDetails' }, `${name} ${code}: the shared ProblemDetails`)
      }
      t.ok((op.description ?? op.summary ?? '').length > 10, `${name}: a description`)
      t.ok((op.tags ?? []).length > 0, `${name}: tags`)
    }
    for (const [name, status] of Object.entries(opts.successStatus ?? {})) {
      t.ok(ops.get(name)?.responses?.[status] !== undefined, `${name} answers ${status}`)
    }
    for (const name of opts.withExample ?? []) {
      const op = ops.get(name)
      const success = Object.entries(op?.responses ?? {}).filter(([c]) => /^2/.test(c)).flatMap(([, r]) => Object.values(r.content ?? {}))
      const hasExample = success.some(m => {
        const media = m as { example?: unknown; examples?: unknown; schema?: { examples?: unknown[]; example?: unknown } }
        return media.example !== undefined || media.examples !== undefined || media.schema?.examples !== undefined || media.schema?.example !== undefined
      })
      t.ok(hasExample, `${name}: an example of its answer`)
    }
  })
}
