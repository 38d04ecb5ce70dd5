// A status change is one unit (issue 15): the bit, its audit record and its publication come together, and a
// change cut short by a crash is finished by a retry or by the worker's sweep. (The process-level fault test,
// SIGKILL between the steps, is test/revocation-faults.test.ts at the root.)
import t from 'tap'
import { randomUUID } from 'node:crypto'
import { decodeStatusList, indicesOf, revocationKey } from '@obp/status'
import { build, createIssuer, issueEntries, listIdOf } from './helper.js'
import { startMaintenance } from '../src/publish-worker.js'

t.test('a reason with a NUL byte or another control character is a 400 and changes nothing', async t => {
  const ctx = await build(t)
  const issuer = await createIssuer(ctx)
  const [entry] = await issueEntries(ctx.db, ctx.config, issuer.issuerId, 1)
  const ref = entry.credentialId.split('/').pop()
  for (const reason of ['bad\u0000reason', 'bell\u0007']) {
    const res = await ctx.app.inject({ method: 'POST', url: `/issuers/${issuer.issuerId}/credentials/${ref}/revoke`, headers: issuer.auth, payload: { reason } })
    t.equal(res.statusCode, 400, res.body)
    const vc = await ctx.app.inject({ method: 'POST', url: '/credentials/status', headers: issuer.auth, payload: { credentialId: entry.credentialId, status: true, reason } })
    t.equal(vc.statusCode, 400, vc.body)
  }
  t.equal(await ctx.app.status.allocator.isRevoked({ credentialId: entry.credentialId }), false)
  const ok = await ctx.app.inject({ method: 'POST', url: `/issuers/${issuer.issuerId}/credentials/${ref}/revoke`, headers: issuer.auth, payload: { reason: 'two lines\nand a tab\tare fine' } })
  t.equal(ok.statusCode, 200, ok.body)
})

t.test('a change cut short after the bit (no audit yet) is finished by a retry, or by the sweep which also republishes', async t => {
  const ctx = await build(t)
  const issuer = await createIssuer(ctx)
  const [a, b] = await issueEntries(ctx.db, ctx.config, issuer.issuerId, 2)
  const listId = listIdOf(a.listUrl)
  await ctx.app.status.publisher.publish(listId) // published before: no bit set
  // the state a crash right after the revoke's first step leaves: the bit's row carrying its change, nothing else
  const cut = async (e: typeof a) => {
    const pending = { changeId: randomUUID(), credentialId: e.credentialId, issuerId: issuer.issuerId, by: issuer.keyId, at: new Date(), reason: 'cut short', to: 'revoked' as const }
    await ctx.db.collection('status_revocations').insertOne({ _id: revocationKey(listId, e.index) as never, listId, index: e.index, at: pending.at, pending })
  }
  await cut(a)
  await cut(b)

  const retry = await ctx.app.inject({ method: 'POST', url: '/credentials/status', headers: issuer.auth, payload: { credentialId: a.credentialId, status: true, reason: 'again' } })
  t.equal(retry.statusCode, 200, retry.body)
  const history = await ctx.app.status.store.history(a.credentialId)
  t.match(history, [{ to: 'revoked', reason: 'cut short' }], 'the retry wrote the audit record of the change that set the bit')
  t.equal(history.length, 1)

  const logs: string[] = []
  const maintenance = startMaintenance({ db: ctx.db, publisher: ctx.app.status.publisher, ttlSeconds: ctx.config.STATUS_LIST_TTL_SECONDS, reservedGraceSeconds: 3600, intervalMs: 3_600_000, log: m => logs.push(m) })
  t.teardown(() => maintenance.stop())
  await maintenance.runOnce()
  t.match(await ctx.app.status.store.history(b.credentialId), [{ to: 'revoked', reason: 'cut short', by: issuer.keyId }], 'the sweep wrote the other one')
  t.equal(await ctx.db.collection('status_revocations').countDocuments({ pending: { $exists: true } }), 0, 'nothing left pending')
  const published = await ctx.app.status.publisher.published.get(listId)
  const shown = indicesOf(await decodeStatusList(JSON.parse(published!.body).credentialSubject.encodedList, { maxBytes: 1 << 24 }))
  t.same(shown, [a.index, b.index].sort((x, y) => x - y), 'the sweep republished the list with both bits')
  t.ok(logs.includes('list republished by the sweep'))
})

t.test('a restore cut short (its change marked on the row) is finished by the sweep: audit written, bit cleared', async t => {
  const ctx = await build(t)
  const issuer = await createIssuer(ctx)
  const [a] = await issueEntries(ctx.db, ctx.config, issuer.issuerId, 1)
  const listId = listIdOf(a.listUrl)
  await ctx.app.status.store.setRevoked({ credentialId: a.credentialId, revoked: true, by: 'admin' })
  const pending = { changeId: randomUUID(), credentialId: a.credentialId, issuerId: issuer.issuerId, by: 'admin', at: new Date(), to: 'active' as const }
  await ctx.db.collection('status_revocations').updateOne({ _id: revocationKey(listId, a.index) as never }, { $set: { pending } })
  const maintenance = startMaintenance({ db: ctx.db, publisher: ctx.app.status.publisher, ttlSeconds: ctx.config.STATUS_LIST_TTL_SECONDS, reservedGraceSeconds: 3600, intervalMs: 3_600_000, log: () => {} })
  t.teardown(() => maintenance.stop())
  await maintenance.runOnce()
  t.equal(await ctx.app.status.allocator.isRevoked({ credentialId: a.credentialId }), false)
  t.match(await ctx.app.status.store.history(a.credentialId), [{ to: 'revoked' }, { to: 'active' }])
})
