// Issue 15: a status change cannot half-happen. The revocation API is SIGKILLed while revocations (with audit
// reasons) are in flight, three times; after restarts and the worker's sweep, every set bit has its audit
// record, no change is left pending, and every published list shows exactly the stored bits.
import t from 'tap'
import { MongoClient } from 'mongodb'
import { decodeStatusList, indicesOf } from '@obp/status'
import { startPlatform, call, waitFor, lastSegment } from './support/platform.js'

const ENV = { STATUS_SWEEP_INTERVAL_MS: '1000', BATCH_CHUNK_SIZE: '50' }

t.test('SIGKILL the revocation API between the steps of revocations: the lists converge, the audit is complete', async t => {
  const p = await startPlatform(t, { env: ENV })
  const issuer = (await call('POST', `${p.issuer}/issuers`, { token: p.adminToken, body: { name: 'Fault University' } })).json
  const achievement = (await call('POST', `${p.issuer}/issuers/${issuer.id}/achievements`, {
    token: issuer.apiKey, body: { name: 'Resilience', description: 'Survived the fault tests', criteria: { narrative: 'Kept going.' } }
  })).json
  const n = 150
  const awards = Array.from({ length: n }, (_, i) => ({ achievementId: achievement.id, recipient: { email: `row${i}@example.org` } }))
  const batch = (await call('POST', `${p.issuer}/issuers/${issuer.id}/batches`, { token: issuer.apiKey, body: { awards } })).json
  const done = await waitFor('batch', async () => {
    const b = (await call('GET', `${p.issuer}/batches/${batch.batchId}`, { token: issuer.apiKey })).json
    return b?.state === 'completed' ? b : undefined
  }, 300_000, 500)
  const ids: string[] = done.results.map((r: { credentialId: string }) => r.credentialId)
  t.equal(ids.length, n)

  const client = new MongoClient(p.env.MONGODB_URL)
  await client.connect()
  t.teardown(() => client.close())
  const db = client.db(p.dbName)
  const bitsSet = () => db.collection('status_revocations').countDocuments({})

  // Three rounds: 40 revocations in flight, the API killed as soon as some bits are set, restarted.
  let killedMidway = 0
  for (let round = 0; round < 3; round++) {
    const before = await bitsSet()
    const slice = ids.slice(round * 40, round * 40 + 40)
    const inflight = slice.map(id => call('POST', `${p.revocation}/issuers/${issuer.id}/credentials/${lastSegment(id)}/revoke`, {
      token: issuer.apiKey, body: { reason: `round ${round}` }
    }).then(r => r.status, () => 0))
    await waitFor('some bits set', async () => (await bitsSet()) >= before + 3 || undefined, 60_000, 20)
    await p.procs.revocation.kill('SIGKILL')
    const halfDone = await db.collection('status_revocations').countDocuments({ pending: { $exists: true } })
    t.comment(`round ${round}: killed with ${(await bitsSet()) - before} bits newly set, ${halfDone} of them with their change unfinished`)
    const statuses = await Promise.all(inflight)
    killedMidway += statuses.filter(s => s !== 200).length
    await p.procs.revocation.start()
  }
  t.ok(killedMidway > 0, `the kills interrupted ${killedMidway} revocations`)

  const pending = await waitFor('no change left pending', async () => (await db.collection('status_revocations').countDocuments({ pending: { $exists: true } })) === 0 || undefined, 60_000, 500)
  t.ok(pending)

  const rows = await db.collection<{ _id: string; listId: string; index: number }>('status_revocations').find({}).toArray()
  const entries = await db.collection<{ _id: string; listId: string; index: number }>('status_entries').find({}).toArray()
  const byKey = new Map(entries.map(e => [`${e.listId}:${e.index}`, e._id]))
  const audit = await db.collection<{ credentialId: string; to: string }>('status_audit').find({}).toArray()
  const audited = new Set(audit.filter(a => a.to === 'revoked').map(a => a.credentialId))
  t.ok(rows.length > 0, `${rows.length} bits set`)
  t.same(rows.filter(r => !audited.has(byKey.get(r._id)!)).map(r => r._id), [], 'every set bit has its audit record')
  t.equal(audited.size, rows.length, 'and no audit record claims a revocation that is not set')

  // every list converges to its stored bits (published by the API's request or the worker's sweep)
  const lists = [...new Set(rows.map(r => r.listId))]
  for (const listId of lists) {
    const want = rows.filter(r => r.listId === listId).map(r => r.index).sort((a, b) => a - b)
    await waitFor(`list ${listId} shows its ${want.length} bits`, async () => {
      const res = await call('GET', `${p.revocation}/status-lists/${listId}`)
      if (res.status !== 200) return undefined
      const bits = await decodeStatusList(res.json.credentialSubject.encodedList, { maxBytes: 1 << 24 })
      const shown = indicesOf(bits)
      return (shown.length === want.length && shown.every((v, i) => v === want[i])) || undefined
    }, 60_000, 500)
    t.pass(`list ${listId} converged`)
  }
})
