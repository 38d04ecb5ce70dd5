import t from 'tap'
import { TtlCache } from '../src/index.js'

t.test('concurrent callers share one load; failures are not kept; oldest entry evicted', async t => {
  const cache = new TtlCache<number>({ ttlMs: 1000, maxEntries: 2, now: () => 0 })
  let loads = 0
  const load = async (): Promise<number> => ++loads
  t.same(await Promise.all([cache.get('a', load), cache.get('a', load)]), [1, 1])
  t.equal(loads, 1)
  await t.rejects(cache.get('b', async () => { throw new Error('boom') }), /boom/)
  t.equal(await cache.get('b', load), 2, 'a failure is retried on the next call')
  t.equal(await cache.get('c', load), 3)
  t.equal(cache.size, 2)
  t.equal(await cache.get('a', load), 4, '"a" was evicted first')
})

t.test('ttlMs 0 disables caching', async t => {
  const cache = new TtlCache<number>({ ttlMs: 0 })
  let loads = 0
  await cache.get('a', async () => ++loads)
  await cache.get('a', async () => ++loads)
  t.equal(loads, 2)
  t.equal(cache.size, 0)
})
