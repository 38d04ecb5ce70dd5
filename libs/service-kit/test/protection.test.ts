// Public routes are rate limited across replicas (Redis) and every route but health sheds load fast (issue 15).
import t from 'tap'
import { randomUUID } from 'node:crypto'
import { Fastify, registerPlatform, loadConfig, CommonConfig, createApiRedis } from '../src/index.js'
import { testDb, REDIS_URL } from './helper.js'

async function build (t: Parameters<typeof testDb>[0], env: Record<string, string>) {
  const { client, db } = await testDb(t)
  const redis = createApiRedis(REDIS_URL)
  const app = Fastify({ logger: false })
  await registerPlatform(app, {
    service: 'kit-test', config: loadConfig(CommonConfig, env), secrets: { adminToken: 'admin-'.padEnd(40, 'z'), kek: Buffer.alloc(32, 1), kekId: 'k' },
    mongoClient: client, dbName: db.databaseName, redis, docs: { title: 't', description: 'd' }
  })
  app.get('/public', async () => ({ ok: true }))
  app.post('/private', { onRequest: app.requireScope('issue') }, async () => ({ ok: true }))
  await app.ready()
  t.teardown(async () => { await app.close(); redis.disconnect() })
  return app
}

t.test('a public route answers 429 past the limit, counted across two replicas; authenticated routes and health are not limited', async t => {
  const env = { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000', OBP_QUEUE_PREFIX: 'rl-' + randomUUID().slice(0, 8) }
  const a = await build(t, env)
  const b = await build(t, env)
  t.equal((await a.inject('/public')).statusCode, 200)
  t.equal((await b.inject('/public')).statusCode, 200)
  t.equal((await a.inject('/public')).statusCode, 200)
  const limited = await b.inject('/public')
  t.equal(limited.statusCode, 429, 'the fourth request, on the other replica')
  t.equal(limited.json().code, 'OBP_RATE_LIMITED')
  t.ok(Number(limited.headers['retry-after']) > 0, 'with Retry-After')
  for (let i = 0; i < 5; i++) t.equal((await a.inject({ method: 'POST', url: '/private' })).statusCode, 401, 'authenticated route: the 401, never a 429')
  for (let i = 0; i < 5; i++) t.equal((await a.inject('/health/live')).statusCode, 200, 'health is never limited')
})

t.test('a blocked event loop sheds requests with a fast 503 and Retry-After; health still answers', async t => {
  const app = await build(t, { LOAD_SHED_EVENT_LOOP_DELAY_MS: '50', OBP_QUEUE_PREFIX: 'ls-' + randomUUID().slice(0, 8) })
  t.equal((await app.inject('/public')).statusCode, 200)
  let shed
  for (let round = 0; round < 10 && shed === undefined; round++) {
    const until = Date.now() + 600
    while (Date.now() < until) { /* the overload: the event loop is busy */ }
    await new Promise(resolve => setTimeout(resolve, 50))
    const res = await app.inject('/public')
    if (res.statusCode === 503) shed = res
  }
  t.ok(shed, 'a request was shed')
  t.equal(shed?.json().code, 'OBP_OVERLOADED')
  t.ok(shed?.headers['retry-after'], 'with Retry-After')
  t.equal((await app.inject('/health/live')).statusCode, 200, 'liveness is never shed')
})
