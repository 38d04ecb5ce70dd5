// The health contract every service keeps (CONTRACT.md "Running"), as one shared test: each service's
// test/health.test.ts calls it with its own app. Imported from `@obp/service-kit/testing`, never by runtime code.
import type { FastifyInstance } from 'fastify'
import type { Test } from 'tap' // types only: tap is the workspace's test runner (root devDependency)

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
