// Faults (docs/decisions/0006-nothing-accepted-is-lost.md): nothing accepted is lost when workers die or the stores restart mid-batch.
import t, { type Test } from 'tap'
import { MongoClient } from 'mongodb'
import { startPlatform, call, waitFor, sleep, type Platform } from './support/platform.js'
import { ownRedis, ownFerretDb } from './support/stores.js'
import { checkInvariants } from '../scripts/check-invariants.js'

// Locks expire fast so a killed worker's chunk is picked up again soon. Chunks are small and run one at a time so
// a 2,000-row batch stays in flight long enough for the faults (200-row chunks finish it in a few seconds), and
// a fault interrupts a chunk part-way.
const FAULT_ENV = { ISSUER_WORKER_LOCK_MS: '3000', BATCH_CHUNK_SIZE: '10', ISSUER_WORKER_CONCURRENCY: '1' }

async function setUp (p: Platform) {
  const issuer = (await call('POST', `${p.issuer}/issuers`, { token: p.adminToken, body: { name: 'Fault University' } })).json
  const achievement = (await call('POST', `${p.issuer}/issuers/${issuer.id}/achievements`, {
    token: issuer.apiKey, body: { name: 'Resilience', description: 'Survived the fault tests', criteria: { narrative: 'Kept going.' } }
  })).json
  return { issuer, achievement }
}

async function startBatch (p: Platform, issuer: any, achievementId: string, n: number) {
  const awards = Array.from({ length: n }, (_, i) => ({ achievementId, recipient: { email: `row${i}@example.org` } }))
  const r = await call('POST', `${p.issuer}/issuers/${issuer.id}/batches`, { token: issuer.apiKey, body: { awards } })
  if (r.status !== 202) throw new Error(`batch: ${r.status} ${r.text}`)
  return r.json.batchId as string
}

const progress = async (p: Platform, issuer: any, batchId: string) => (await call('GET', `${p.issuer}/batches/${batchId}`, { token: issuer.apiKey })).json

async function completed (p: Platform, issuer: any, batchId: string) {
  return waitFor('batch completion', async () => {
    const b = await progress(p, issuer, batchId).catch(() => undefined)
    return b?.state === 'completed' ? b : undefined
  }, 600_000, 1000)
}

async function invariants (t: Test, p: Platform, batchId: string, n: number) {
  const client = new MongoClient(p.env.MONGODB_URL)
  await client.connect()
  try {
    const report = await checkInvariants(client.db(p.dbName), { batchIds: [batchId] })
    t.same(report.problems, [], 'every invariant holds')
    t.equal(report.rows, n)
    t.equal(report.credentials + report.failedRows, n, 'each accepted row is one credential or a reported failure')
  } finally { await client.close() }
}

/** An API answers (any status) within the guard instead of hanging; the status is returned. */
const answer = async (url: string, init: RequestInit = {}) => (await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) })).status

t.test('SIGKILL the batch worker three times during a 2,000-row batch', async t => {
  const p = await startPlatform(t, { env: FAULT_ENV })
  const { issuer, achievement } = await setUp(p)
  const batchId = await startBatch(p, issuer, achievement.id, 2000)
  for (let i = 0; i < 3; i++) {
    const before = (await progress(p, issuer, batchId)).succeeded ?? 0
    await waitFor('some progress', async () => ((await progress(p, issuer, batchId)).succeeded ?? 0) > before, 120_000, 100)
    await sleep(200 + Math.floor(Math.random() * 1500))
    await p.procs.issuerWorker.kill('SIGKILL')
    const at = await progress(p, issuer, batchId)
    t.not(at.state, 'completed', `killed the worker mid-batch, at about ${at.succeeded} rows`)
    await p.procs.issuerWorker.start()
  }
  const done = await completed(p, issuer, batchId)
  t.equal(done.succeeded, 2000)
  await invariants(t, p, batchId, 2000)
})

t.test('restart Redis during a batch: 503 while gone, work resumes after', async t => {
  const redis = await ownRedis(t)
  const p = await startPlatform(t, { redisUrl: redis.url, env: FAULT_ENV })
  const { issuer, achievement } = await setUp(p)
  const batchId = await startBatch(p, issuer, achievement.id, 2000)
  await waitFor('some progress', async () => ((await progress(p, issuer, batchId)).succeeded ?? 0) > 100, 120_000, 100)
  t.not((await progress(p, issuer, batchId)).state, 'completed', 'the batch is in flight')
  await redis.stop('SIGKILL')
  for (const base of [p.issuer, p.revocation, p.verifier]) t.equal(await answer(`${base}/health/ready`), 503, `${base} not ready without Redis`)
  t.equal(await answer(`${p.issuer}/issuers/${issuer.id}/batches`, {
    method: 'POST', headers: { authorization: `Bearer ${issuer.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ awards: [{ achievementId: achievement.id, recipient: { email: 'late@example.org' } }] })
  }), 503, 'a new batch is refused with 503, not accepted and lost')
  await sleep(1000)
  await redis.start()
  await waitFor('issuer ready again', async () => (await answer(`${p.issuer}/health/ready`)) === 200, 60_000, 200)
  const done = await completed(p, issuer, batchId)
  t.equal(done.succeeded + done.failed, 2000)
  await invariants(t, p, batchId, 2000)
})

t.test('restart the MongoDB wire server during a batch: 503 while gone, work resumes after', async t => {
  const mongo = await ownFerretDb(t)
  const p = await startPlatform(t, { mongoUrl: mongo.url, env: FAULT_ENV })
  const { issuer, achievement } = await setUp(p)
  const batchId = await startBatch(p, issuer, achievement.id, 2000)
  await waitFor('some progress', async () => ((await progress(p, issuer, batchId)).succeeded ?? 0) > 100, 120_000, 100)
  t.not((await progress(p, issuer, batchId)).state, 'completed', 'the batch is in flight')
  await mongo.stop('SIGKILL')
  for (const base of [p.issuer, p.revocation]) t.equal(await answer(`${base}/health/ready`), 503, `${base} not ready without MongoDB`)
  t.equal(await answer(`${p.issuer}/issuers/${issuer.id}/credentials`, {
    method: 'POST', headers: { authorization: `Bearer ${issuer.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ achievementId: achievement.id, recipient: { email: 'late@example.org' } })
  }), 503, 'an award is refused with 503 while MongoDB is gone')
  await sleep(1000)
  await mongo.start()
  await waitFor('issuer ready again', async () => (await answer(`${p.issuer}/health/ready`)) === 200, 60_000, 200)
  const done = await completed(p, issuer, batchId)
  t.equal(done.succeeded + done.failed, 2000)
  await invariants(t, p, batchId, 2000)
})
