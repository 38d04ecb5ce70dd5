import t from 'tap'
import { build } from './helper.js'

t.test('live and ready answer against the real stores', async t => {
  const { app } = await build(t)
  const live = await app.inject('/health/live')
  t.equal(live.statusCode, 200)
  const ready = await app.inject('/health/ready')
  t.equal(ready.statusCode, 200, ready.body)
  t.same(ready.json().checks, { mongodb: 'ok', redis: 'ok' })
})

t.test('metrics are Prometheus text and docs are OpenAPI', async t => {
  const { app } = await build(t)
  await app.inject('/health/live')
  const metrics = await app.inject('/metrics')
  t.equal(metrics.statusCode, 200)
  t.match(metrics.body, /http_request_duration_seconds_bucket\{.*service="verifier"/)
  const docs = await app.inject('/docs/json')
  t.equal(docs.statusCode, 200)
  t.equal(docs.json().openapi, '3.1.0')
})

t.test('unknown routes are RFC 9457 problems with a code', async t => {
  const { app } = await build(t)
  const res = await app.inject('/no/such/route')
  t.equal(res.statusCode, 404)
  t.match(res.headers['content-type'], /application\/problem\+json/)
  t.equal(res.json().code, 'OBP_ROUTE_NOT_FOUND')
})
