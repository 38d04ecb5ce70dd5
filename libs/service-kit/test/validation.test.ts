// The one validation policy (issue 14): bodies validated as sent (no property removed, no type coerced), the
// querystring still read as text, control characters refused everywhere before a handler or a store sees them.
import t from 'tap'
import { Fastify, registerPlatform, loadConfig, CommonConfig, createApiRedis } from '../src/index.js'
import { testDb, REDIS_URL } from './helper.js'

t.test('bodies are never altered; unknown properties and wrong types are a 400 naming them', async t => {
  const { client, db } = await testDb(t)
  const redis = createApiRedis(REDIS_URL)
  const app = Fastify({ logger: false })
  await registerPlatform(app, {
    service: 'kit-test', config: loadConfig(CommonConfig, {}), secrets: { adminToken: 'admin-'.padEnd(40, 'z'), kek: Buffer.alloc(32, 1), kekId: 'k' },
    mongoClient: client, dbName: db.databaseName, redis, docs: { title: 't', description: 'd' }
  })
  const seen: unknown[] = []
  app.post('/things', {
    schema: {
      body: { type: 'object', properties: { flag: { type: 'boolean' }, note: { type: 'string' } }, required: ['flag'], additionalProperties: false },
      querystring: { type: 'object', properties: { n: { type: 'integer' } } }
    }
  }, async (request) => { seen.push({ body: request.body, query: request.query }); return { ok: true } })
  await app.ready()
  t.teardown(async () => { await app.close(); redis.disconnect() })
  const post = (payload: unknown, url = '/things') => app.inject({ method: 'POST', url, payload: payload as object })

  for (const flag of [null, 0, 'false', [false]]) {
    const res = await post({ flag })
    t.equal(res.statusCode, 400, `flag: ${JSON.stringify(flag)}`)
    t.match(res.json(), { code: 'OBP_VALIDATION', detail: /body\/flag/ })
  }
  const typo = await post({ flag: true, noet: 'x' })
  t.equal(typo.statusCode, 400)
  t.equal(typo.json().detail, 'body has an unknown property "noet"')
  const nul = await post({ flag: true, note: 'a\u0000b' })
  t.equal(nul.statusCode, 400)
  t.match(nul.json(), { code: 'OBP_CONTROL_CHARACTER', detail: /body\/note/ })
  const text = await post({ flag: true, note: 'line\nnext\ttab' }, '/things?n=3')
  t.equal(text.statusCode, 200, 'tab and newline are text; the querystring is still coerced')
  t.same(seen, [{ body: { flag: true, note: 'line\nnext\ttab' }, query: { n: 3 } }], 'the handler saw the body as sent')
  const query = await post({ flag: true }, '/things?n=%00')
  t.equal(query.json().code, 'OBP_CONTROL_CHARACTER', 'control characters in the querystring too')
})
