import t from 'tap'
import { Fastify, registerPlatform, loadConfig, CommonConfig, assertIssuer, createApiRedis } from '../src/index.js'
import { testDb, REDIS_URL } from './helper.js'

async function build (t: Parameters<typeof testDb>[0]) {
  const { client, db } = await testDb(t)
  const redis = createApiRedis(REDIS_URL)
  const app = Fastify({ logger: false })
  await registerPlatform(app, {
    service: 'kit-test', config: loadConfig(CommonConfig, {}), secrets: { adminToken: 'admin-'.padEnd(40, 'z'), kek: Buffer.alloc(32, 1), kekId: 'k' },
    mongoClient: client, dbName: db.databaseName, redis, docs: { title: 't', description: 'd' }
  })
  app.post('/admin-only', { preHandler: app.requireAdmin }, async () => ({ ok: true }))
  app.get('/boom', async () => { throw Object.assign(new Error('E11000 duplicate key'), { code: 11000 }) })
  app.post('/issuers/:issuerId/revoke', { preHandler: app.requireScope('revoke') }, async (request) => {
    assertIssuer(request, (request.params as { issuerId: string }).issuerId)
    return { ok: true, principal: request.principal }
  })
  await app.ready()
  t.teardown(async () => { await app.close(); redis.disconnect() })
  return app
}

t.test('bearer tokens: admin, scoped issuer keys, tenant isolation', async t => {
  const app = await build(t)
  const admin = { authorization: 'Bearer ' + 'admin-'.padEnd(40, 'z') }
  const { token: revoker } = await app.apiKeys.create('issuer-a', ['revoke'])
  const { token: issueOnly } = await app.apiKeys.create('issuer-a', ['issue'])
  const { token: other, key: otherKey } = await app.apiKeys.create('issuer-b', ['revoke', 'issue', 'manage'])

  const post = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'POST', url, headers })
  t.equal((await post('/admin-only')).statusCode, 401)
  t.equal((await post('/admin-only', { authorization: 'Bearer nope' })).statusCode, 401)
  t.equal((await post('/admin-only', admin)).statusCode, 200)
  t.equal((await post('/admin-only', { authorization: `Bearer ${revoker}` })).statusCode, 403)

  const ok = await post('/issuers/issuer-a/revoke', { authorization: `Bearer ${revoker}` })
  t.equal(ok.statusCode, 200)
  t.equal(ok.json().principal.issuerId, 'issuer-a')
  const wrongScope = await post('/issuers/issuer-a/revoke', { authorization: `Bearer ${issueOnly}` })
  t.equal(wrongScope.statusCode, 403)
  t.equal(wrongScope.json().code, 'OBP_FORBIDDEN')
  const otherIssuer = await post('/issuers/issuer-a/revoke', { authorization: `Bearer ${other}` })
  t.equal(otherIssuer.statusCode, 404, 'another issuer\'s resource is not revealed')

  // a tampered secret and a revoked key both fail
  t.equal((await post('/issuers/issuer-b/revoke', { authorization: `Bearer ${other.slice(0, -2)}xx` })).statusCode, 401)
  t.ok(await app.apiKeys.revoke('issuer-b', otherKey.id))
  t.equal((await post('/issuers/issuer-b/revoke', { authorization: `Bearer ${other}` })).statusCode, 401)
  const listed = await app.apiKeys.list('issuer-a')
  t.equal(listed.length, 2)
  t.notOk(JSON.stringify(listed).includes('hash'), 'hashes are never listed')
})

t.test('bad bodies are 400 problems, never 500', async t => {
  const app = await build(t)
  app.log.level = 'silent'
  const res = await app.inject({ method: 'POST', url: '/admin-only', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + 'admin-'.padEnd(40, 'z') }, payload: '{"a":' })
  t.equal(res.statusCode, 400)
  t.equal(res.json().code, 'OBP_INVALID_JSON')
  const proto = await app.inject({ method: 'POST', url: '/admin-only', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + 'admin-'.padEnd(40, 'z') }, payload: '{"__proto__":{"x":1}}' })
  t.equal(proto.statusCode, 400)
})

t.test('errors with numeric codes (MongoDB) become problems, not raw 500s', async t => {
  const app = await build(t)
  app.log.level = 'silent'
  const res = await app.inject({ method: 'GET', url: '/boom' })
  t.equal(res.statusCode, 500)
  t.match(res.headers['content-type'], /application\/problem\+json/)
  t.same({ code: res.json().code, detail: res.json().detail }, { code: 'OBP_INTERNAL', detail: 'An internal error occurred' })
})
