import t from 'tap'
import { build, createIssuer, issueEntries } from './helper.js'

t.test('revoke with a reason, restore through VC-API, and read the audit trail', async t => {
  const ctx = await build(t)
  const { app } = ctx
  const issuer = await createIssuer(ctx)
  const [entry] = await issueEntries(ctx.db, ctx.config, issuer.issuerId, 1)
  const ref = entry.credentialId.split('/').pop()

  const revoked = await app.inject({ method: 'POST', url: `/issuers/${issuer.issuerId}/credentials/${ref}/revoke`, headers: issuer.auth, payload: { reason: 'issued in error' } })
  t.equal(revoked.statusCode, 200, revoked.body)
  t.match(revoked.json(), { credentialId: entry.credentialId, revoked: true, changed: true, credentialStatus: { statusListIndex: String(entry.index), statusListCredential: entry.listUrl } })
  t.equal(await app.status.allocator.isRevoked({ credentialId: entry.credentialId }), true)

  const again = await app.inject({ method: 'POST', url: `/issuers/${issuer.issuerId}/credentials/${ref}/revoke`, headers: issuer.auth, payload: {} })
  t.equal(again.json().changed, false, 'revoking twice changes nothing')

  const restored = await app.inject({ method: 'POST', url: '/credentials/status', headers: issuer.auth, payload: { credentialId: entry.credentialId, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' }, status: false } })
  t.equal(restored.statusCode, 200, restored.body)
  t.match(restored.json(), { revoked: false, changed: true })
  t.equal(await app.status.allocator.isRevoked({ credentialId: entry.credentialId }), false)

  const history = await app.inject({ url: `/issuers/${issuer.issuerId}/credentials/${ref}/status`, headers: issuer.auth })
  t.equal(history.statusCode, 200, history.body)
  const h = history.json()
  t.equal(h.revoked, false)
  t.match(h.history, [
    { by: issuer.keyId, from: 'active', to: 'revoked', reason: 'issued in error', at: String },
    { by: issuer.keyId, from: 'revoked', to: 'active' }
  ])
  t.equal(h.history.length, 2, 'one record per change, none for the no-op')
})

t.test('the VC-API call accepts the last path segment too, and a manage key may read the history', async t => {
  const ctx = await build(t)
  const issuer = await createIssuer(ctx, ['revoke', 'manage'])
  const manager = await ctx.app.apiKeys.create(issuer.issuerId, ['manage'])
  const [entry] = await issueEntries(ctx.db, ctx.config, issuer.issuerId, 1)
  const ref = entry.credentialId.split('/').pop()
  const res = await ctx.app.inject({ method: 'POST', url: '/credentials/status', headers: issuer.auth, payload: { credentialId: ref, status: true } })
  t.equal(res.statusCode, 200, res.body)
  const history = await ctx.app.inject({ url: `/issuers/${issuer.issuerId}/credentials/${ref}/status`, headers: { authorization: `Bearer ${manager.token}` } })
  t.equal(history.statusCode, 200)
  t.equal(history.json().revoked, true)
  const revokeByManager = await ctx.app.inject({ method: 'POST', url: `/issuers/${issuer.issuerId}/credentials/${ref}/revoke`, headers: { authorization: `Bearer ${manager.token}` }, payload: {} })
  t.equal(revokeByManager.statusCode, 403, 'revoking needs the revoke scope')
})

t.test('auth: no token 401, another issuer 404, unknown credential 404', async t => {
  const ctx = await build(t)
  const a = await createIssuer(ctx)
  const b = await createIssuer(ctx)
  const [entry] = await issueEntries(ctx.db, ctx.config, a.issuerId, 1)
  const ref = entry.credentialId.split('/').pop()
  const url = `/issuers/${a.issuerId}/credentials/${ref}/revoke`

  const anonymous = await ctx.app.inject({ method: 'POST', url, payload: {} })
  t.equal(anonymous.statusCode, 401)
  t.equal(anonymous.json().code, 'OBP_UNAUTHORIZED')
  t.equal((await ctx.app.inject({ method: 'POST', url: '/credentials/status', payload: { credentialId: entry.credentialId, status: true } })).statusCode, 401)

  const crossPath = await ctx.app.inject({ method: 'POST', url, headers: b.auth, payload: {} })
  t.equal(crossPath.statusCode, 404, 'another issuer\'s path')
  const crossOwnPath = await ctx.app.inject({ method: 'POST', url: `/issuers/${b.issuerId}/credentials/${ref}/revoke`, headers: b.auth, payload: {} })
  t.equal(crossOwnPath.statusCode, 404, 'a credential of another issuer under one\'s own path')
  const crossApi = await ctx.app.inject({ method: 'POST', url: '/credentials/status', headers: b.auth, payload: { credentialId: entry.credentialId, status: true } })
  t.equal(crossApi.statusCode, 404)
  t.equal(crossApi.json().code, 'OBP_REVOCATION_CREDENTIAL_NOT_FOUND')
  t.equal((await ctx.app.inject({ url: `/issuers/${a.issuerId}/credentials/${ref}/status`, headers: b.auth })).statusCode, 404, 'another issuer\'s history')
  t.equal(await ctx.app.status.allocator.isRevoked({ credentialId: entry.credentialId }), false, 'nothing changed')

  const unknown = await ctx.app.inject({ method: 'POST', url: '/credentials/status', headers: a.auth, payload: { credentialId: 'https://elsewhere.example/credentials/x', status: true } })
  t.equal(unknown.statusCode, 404)
})

t.test('operator injection and malformed bodies are 400, never a query', async t => {
  const ctx = await build(t)
  const a = await createIssuer(ctx)
  const [entry] = await issueEntries(ctx.db, ctx.config, a.issuerId, 1)
  const bodies: unknown[] = [
    { credentialId: { $ne: null }, status: true },
    { credentialId: { $gt: '' }, status: true },
    { credentialId: entry.credentialId, status: { $ne: false } },
    { credentialId: entry.credentialId },
    { credentialId: entry.credentialId, status: true, credentialStatus: { type: 'StatusList2021Entry', statusPurpose: 'revocation' } },
    { credentialId: entry.credentialId, status: true, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' } },
    { credentialId: '', status: true }
  ]
  for (const payload of bodies) {
    const res = await ctx.app.inject({ method: 'POST', url: '/credentials/status', headers: a.auth, payload: payload as object })
    t.equal(res.statusCode, 400, JSON.stringify(payload))
    t.equal(res.json().code, 'OBP_VALIDATION')
  }
  const reason = await ctx.app.inject({ method: 'POST', url: `/issuers/${a.issuerId}/credentials/x/revoke`, headers: a.auth, payload: { reason: { $ne: null } } })
  t.equal(reason.statusCode, 400)
  t.equal(await ctx.app.status.allocator.isRevoked({ credentialId: entry.credentialId }), false, 'nothing was revoked')
})

t.test('the public entry record: date of the revocation, and the reason only when published', async t => {
  const ctx = await build(t)
  const issuer = await createIssuer(ctx)
  const [kept, published, inForce] = await issueEntries(ctx.db, ctx.config, issuer.issuerId, 3)
  const revoke = async (entry: { credentialId: string }, payload: object) => await ctx.app.inject({ method: 'POST', url: `/issuers/${issuer.issuerId}/credentials/${entry.credentialId.split('/').pop()}/revoke`, headers: issuer.auth, payload })
  const record = async (entry: { listUrl: string; index: number }) => await ctx.app.inject({ url: `${new URL(entry.listUrl).pathname}/entries/${entry.index}` })

  t.equal((await revoke(kept, { reason: 'private matter' })).statusCode, 200)
  t.equal((await revoke(published, { reason: 'Awarded in error', publishReason: true })).statusCode, 200)
  const a = await record(kept)
  t.equal(a.statusCode, 200, a.body)
  t.match(a.json(), { revoked: true, revokedAt: String })
  t.notOk('reason' in a.json(), 'an unpublished reason stays in the audit trail')
  t.match((await record(published)).json(), { revoked: true, reason: 'Awarded in error' })
  t.ok(Date.parse((await record(published)).json().revokedAt) <= Date.now())
  t.same((await record(inForce)).json(), { listId: new URL(inForce.listUrl).pathname.split('/').pop(), index: inForce.index, revoked: false })

  const vcApi = await ctx.app.inject({ method: 'POST', url: '/credentials/status', headers: issuer.auth, payload: { credentialId: inForce.credentialId, status: true, reason: 'Fraud', publishReason: true } })
  t.equal(vcApi.statusCode, 200, vcApi.body)
  t.match((await record(inForce)).json(), { revoked: true, reason: 'Fraud' }, 'the VC-API call can publish the reason too')

  const missing = await ctx.app.inject({ url: '/status-lists/00000000-0000-4000-8000-000000000000/entries/1' })
  t.equal(missing.statusCode, 404)
  t.equal(missing.json().code, 'OBP_REVOCATION_STATUS_LIST_NOT_FOUND')
  t.equal((await ctx.app.inject({ url: `${new URL(kept.listUrl).pathname}/entries/-1` })).statusCode, 400)
})
