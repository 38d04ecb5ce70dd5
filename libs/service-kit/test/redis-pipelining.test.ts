// The API's Redis connection (createApiRedis) pipelines what one turn of the event loop issues: the jobs and counts of
// the requests answered together leave in one write. Real Redis; BullMQ producers on the same connection.
import t from 'tap'
import { randomUUID } from 'node:crypto'
import { createApiRedis, createQueue, createWorkerRedis } from '../src/index.js'

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

t.test('commands issued in one turn wait for its end and leave together; each gets its own answer', async t => {
  const redis = createApiRedis(REDIS_URL)
  t.teardown(() => redis.disconnect())
  if (redis.status !== 'ready') await new Promise(resolve => redis.once('ready', resolve))
  const key = `obp-test-pipelining-${randomUUID()}`
  const answers = Promise.all([redis.incr(key), redis.incr(key), redis.pfadd(`${key}-hll`, 'a', 'b'), redis.get(key)])
  t.equal(redis.autoPipelineQueueSize, 4, 'queued in the same turn')
  t.same(await answers, [1, 2, 1, '2'], 'in order, each its own answer')
  t.equal(redis.autoPipelineQueueSize, 0)
  await redis.del(key, `${key}-hll`)
  const worker = createWorkerRedis(REDIS_URL)
  t.teardown(() => worker.disconnect())
  t.equal(worker.options.enableAutoPipelining, false, 'workers\' connections (blocking commands) do not pipeline')
})

t.test('BullMQ producers on it: jobs added in one turn, to two queues, are each stored once with their ids', async t => {
  const redis = createApiRedis(REDIS_URL)
  const prefix = `obp-test-${randomUUID().slice(0, 8)}`
  const events = createQueue<{ n: number }>('events', redis, { prefix })
  const notifications = createQueue<{ n: number }>('notifications', redis, { prefix })
  t.teardown(async () => {
    for (const q of [events, notifications]) { await q.obliterate({ force: true }).catch(() => {}); await q.close() }
    redis.disconnect()
  })
  await Promise.all([events.waitUntilReady(), notifications.waitUntilReady()])
  const added = await Promise.all(Array.from({ length: 8 }, async (_, n) => await Promise.all([
    events.add('issued', { n }, { jobId: `e-${n}` }),
    notifications.addBulk([{ name: 'notify', data: { n }, opts: { jobId: `m-${n}` } }]),
    events.add('issued', { n }, { jobId: `e-${n}` }) // the same id again: kept once
  ])))
  t.equal(added.length, 8)
  t.equal(await events.count(), 8, 'one job per id')
  t.equal(await notifications.count(), 8)
  for (let n = 0; n < 8; n++) {
    t.same((await events.getJob(`e-${n}`))?.data, { n })
    t.same((await notifications.getJob(`m-${n}`))?.data, { n })
  }
})
