// nosniff on every response; a CSP with frame-ancestors on every page and image, /docs included (issue 15).
import t from 'tap'
import { Fastify, registerPlatform, loadConfig, CommonConfig, createApiRedis } from '../src/index.js'
import { testDb, REDIS_URL } from './helper.js'

t.test('pages, images and /docs: nosniff, and a CSP that forbids framing; a route\'s own policy is completed', async t => {
  const { client, db } = await testDb(t)
  const redis = createApiRedis(REDIS_URL)
  const app = Fastify({ logger: false })
  await registerPlatform(app, {
    service: 'kit-test', config: loadConfig(CommonConfig, {}), secrets: { adminToken: 'admin-'.padEnd(40, 'z'), kek: Buffer.alloc(32, 1), kekId: 'k' },
    mongoClient: client, dbName: db.databaseName, redis, docs: { title: 't', description: 'd' }
  })
  app.get('/page', async (_req, reply) => reply.type('text/html').header('content-security-policy', "default-src 'none'").send('<p>hi</p>'))
  app.get('/image.svg', async (_req, reply) => reply.type('image/svg+xml').send('<svg xmlns="http://www.w3.org/2000/svg"/>'))
  await app.ready()
  t.teardown(async () => { await app.close(); redis.disconnect() })

  const docs = await app.inject('/docs/')
  t.equal(docs.statusCode, 200)
  t.match(docs.headers['content-type'], /text\/html/)
  for (const res of [docs, await app.inject('/page'), await app.inject('/image.svg')]) {
    t.equal(res.headers['x-content-type-options'], 'nosniff')
    t.match(res.headers['content-security-policy'], /frame-ancestors 'none'/)
  }
  t.match((await app.inject('/page')).headers['content-security-policy'], /^default-src 'none'; frame-ancestors 'none'$/, 'the route\'s policy, completed')
  t.match((await app.inject('/image.svg')).headers['content-security-policy'], /default-src 'none'/, 'an image runs nothing')
  t.equal((await app.inject('/health/live')).headers['x-content-type-options'], 'nosniff', 'JSON answers too')
})
