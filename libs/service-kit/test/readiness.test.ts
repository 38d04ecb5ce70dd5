import t from 'tap'
import { Redis } from 'ioredis'
import { Fastify, registerPlatform, loadConfig, CommonConfig, createApiRedis, createQueue } from '../src/index.js'
import { testDb, ownRedis } from './helper.js'

async function appOn (t: Parameters<typeof testDb>[0], redisUrl: string) {
  const { client, db } = await testDb(t)
  const config = loadConfig(CommonConfig, { REDIS_URL: redisUrl })
  const redis = createApiRedis(redisUrl, { retryStrategy: () => 200 })
  const app = Fastify({ logger: false })
  await registerPlatform(app, {
    service: 'kit-test', config, secrets: { adminToken: 'x'.repeat(40), kek: Buffer.alloc(32, 1), kekId: 'k' },
    mongoClient: client, dbName: db.databaseName, redis, docs: { title: 't', description: 'd' }
  })
  const queue = createQueue('kit-test-' + Date.now(), redis)
  app.post('/enqueue', async () => { await queue.add('job', { n: 1 }); return { ok: true } })
  await app.ready()
  t.teardown(async () => { await app.close(); await queue.close().catch(() => {}); redis.disconnect() })
  return app
}

t.test('ready is 503 naming redis while its Redis is gone, and 200 again after', async t => {
  const own = await ownRedis(t)
  const app = await appOn(t, own.url)
  let res = await app.inject('/health/ready')
  t.equal(res.statusCode, 200, res.body)

  await own.stop()
  res = await app.inject('/health/ready')
  t.equal(res.statusCode, 503)
  t.same(res.json().down, ['redis'])
  t.match(res.json().checks.mongodb, 'ok')

  const enqueue = await app.inject({ method: 'POST', url: '/enqueue' })
  t.equal(enqueue.statusCode, 503, 'the HTTP side fails fast instead of hanging')
  t.equal(enqueue.json().code, 'OBP_STORE_UNAVAILABLE')
  t.equal(await app.inject('/health/live').then(r => r.statusCode), 200, 'live stays up')
})

t.test('ready fails when Redis may evict keys', async t => {
  const own = await ownRedis(t, { args: ['--maxmemory-policy', 'allkeys-lru'] })
  const app = await appOn(t, own.url)
  const res = await app.inject('/health/ready')
  t.equal(res.statusCode, 503)
  t.match(res.json().checks.redis, /maxmemory-policy is allkeys-lru; BullMQ needs noeviction/)
  const fix = new Redis(own.url)
  await fix.config('SET', 'maxmemory-policy', 'noeviction')
  fix.disconnect()
  t.equal((await app.inject('/health/ready')).statusCode, 200)
})
