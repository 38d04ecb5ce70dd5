// Wallet copies follow their award (issue 17 "Wallet delivery with holder binding"): a copy has its own status
// entry, linked to the award in `status_copies`; revoking or restoring the award changes every copy's bit in the
// same change unit (same principal, reason and published reason, one audit record each), asks for each touched
// list's publish, and a crash between the award's bit and the copies' is finished by the worker's sweep.
import t from 'tap'
import { randomUUID } from 'node:crypto'
import { revocationKey } from '@obp/status'
import { build, createIssuer, issueEntries, listIdOf } from './helper.js'
import { startMaintenance } from '../src/publish-worker.js'

async function setup (t: Parameters<typeof build>[0]) {
  const ctx = await build(t)
  const issuer = await createIssuer(ctx)
  const [award, copy1] = await issueEntries(ctx.db, ctx.config, issuer.issuerId, 2)
  // a second copy on another list (another family), so that two lists need their publish
  const other = await createIssuer(ctx)
  const [copy2] = await issueEntries(ctx.db, ctx.config, other.issuerId, 1)
  const { store } = ctx.app.status
  for (const c of [copy1, copy2]) await store.linkCopy({ awardId: award.credentialId, copyId: c.credentialId, issuerId: issuer.issuerId })
  const requested: string[] = []
  const requestPublish = ctx.app.status.requestPublish
  ctx.app.status.requestPublish = async job => { requested.push(job.listId); await requestPublish(job) }
  const revoked = async (e: { credentialId: string }) => ctx.app.status.allocator.isRevoked({ credentialId: e.credentialId })
  return { ctx, issuer, award, copy1, copy2, store, requested, revoked }
}

t.test('revoking the award revokes its copies, restoring it restores them; a repeat changes nothing twice', async t => {
  const { ctx, issuer, award, copy1, copy2, store, requested, revoked } = await setup(t)
  t.same(await store.copiesOf(award.credentialId), [copy1.credentialId, copy2.credentialId], 'links found by _id, n = 0, 1')
  const ref = award.credentialId.split('/').pop()
  const res = await ctx.app.inject({ method: 'POST', url: `/issuers/${issuer.issuerId}/credentials/${ref}/revoke`, headers: issuer.auth, payload: { reason: 'Plagiarism', publishReason: true } })
  t.equal(res.statusCode, 200, res.body)
  t.same([await revoked(award), await revoked(copy1), await revoked(copy2)], [true, true, true])
  const note = `Plagiarism (follows award ${award.credentialId})`
  for (const c of [copy1, copy2]) {
    t.match(await store.history(c.credentialId), [{ by: issuer.keyId, to: 'revoked', reason: note }], 'audited with the award\'s principal, noting the award')
    t.match(await store.revocationOf(listIdOf(c.listUrl), c.index), { reason: 'Plagiarism' }, 'the published reason is the award\'s')
  }
  t.ok([copy1, copy2].every(c => requested.includes(listIdOf(c.listUrl))), 'each copy\'s list publish is requested')
  t.not(listIdOf(copy1.listUrl), listIdOf(copy2.listUrl))

  const again = await ctx.app.inject({ method: 'POST', url: `/issuers/${issuer.issuerId}/credentials/${ref}/revoke`, headers: issuer.auth, payload: { reason: 'Again' } })
  t.equal(again.json().changed, false)
  for (const c of [copy1, copy2]) t.equal((await store.history(c.credentialId)).length, 1, 'no second audit record for a copy')

  const restore = await ctx.app.inject({ method: 'POST', url: '/credentials/status', headers: issuer.auth, payload: { credentialId: award.credentialId, status: false, reason: 'Appeal upheld' } })
  t.equal(restore.statusCode, 200, restore.body)
  t.same([await revoked(award), await revoked(copy1), await revoked(copy2)], [false, false, false], 'restored together')
  t.match(await store.history(copy1.credentialId), [{ to: 'revoked' }, { to: 'active', by: issuer.keyId, reason: `Appeal upheld (follows award ${award.credentialId})` }])
  t.equal(await ctx.db.collection('status_revocations').countDocuments({ pending: { $exists: true } }), 0)
})

t.test('a crash after the award\'s bit, before its copies\': the sweep finishes the cascade, once', async t => {
  const { ctx, issuer, award, copy1, copy2, store, revoked } = await setup(t)
  const listId = listIdOf(award.listUrl)
  // what the store's first step leaves when the process dies: the award's row carrying its change, nothing else
  const pending = { changeId: randomUUID(), credentialId: award.credentialId, issuerId: issuer.issuerId, by: issuer.keyId, at: new Date(), reason: 'Fraud', to: 'revoked' as const }
  await ctx.db.collection('status_revocations').insertOne({ _id: revocationKey(listId, award.index) as never, listId, index: award.index, at: pending.at, pending })
  // and the cascade cut short after the first copy (its own unit complete)
  const copyEntry = await ctx.db.collection('status_entries').findOne({ _id: copy1.credentialId as never })
  await store.setRevoked({ credentialId: copy1.credentialId, revoked: true, by: issuer.keyId, reason: 'Fraud', award: award.credentialId }, copyEntry as never)
  t.same([await revoked(award), await revoked(copy1), await revoked(copy2)], [true, true, false], 'half done')

  const logs: string[] = []
  const maintenance = startMaintenance({ db: ctx.db, publisher: ctx.app.status.publisher, ttlSeconds: ctx.config.STATUS_LIST_TTL_SECONDS, reservedGraceSeconds: 3600, intervalMs: 3_600_000, log: m => logs.push(m) })
  t.teardown(() => maintenance.stop())
  await maintenance.runOnce()
  t.same([await revoked(award), await revoked(copy1), await revoked(copy2)], [true, true, true], 'the sweep revoked the remaining copy')
  t.match(await store.history(award.credentialId), [{ to: 'revoked', reason: 'Fraud', by: issuer.keyId }])
  for (const c of [copy1, copy2]) t.match(await store.history(c.credentialId), [{ to: 'revoked', by: issuer.keyId, reason: `Fraud (follows award ${award.credentialId})` }], 'one audit record per copy')
  t.equal(await ctx.db.collection('status_revocations').countDocuments({ pending: { $exists: true } }), 0, 'nothing left pending')
  t.ok(logs.includes('list republished by the sweep'), 'the touched lists were republished')
  await maintenance.runOnce()
  t.equal((await store.history(copy2.credentialId)).length, 1, 'a second sweep changes nothing')
})
