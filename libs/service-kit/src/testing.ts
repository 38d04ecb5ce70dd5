// The health contract every service keeps (CONTRACT.md "Running"), as one shared test: each service's
// test/health.test.ts calls it with its own app. Imported from `@obp/service-kit/testing`, never by runtime code.
import type { FastifyInstance, RouteOptions } from 'fastify'
import type { Test } from 'tap'
export { openApiContract, operations, type OpenApiContractOptions } from './openapi-contract.js'
export { buildTestApp, testDb, freePort, ownProcess, ownRedis, TEST_MONGODB_URL, TEST_REDIS_URL, type OwnStore, type TestAppOptions, type TestAppStores } from './test-kit.js'
import { isAuthHook } from './auth.js' // types only: tap is the workspace's test runner (root devDependency)

export function healthContract (t: Test, service: string, build: (t: Test) => Promise<{ app: FastifyInstance }>): void {
  t.test('live and ready answer against the real stores', async (t: Test) => {
    const { app } = await build(t)
    t.equal((await app.inject('/health/live')).statusCode, 200)
    const ready = await app.inject('/health/ready')
    t.equal(ready.statusCode, 200, ready.body)
    t.same(ready.json().checks, { mongodb: 'ok', redis: 'ok' })
  })

  t.test('metrics are Prometheus text and docs are OpenAPI', async (t: Test) => {
    const { app } = await build(t)
    await app.inject('/health/live')
    const metrics = await app.inject('/metrics')
    t.equal(metrics.statusCode, 200)
    t.match(metrics.body, new RegExp(`http_request_duration_seconds_bucket\\{.*service="${service}"`))
    const docs = await app.inject('/docs/json')
    t.equal(docs.statusCode, 200)
    t.equal(docs.json().openapi, '3.1.0')
  })

  t.test('unknown routes are RFC 9457 problems with a code', async (t: Test) => {
    const { app } = await build(t)
    const res = await app.inject('/no/such/route')
    t.equal(res.statusCode, 404)
    t.match(res.headers['content-type'], /application\/problem\+json/)
    t.equal(res.json().code, 'OBP_ROUTE_NOT_FOUND')
  })
}

/**
 * No work for strangers (issue 15): every route that authenticates (an auth hook in `onRequest`, or bearer security
 * in its OpenAPI) does so before its body is read. A stranger's 2 MiB of broken JSON gets the 401, not the 400 (or 413) that parsing it would give.
 * `routes` are collected by an `onRoute` hook added before the app was registered.
 */
export function authBeforeBody (t: Test, build: (t: Test) => Promise<{ app: FastifyInstance; routes: RouteOptions[] }>): void {
  t.test('every authenticated route answers a stranger 401 before reading the body', async (t: Test) => {
    const { app, routes } = await build(t)
    const secured = routes.filter(r => (r.schema as { security?: unknown[] } | undefined)?.security?.length || [r.onRequest].flat().some(isAuthHook))
    t.ok(secured.length > 0, `${secured.length} authenticated routes`)
    const garbage = '{"awards": [' + 'x'.repeat(2 * 1024 * 1024)
    for (const route of secured) {
      for (const method of [route.method].flat()) {
        if (method === 'HEAD') continue
        const url = route.url.replace(/:(\w+)/g, 'x')
        const withBody = method !== 'GET' && method !== 'DELETE'
        const res = await app.inject({ method, url, ...(withBody ? { headers: { 'content-type': 'application/json' }, payload: garbage } : {}) })
        t.equal(res.statusCode, 401, `${method} ${route.url}`)
      }
    }
  })
}

/** The value of a Prometheus sample with these labels (among others), or undefined. */
export function metricSample (text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!m || m[1] !== name) continue
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map(x => [x[1], x[2]]))
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3])
  }
  return undefined
}

export interface SentFilter { command: string; collection: string; filter: Record<string, unknown> }

/**
 * Records the filter of every read, update and delete the client sends (driver command monitoring: the client needs
 * `monitorCommands: true`), for hot-path tests that require `_id` look-ups. `stop()` detaches it.
 */
export function watchFilters (client: { on: (event: 'commandStarted', l: (e: { commandName: string; command: Record<string, any> }) => void) => unknown; off: (event: 'commandStarted', l: (e: { commandName: string; command: Record<string, any> }) => void) => unknown }): { sent: SentFilter[]; stop: () => void; start: () => void } {
  const sent: SentFilter[] = []
  const listen = (e: { commandName: string; command: Record<string, any> }): void => {
    const c = e.command
    if (e.commandName === 'find') sent.push({ command: 'find', collection: String(c.find), filter: c.filter ?? {} })
    if (e.commandName === 'update' || e.commandName === 'delete') {
      for (const u of c.updates ?? c.deletes ?? []) sent.push({ command: e.commandName, collection: String(c[e.commandName]), filter: u.q ?? {} })
    }
    if (e.commandName === 'findAndModify' || e.commandName === 'aggregate' || e.commandName === 'count') sent.push({ command: e.commandName, collection: String(c[e.commandName]), filter: c.query ?? {} })
  }
  const start = (): void => { client.on('commandStarted', listen) }
  const stop = (): void => { client.off('commandStarted', listen) }
  start()
  return { sent, stop, start }
}
