import t from 'tap'
import { once } from 'node:events'
import { validateOb3Credential } from '@obp/ob3'
import { build, bearer, checkIssued, createAchievement, createIssuer } from './helper.js'
import { startWorker, waitForBatch } from './worker-helper.js'

const ROWS = 1000

t.test(`${ROWS} rows: a worker SIGKILLed mid-batch, then restarted: ${ROWS} credentials, no duplicate, nothing lost`, async t => {
  const stores = await build(t, { BATCH_CHUNK_SIZE: '25' })
  const { app, secrets, db } = stores
  const issuer = await createIssuer(app, secrets.adminToken)
  const a = await createAchievement(app, issuer)
  // short locks, so the killed worker's jobs are recovered within seconds (BullMQ stalled-job check)
  const workerEnv = { ISSUER_WORKER_LOCK_MS: '3000', ISSUER_WORKER_CONCURRENCY: '4' }
  const first = await startWorker(t, stores, workerEnv)
  const awards = Array.from({ length: ROWS }, (_, i) => ({ achievementId: a.id, recipient: i % 2 ? { email: `s${i}@uni.example` } : { sourcedId: `SIS-${i}` } }))
  const res = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/batches`, headers: bearer(issuer.apiKey), payload: { awards } })
  t.equal(res.statusCode, 202, res.body)
  const { batchId } = res.json()

  const mid = await waitForBatch(app, issuer.apiKey, batchId, b => b.succeeded >= 100, 90_000)
  first.kill('SIGKILL')
  await once(first, 'exit')
  const atKill = (await app.inject({ url: `/batches/${batchId}`, headers: bearer(issuer.apiKey) })).json()
  t.ok(atKill.succeeded < ROWS, `killed mid-batch (${atKill.succeeded} of ${ROWS} done; ${mid.succeeded} seen before the kill)`)

  await startWorker(t, stores, workerEnv)
  const done = await waitForBatch(app, issuer.apiKey, batchId, b => b.state === 'completed', 240_000)
  t.match(done, { state: 'completed', total: ROWS, succeeded: ROWS, failed: 0, pending: 0 })
  const ids = done.results.map((r: { credentialId: string }) => r.credentialId)
  t.equal(new Set(ids).size, ROWS, 'one distinct credential id per row')

  const stored = (await db.collection<{ row: number; json: string }>('credentials').find({ batchId }, { projection: { row: 1, json: 1 } }).toArray())
    .map(c => ({ row: c.row, credential: JSON.parse(c.json) }))
  t.equal(stored.length, ROWS, `exactly ${ROWS} credentials stored`)
  t.equal(new Set(stored.map(c => c.row)).size, ROWS, 'one credential per row')
  t.equal(await db.collection('status_entries').countDocuments({ _id: { $in: ids } } as object), ROWS, 'one status entry per credential')
  t.equal(stored.filter(c => !validateOb3Credential(c.credential).valid).length, 0, 'all pass the official OB 3.0 schema')
  for (const c of stored.filter((_, i) => i % 100 === 0)) {
    const check = await checkIssued(c.credential)
    t.ok(check.proof, `row ${c.row} verifies`)
  }
})
