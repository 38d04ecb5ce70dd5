// The revocation service's paths called at volume find their documents by `_id` only (on FerretDB any other filter
// scans the collection, whose size grows with every credential issued): a revoke, a restore and a status-list read.
// Not on that list: publishing a list (once per change, by the worker; it reads the list's set bits by listId) and a
// credential's history (an operator's call; audit records by credentialId). Their speed at two store sizes: npm run bench.
import t from 'tap'
import { watchFilters } from '@obp/service-kit/testing'
import { build, createIssuer, issueEntries, listIdOf } from './helper.js'

t.test('revoke, restore and a published status list read and update by _id', async t => {
  const ctx = await build(t)
  const { app, mongoClient } = ctx
  const issuer = await createIssuer(ctx, ['revoke', 'manage'])
  const [entry] = await issueEntries(ctx.db, ctx.config, issuer.issuerId, 1)
  const ref = entry.credentialId.split('/').pop() as string
  const { sent, stop, start } = watchFilters(mongoClient)
  t.teardown(stop)
  const revoked = await app.inject({ method: 'POST', url: `/issuers/${issuer.issuerId}/credentials/${ref}/revoke`, headers: issuer.auth, payload: { reason: 'issued in error' } })
  t.equal(revoked.statusCode, 200, revoked.body)
  const restored = await app.inject({ method: 'POST', url: '/credentials/status', headers: issuer.auth, payload: { credentialId: entry.credentialId, status: false } })
  t.equal(restored.statusCode, 200, restored.body)
  // the list's first read publishes it (as the worker does after each change): not a steady-state read
  stop()
  t.equal((await app.inject({ url: `/status-lists/${listIdOf(entry.listUrl)}` })).statusCode, 200)
  start()
  for (let i = 0; i < 2; i++) {
    const list = await app.inject({ url: `/status-lists/${listIdOf(entry.listUrl)}` })
    t.equal(list.statusCode, 200, list.body.slice(0, 200))
  }
  t.ok(sent.length >= 3, `${sent.length} reads and updates`)
  for (const s of sent) t.ok(s.filter._id !== undefined, `${s.command} ${s.collection} by _id: ${JSON.stringify(s.filter).slice(0, 200)}`)
})
