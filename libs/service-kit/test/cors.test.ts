// CORS: public reads and anonymous calls from any origin; calls with credentials only from the configured origins;
// the docs' first server is relative so "Try it out" stays on the page's own origin.
import t from 'tap'
import { Fastify, registerPlatform, loadConfig, CommonConfig, createApiRedis } from '../src/index.js'
import { testDb, REDIS_URL } from './helper.js'

async function build (t: Parameters<typeof testDb>[0]) {
  const { client, db } = await testDb(t)
  const redis = createApiRedis(REDIS_URL)
  const app = Fastify({ logger: false })
  await registerPlatform(app, {
    service: 'cors-test', config: loadConfig(CommonConfig, { ISSUER_PUBLIC_URL: 'https://badges.example.org', CORS_ORIGINS: 'https://console.example.org, https://docs.example.org' }),
    secrets: { adminToken: 'admin-'.padEnd(40, 'z'), kek: Buffer.alloc(32, 1), kekId: 'k' },
    mongoClient: client, dbName: db.databaseName, redis, docs: { title: 't', description: 'd', publicUrl: 'https://badges.example.org' }
  })
  app.get('/public', async () => ({ ok: true }))
  app.post('/private', { preHandler: app.requireAdmin }, async () => ({ ok: true }))
  await app.ready()
  t.teardown(async () => { await app.close(); redis.disconnect() })
  return app
}

t.test('public reads: Access-Control-Allow-Origin * for any origin', async t => {
  const app = await build(t)
  const res = await app.inject({ url: '/public', headers: { origin: 'https://wallet.example.net' } })
  t.equal(res.headers['access-control-allow-origin'], '*')
  t.notOk(res.headers['access-control-allow-credentials'], 'never with credentials')
  const preflight = await app.inject({ method: 'OPTIONS', url: '/public', headers: { origin: 'https://wallet.example.net', 'access-control-request-method': 'GET' } })
  t.equal(preflight.statusCode, 204)
  t.equal(preflight.headers['access-control-allow-origin'], '*')
})

t.test('authenticated calls: only the configured origins, with credentials', async t => {
  const app = await build(t)
  const admin = 'Bearer ' + 'admin-'.padEnd(40, 'z')
  for (const origin of ['https://console.example.org', 'https://badges.example.org']) {
    const preflight = await app.inject({ method: 'OPTIONS', url: '/private', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } })
    t.equal(preflight.headers['access-control-allow-origin'], origin, `${origin} may send its token`)
    t.equal(preflight.headers['access-control-allow-credentials'], 'true')
    const res = await app.inject({ method: 'POST', url: '/private', headers: { origin, authorization: admin } })
    t.equal(res.headers['access-control-allow-origin'], origin)
  }
  const evil = 'https://evil.example.com'
  const preflight = await app.inject({ method: 'OPTIONS', url: '/private', headers: { origin: evil, 'access-control-request-method': 'POST', 'access-control-request-headers': 'Authorization' } })
  t.notOk(preflight.headers['access-control-allow-origin'], 'another origin may not send a token')
  const res = await app.inject({ method: 'POST', url: '/private', headers: { origin: evil, authorization: admin } })
  t.notOk(res.headers['access-control-allow-origin'], 'nor read an authenticated answer')
  const cookie = await app.inject({ url: '/public', headers: { origin: evil, cookie: 'session=x' } })
  t.notOk(cookie.headers['access-control-allow-origin'], 'a request carrying a cookie is not readable from another origin')
})

t.test('/docs calls the origin it was opened from', async t => {
  const app = await build(t)
  const doc = (await app.inject({ url: '/docs/json' })).json() as { servers: Array<{ url: string }> }
  t.equal(doc.servers[0]?.url, '/', 'the first server is relative')
  t.equal(doc.servers[1]?.url, 'https://badges.example.org')
})
