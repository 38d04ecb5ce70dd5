import t from 'tap'
import { randomUUID } from 'node:crypto'
import { createWorkerRedis } from '@obp/service-kit'
import { createSigningPool } from '@obp/signing'
import { build, bearer, checkIssued, createAchievement, createIssuer } from './helper.js'
import { processChunk } from '../src/batches/process-chunk.js'
import { signMany } from '../src/pipeline/sign.js'
import { buildAward, loadAwardBasis } from '../src/awards/issue-award.js'
import { createIssuerContext } from '../src/context.js'

// The batch worker signs on threads (ISSUER_SIGNING_THREADS): the same bytes as the single-threaded path, and
// the chunk guarantees (one credential and one status slot per row) unchanged.
t.test('signing threads: byte-identical to signing in the worker\'s thread; chunks issue each row once, on distinct slots', async t => {
  const stores = await build(t, { BATCH_CHUNK_SIZE: '10' })
  const { app, secrets, db } = stores
  const redis = createWorkerRedis(stores.config.REDIS_URL)
  const signingPool = createSigningPool({ threads: 2, custody: { kek: secrets.kek, kekId: secrets.kekId } })
  const threaded = createIssuerContext({ config: stores.config, secrets, db, redis, signingPool })
  const single = createIssuerContext({ config: stores.config, secrets, db, redis })
  t.teardown(async () => { await threaded.close(); await single.close(); await signingPool.close(); redis.disconnect() })
  const issuer = await createIssuer(app, secrets.adminToken)
  const a = await createAchievement(app, issuer)

  // 1. the same rows, statuses and proof time: the same bytes either way (Ed25519 signatures are deterministic;
  // DID recipients and a fixed validFrom, since an email recipient's salt is random per build)
  const basis = await loadAwardBasis(single, issuer.id, a.id)
  const active = await single.signers.signerFor(issuer.id)
  if (!active) throw new Error('no signer')
  const todo = Array.from({ length: 12 }, (_, i) => ({
    basis,
    row: { batchId: 'b', row: i, chunk: 0, award: { achievementId: a.id, validFrom: '2025-06-01T00:00:00Z', recipient: { did: `did:example:learner-${i}` } }, credentialId: `${stores.config.ISSUER_PUBLIC_URL}/credentials/${randomUUID()}` },
    status: { id: `https://status.example/status-lists/1#${i}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(i), statusListCredential: 'https://status.example/status-lists/1' }
  }))
  todo[5].row.award = { achievementId: a.id, recipient: {} } as never // refused by the builder: an error in its place
  const created = '2025-06-01T12:00:00Z'
  const builds = todo.map(({ basis, row, status }) => () => buildAward(basis, row.award, row.credentialId, status))
  const onThreads = await signMany(threaded, active, builds, created)
  const inThread = await signMany(single, active, builds, created)
  const bytes = (xs: typeof onThreads) => xs.map(x => 'credential' in x ? JSON.stringify(x.credential) : `error ${(x.error as { code?: string }).code}`)
  t.same(bytes(onThreads), bytes(inThread), 'identical output, row for row')
  t.match(bytes(onThreads)[5], /^error OBP_/, 'the refused row keeps its error')
  t.equal(new Set(bytes(onThreads)).size, 12)

  // 2. a whole batch through processChunk with the threads: every row once, distinct slots, each credential valid
  const awards = Array.from({ length: 30 }, (_, i) => ({ achievementId: a.id, recipient: { email: `s${i}@uni.example` } }))
  const res = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/batches`, headers: bearer(issuer.apiKey), payload: { awards } })
  t.equal(res.statusCode, 202, res.body)
  const { batchId } = res.json()
  const runs = await Promise.all([0, 1, 2].map(chunk => processChunk(threaded, { batchId, chunk }, { lastAttempt: false })))
  t.same(runs, [{ issued: 10, failed: 0 }, { issued: 10, failed: 0 }, { issued: 10, failed: 0 }], 'the chunks run at once')
  const stored = await threaded.credentials.byBatch(batchId)
  t.equal(stored.length, 30, 'one credential per row')
  t.equal(new Set(stored.map(c => c.row)).size, 30, 'no row twice')
  const slots = stored.map(c => { const s = c.credential.credentialStatus as { statusListCredential: string; statusListIndex: string }; return `${s.statusListCredential}#${s.statusListIndex}` })
  t.equal(new Set(slots).size, 30, 'distinct status slots')
  for (const c of [stored[0], stored[29]]) {
    const check = await checkIssued(c?.credential)
    t.ok(check.schema && check.proof, check.detail)
  }
  const done = (await app.inject({ url: `/batches/${batchId}?results=false`, headers: bearer(issuer.apiKey) })).json()
  t.match(done, { state: 'completed', total: 30, succeeded: 30, failed: 0 })
})
