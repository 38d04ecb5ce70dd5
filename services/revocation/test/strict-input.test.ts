// Issue 13 "No 500 from any input" and issue 14 "one ids module", on the revocation service.
import t from 'tap'
import { randomUUID } from 'node:crypto'
import { createStatusAllocator } from '@obp/status'
import { scopedCredentialKey } from '@obp/documents'
import { build, createIssuer } from './helper.js'

t.test('a urn:uuid credential is found by its uuid, the key the issuer serves it under', async t => {
  const ctx = await build(t)
  const issuer = await createIssuer(ctx)
  const uuid = randomUUID()
  const allocator = createStatusAllocator({ db: ctx.db, revocationPublicUrl: ctx.config.REVOCATION_PUBLIC_URL })
  await allocator.allocate({ issuerId: issuer.issuerId, credentialId: `urn:uuid:${uuid}` })
  const byKey = await ctx.app.inject({ method: 'POST', url: `/issuers/${issuer.issuerId}/credentials/${uuid}/revoke`, headers: issuer.auth, payload: { reason: 'test' } })
  t.equal(byKey.statusCode, 200, byKey.body)
  t.equal(byKey.json().credentialId, `urn:uuid:${uuid}`)
  const vcApi = await ctx.app.inject({ method: 'POST', url: '/credentials/status', headers: issuer.auth, payload: { credentialId: uuid, status: false } })
  t.equal(vcApi.statusCode, 200, vcApi.body)
  t.equal(vcApi.json().changed, true)
  const full = await ctx.app.inject({ method: 'POST', url: '/credentials/status', headers: issuer.auth, payload: { credentialId: `urn:uuid:${uuid}`, status: true } })
  t.equal(full.statusCode, 200, full.body)
})

t.test('ids are unique per issuer: an id another issuer held first is found under this issuer\'s scoped key', async t => {
  const ctx = await build(t)
  const [first, second] = [await createIssuer(ctx), await createIssuer(ctx)]
  const uuid = randomUUID()
  const id = `urn:uuid:${uuid}`
  const allocator = createStatusAllocator({ db: ctx.db, revocationPublicUrl: ctx.config.REVOCATION_PUBLIC_URL })
  const held = await allocator.allocate({ issuerId: first.issuerId, credentialId: id })
  const own = await allocator.allocate({ issuerId: second.issuerId, credentialId: scopedCredentialKey(second.issuerId, id) })
  for (const credentialId of [id, uuid]) {
    const res = await ctx.app.inject({ method: 'POST', url: '/credentials/status', headers: second.auth, payload: { credentialId, status: true } })
    t.equal(res.statusCode, 200, res.body)
    t.equal(res.json().credentialId, id, 'the answer names the id, never the storage key')
    t.same(res.json().credentialStatus, own, `${credentialId}: the second issuer's own entry`)
  }
  const byPath = await ctx.app.inject({ method: 'GET', url: `/issuers/${second.issuerId}/credentials/${uuid}/status`, headers: second.auth })
  t.equal(byPath.statusCode, 200, byPath.body)
  t.same([byPath.json().credentialId, byPath.json().revoked, byPath.json().history.length], [id, true, 1])
  const firstStatus = await ctx.app.inject({ method: 'GET', url: `/issuers/${first.issuerId}/credentials/${uuid}/status`, headers: first.auth })
  t.same([firstStatus.json().revoked, firstStatus.json().credentialStatus], [false, held], 'the first holder\'s credential is untouched')
  const third = await createIssuer(ctx)
  const stranger = await ctx.app.inject({ method: 'POST', url: '/credentials/status', headers: third.auth, payload: { credentialId: id, status: true } })
  const unused = await ctx.app.inject({ method: 'POST', url: '/credentials/status', headers: third.auth, payload: { credentialId: `urn:uuid:${randomUUID()}`, status: true } })
  t.same([stranger.statusCode, stranger.json().code], [unused.statusCode, unused.json().code], 'a third issuer gets the answer of an unused id')
})

t.test('booleans are booleans: status null, 0, "false" or [false] is a 400, never a restore', async t => {
  const ctx = await build(t)
  const issuer = await createIssuer(ctx)
  const id = `urn:uuid:${randomUUID()}`
  const allocator = createStatusAllocator({ db: ctx.db, revocationPublicUrl: ctx.config.REVOCATION_PUBLIC_URL })
  await allocator.allocate({ issuerId: issuer.issuerId, credentialId: id })
  const revoke = await ctx.app.inject({ method: 'POST', url: '/credentials/status', headers: issuer.auth, payload: { credentialId: id, status: true } })
  t.equal(revoke.statusCode, 200)
  for (const status of [null, 0, 'false', [false], 'true', 1]) {
    const res = await ctx.app.inject({ method: 'POST', url: '/credentials/status', headers: issuer.auth, payload: { credentialId: id, status } })
    t.equal(res.statusCode, 400, `status: ${JSON.stringify(status)}`)
    t.equal(res.json().code, 'OBP_VALIDATION')
    t.match(res.json().detail, /status/)
  }
  t.equal(await ctx.app.status.allocator.isRevoked({ credentialId: id }), true, 'still revoked')
  const unknown = await ctx.app.inject({ method: 'POST', url: '/credentials/status', headers: issuer.auth, payload: { credentialId: id, status: false, resaon: 'typo' } })
  t.equal(unknown.statusCode, 400, 'an unknown property is refused, not dropped')
  t.match(unknown.json().detail, /unknown property "resaon"/)
})

t.test('control characters never reach the store', async t => {
  const ctx = await build(t)
  const issuer = await createIssuer(ctx)
  const id = `urn:uuid:${randomUUID()}`
  const allocator = createStatusAllocator({ db: ctx.db, revocationPublicUrl: ctx.config.REVOCATION_PUBLIC_URL })
  await allocator.allocate({ issuerId: issuer.issuerId, credentialId: id })
  for (const reason of ['a\u0000b', 'bell\u0007', 'esc\u001b[0m']) {
    const res = await ctx.app.inject({ method: 'POST', url: '/credentials/status', headers: issuer.auth, payload: { credentialId: id, status: true, reason } })
    t.equal(res.statusCode, 400, JSON.stringify(reason))
    t.match(res.json().detail, /reason/)
  }
  t.equal(await ctx.db.collection('status_audit').countDocuments({}), 0, 'no audit record written')
  const ok = await ctx.app.inject({ method: 'POST', url: '/credentials/status', headers: issuer.auth, payload: { credentialId: id, status: true, reason: 'line one\nline two\ttabbed' } })
  t.equal(ok.statusCode, 200, 'tab and newline are text')
})
