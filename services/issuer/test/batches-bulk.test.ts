import t from 'tap'
import { Registry } from 'prom-client'
import { createWorkerRedis } from '@obp/service-kit'
import { sweepReservedEntries } from '@obp/status'
import { build, bearer, checkIssued, createAchievement, createIssuer } from './helper.js'
import { processChunk } from '../src/batches/process-chunk.js'
import { issueAward } from '../src/awards/issue-award.js'
import { startIssuedEventsConsumer } from '../src/awards/issued-events.js'
import { credentialJobId } from '../src/ids.js'
import { chunkJobId, emitIssued } from '../src/pipeline/emit.js'
import { createIssuerContext } from '../src/context.js'

/** The `_count` of a histogram: how many observations it has. */
const observations = async (registry: Registry, name: string): Promise<number> =>
  ((await registry.getSingleMetric(name)?.get())?.values ?? []).find(v => (v as { metricName?: string }).metricName === `${name}_count`)?.value ?? 0

t.test('bulk chunks keep every guarantee: a crash between steps, a row failing for good, a re-run; events drained', async t => {
  const stores = await build(t, { BATCH_CHUNK_SIZE: '20' })
  const { app, secrets, db } = stores
  // the worker's context, built as src/worker.ts builds it, on the test's database and queues
  const redis = createWorkerRedis(stores.config.REDIS_URL)
  const ctx = createIssuerContext({ config: stores.config, secrets, db, redis })
  t.teardown(async () => { await ctx.close(); redis.disconnect() })
  const issuer = await createIssuer(app, secrets.adminToken)
  const a = await createAchievement(app, issuer)
  const awards = Array.from({ length: 30 }, (_, i) => ({ achievementId: a.id, recipient: { email: `s${i}@uni.example` } }))
  const res = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/batches`, headers: bearer(issuer.apiKey), payload: { awards } })
  t.equal(res.statusCode, 202, res.body) // no worker runs: the chunks are processed here, step by step
  const { batchId } = res.json()
  // a chunk's rows are one document, the rows as JSON text (batch-store.ts)
  const chunkRows = db.collection<{ _id: string; rows: string }>('batch_rows')
  const rows = (await chunkRows.find({ batchId } as object).toArray()).flatMap(c => JSON.parse(c.rows)).sort((a, b) => a.row - b.row)
  t.equal(rows.length, 30)

  // a crash after row 0 was stored (not marked), and one after row 1's status slot was reserved (not signed)
  const before = await issueAward(ctx, { issuerId: issuer.id, award: rows[0].award, credentialId: rows[0].credentialId, batchId, row: 0 })
  const slot = await ctx.status.allocate({ issuerId: issuer.id, credentialId: rows[1].credentialId })
  // row 2 now names an achievement that does not exist: a permanent failure, recorded with its reason
  const chunk0 = await chunkRows.findOne({ _id: `${batchId}:0` })
  const edited = JSON.parse(chunk0?.rows ?? '[]')
  edited[2].award.achievementId = 'no-such-achievement'
  await chunkRows.updateOne({ _id: `${batchId}:0` }, { $set: { rows: JSON.stringify(edited) } })

  t.same(await processChunk(ctx, { batchId, chunk: 0 }, { lastAttempt: false }), { issued: 19, failed: 1 })
  t.same(await processChunk(ctx, { batchId, chunk: 0 }, { lastAttempt: false }), { issued: 0, failed: 0 }, 'a re-run finds nothing pending')
  t.same(await processChunk(ctx, { batchId, chunk: 1 }, { lastAttempt: true }), { issued: 10, failed: 0 })

  const stored = await ctx.credentials.byBatch(batchId)
  t.equal(stored.length, 29, 'one credential per issued row, none for the failed one')
  t.equal(new Set(stored.map(c => c.row)).size, 29)
  const first = stored.find(c => c.row === 0)
  t.same(first?.credential.proof, before.credential.proof, 'the credential stored before the crash is the one kept')
  t.same(stored.find(c => c.row === 1)?.credential.credentialStatus, slot, 'the slot reserved before the crash is used')
  const indices = stored.map(c => (c.credential.credentialStatus as { statusListIndex: string }).statusListIndex)
  t.equal(new Set(indices).size, 29, 'distinct status slots')
  const entries = db.collection<{ _id: string; state: string; group?: string }>('status_entries')
  const states = async (): Promise<string[]> => (await Promise.all(stored.map(c => entries.findOne({ _id: c._id })))).map(e => `${e?.state}:${e?.group?.startsWith('awards:') === true ? 'awards:*' : e?.group ?? '-'}`).sort()
  t.same(await states(), [
    'reserved:awards:*', // row 0, issued by the single-award path before the crash, in its 10 s group
    'reserved:-', // row 1, allocated alone before the crash; the chunk found it
    ...Array(17).fill(`reserved:${batchId}:0`), ...Array(10).fill(`reserved:${batchId}:1`)
  ].sort(), 'the chunks leave their entries reserved, grouped by chunk')
  // the revocation worker's sweeper settles them: a group per update
  t.same(await sweepReservedEntries({ db, olderThanMs: -1000 }), { bound: 29, voided: 0 })
  t.ok((await states()).every(s => s.startsWith('bound:')), 'all entries bound')
  t.equal(await db.collection('credentials').countDocuments({ statusGroup: `${batchId}:0` }), 18, 'the chunk\'s new credentials carry its group')
  for (const c of [first, stored.find(c => c.row === 25)]) {
    const check = await checkIssued(c?.credential)
    t.ok(check.schema && check.proof, check.detail)
  }
  const done = (await app.inject({ url: `/batches/${batchId}`, headers: bearer(issuer.apiKey) })).json()
  t.match(done, { state: 'completed', total: 30, succeeded: 29, failed: 1, pending: 0 })
  t.match(done.results[2], { row: 2, state: 'failed', code: 'OBP_ISSUER_ACHIEVEMENT_NOT_FOUND' })
  t.same(done.results.filter((r: { state: string }) => r.state === 'succeeded').map((r: { credentialId: string }) => r.credentialId).sort(), stored.map(c => c._id).sort(), 'results name the stored credentials')
  t.equal(await chunkRows.countDocuments({ batchId } as object), 0, 'the completed batch\'s rows (recipients\' addresses) are deleted')
  const summary = (await app.inject({ url: `/batches/${batchId}?results=false`, headers: bearer(issuer.apiKey) })).json()
  t.match(summary, { state: 'completed', total: 30, succeeded: 29, failed: 1, pending: 0 })
  t.notOk('results' in summary, '?results=false: progress only')

  // one credentials.issued job per chunk, naming the chunk's credentials, keyed by the chunk (plus row 0's own
  // credential.issued from the single-award path before the crash: events are at least once)
  const queued = await ctx.queues.events.getJobCounts('waiting', 'completed')
  t.equal(queued.waiting, 3, 'one event per chunk, and the single award\'s')
  const chunkEvents = await Promise.all([0, 1].map(async chunk => (await ctx.queues.events.getJob(chunkJobId(batchId, chunk)))?.data))
  t.same(chunkEvents.map(e => e?.type), ['credentials.issued', 'credentials.issued'], 'keyed by the chunk')
  const named = chunkEvents.flatMap(e => e?.type === 'credentials.issued' ? e.credentialIds : [])
  t.same([...named].sort(), stored.map(c => c._id).sort(), 'the chunk events name every stored credential once')
  t.ok(await ctx.queues.events.getJob(credentialJobId(rows[0].credentialId)), 'the single award\'s own event')
  await emitIssued(ctx, { issuerId: issuer.id, batchId, chunk: 1, credentialIds: named.slice(0, 10) })
  t.equal((await ctx.queues.events.getJobCounts('waiting')).waiting, 3, 'a chunk re-run after a crash queues no second event')
  // ... drained by the worker's consumer, which counts them per issuer and removes them from Redis
  const registry = new Registry()
  const connection = createWorkerRedis(stores.config.REDIS_URL)
  const consumer = startIssuedEventsConsumer({ connection, prefix: stores.queuePrefix, registry })
  t.teardown(async () => { await consumer.close(); connection.disconnect() })
  for (let i = 0; i < 120 && (await ctx.queues.events.getJobCounts('waiting', 'active')).waiting > 0; i++) await new Promise(resolve => setTimeout(resolve, 250))
  await consumer.close()
  t.match(await ctx.queues.events.getJobCounts('waiting', 'active', 'completed', 'failed'), { waiting: 0, active: 0, completed: 3, failed: 0 }, 'all consumed')
  const counted = await registry.getSingleMetric('obp_credentials_issued_total')?.get()
  t.same(counted?.values.map(v => [v.labels.issuer, v.value]), [[issuer.id, 30]], 'obp_credentials_issued_total{issuer}: every id named (row 0 twice)')
  t.equal(await observations(registry, 'obp_credential_event_latency_seconds'), 3, 'a latency observed per job')
  t.match(await registry.metrics(), /obp_credential_event_latency_seconds_bucket\{le="\+Inf"\} 3/)
})
