import t from 'tap'
import { build, bearer, createIssuer } from './helper.js'

t.test('POST /issuers: admin only; a did:key Profile, its DID and a first API key with all scopes', async t => {
  const { app, secrets } = await build(t)
  const none = await app.inject({ method: 'POST', url: '/issuers', payload: { name: 'X' } })
  t.equal(none.statusCode, 401)
  const res = await app.inject({ method: 'POST', url: '/issuers', headers: bearer(secrets.adminToken), payload: { name: 'Uni', email: 'badges@uni.example' } })
  t.equal(res.statusCode, 201, res.body)
  const body = res.json()
  t.match(body.did, /^did:key:z6Mk/)
  t.equal(body.profile.id, body.did)
  t.same(body.profile.type, ['Profile'])
  t.match(body.apiKey, /^obp_/)
  t.same(body.scopes.sort(), ['issue', 'manage', 'revoke'])
  const issuerKeyCreatesIssuer = await app.inject({ method: 'POST', url: '/issuers', headers: bearer(body.apiKey), payload: { name: 'Y' } })
  t.equal(issuerKeyCreatesIssuer.statusCode, 403)
  const profile = await app.inject(`/issuers/${body.id}`)
  t.equal(profile.statusCode, 200)
  t.same(profile.json(), body.profile)
  const byDid = await app.inject(`/issuers/${encodeURIComponent(body.did)}`)
  t.equal(byDid.json().id, body.did)
  t.equal((await app.inject(`/issuers/${body.id}/did.json`)).json().code, 'OBP_ISSUER_NOT_DID_WEB')
  const rotate = await app.inject({ method: 'POST', url: `/issuers/${body.id}/keys`, headers: bearer(body.apiKey), payload: {} })
  t.equal(rotate.statusCode, 409)
  t.equal(rotate.json().code, 'OBP_ISSUER_ROTATION_NEEDS_DID_WEB')
})

t.test('did:web issuers: DID document at /issuers/:id/did.json; rotation keeps old keys listed', async t => {
  const { app, secrets } = await build(t, { DID_WEB_HOST: 'badges.example.org' })
  const issuer = await createIssuer(app, secrets.adminToken, { didMethod: 'web' })
  t.equal(issuer.did, `did:web:badges.example.org:issuers:${issuer.id}`)
  const doc1 = (await app.inject(`/issuers/${issuer.id}/did.json`)).json()
  t.equal(doc1.id, issuer.did)
  t.equal(doc1.verificationMethod.length, 1)
  const rotate = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/keys`, headers: bearer(issuer.apiKey), payload: { type: 'P-256' } })
  t.equal(rotate.statusCode, 201, rotate.body)
  t.equal(rotate.json().type, 'P-256')
  t.notOk('sealed' in rotate.json(), 'no sealed private key in answers')
  const doc2 = (await app.inject(`/issuers/${issuer.id}/did.json`)).json()
  t.equal(doc2.verificationMethod.length, 2)
  t.same(doc2.assertionMethod, [doc1.verificationMethod[0].id, rotate.json().id])
  const keys = (await app.inject({ url: `/issuers/${issuer.id}/keys`, headers: bearer(issuer.apiKey) })).json()
  t.same(keys.map((k: { active: boolean }) => k.active), [false, true])
  const rsa = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/keys`, headers: bearer(issuer.apiKey), payload: { type: 'RSA' } })
  t.equal(rsa.json().code, 'OBP_ISSUER_KEY_TYPE_UNSUPPORTED')
})

t.test('did:web needs an https public URL or DID_WEB_HOST', async t => {
  const { app, secrets } = await build(t, { ISSUER_PUBLIC_URL: 'http://localhost:3001' })
  const res = await app.inject({ method: 'POST', url: '/issuers', headers: bearer(secrets.adminToken), payload: { name: 'W', didMethod: 'web' } })
  t.equal(res.statusCode, 400)
  t.equal(res.json().code, 'OBP_ISSUER_DID_WEB_UNAVAILABLE')
})

t.test('API keys: scoped, listed without secrets, revocable; auth matrix 401 / 403 / 404', async t => {
  const { app, secrets } = await build(t)
  const a = await createIssuer(app, secrets.adminToken, { name: 'A' })
  const b = await createIssuer(app, secrets.adminToken, { name: 'B' })
  const created = await app.inject({ method: 'POST', url: `/issuers/${a.id}/api-keys`, headers: bearer(a.apiKey), payload: { scopes: ['issue'], name: 'sis' } })
  t.equal(created.statusCode, 201, created.body)
  const issueOnly = created.json().token as string
  const list = (await app.inject({ url: `/issuers/${a.id}/api-keys`, headers: bearer(a.apiKey) })).json()
  t.equal(list.length, 2)
  const secret = /^obp_[0-9a-f-]{36}_(.{43})$/.exec(issueOnly)?.[1] // base64url: it may hold `_` itself
  t.ok(secret)
  t.notOk(JSON.stringify(list).includes(secret as string), 'secrets never listed')
  t.notOk(list.some((k: Record<string, unknown>) => 'hash' in k))
  // 403: right token, wrong scope
  const wrongScope = await app.inject({ method: 'POST', url: `/issuers/${a.id}/achievements`, headers: bearer(issueOnly), payload: { name: 'n', description: 'd', criteria: { narrative: 'c' } } })
  t.equal(wrongScope.statusCode, 403)
  // 404: another issuer's resources, for every protected call
  for (const [method, url, payload] of [
    ['POST', `/issuers/${b.id}/keys`, {}], ['GET', `/issuers/${b.id}/api-keys`, undefined],
    ['POST', `/issuers/${b.id}/achievements`, { name: 'n', description: 'd', criteria: { narrative: 'c' } }],
    ['POST', `/issuers/${b.id}/credentials`, { achievementId: 'x', recipient: { email: 'a@b.example' } }],
    ['POST', `/issuers/${b.id}/batches`, { awards: [{ achievementId: 'x', recipient: { email: 'a@b.example' } }] }]
  ] as const) {
    const res = await app.inject({ method, url, headers: bearer(a.apiKey), ...(payload ? { payload } : {}) })
    t.equal(res.statusCode, 404, `${method} ${url}`)
    t.equal(res.json().code, 'OBP_ISSUER_NOT_FOUND')
  }
  // 401: missing or bad token
  t.equal((await app.inject({ url: `/issuers/${a.id}/api-keys` })).statusCode, 401)
  t.equal((await app.inject({ url: `/issuers/${a.id}/api-keys`, headers: bearer('obp_nope') })).statusCode, 401)
  // revocation takes effect at once
  const del = await app.inject({ method: 'DELETE', url: `/issuers/${a.id}/api-keys/${created.json().id}`, headers: bearer(a.apiKey) })
  t.equal(del.statusCode, 204)
  const after = await app.inject({ method: 'POST', url: `/issuers/${a.id}/credentials`, headers: bearer(issueOnly), payload: { achievementId: 'x', recipient: { email: 'a@b.example' } } })
  t.equal(after.statusCode, 401)
})

t.test('least privilege: a key creates keys only with scopes it holds; the admin token with any', async t => {
  const { app, secrets } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const manager = (await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/api-keys`, headers: bearer(secrets.adminToken), payload: { scopes: ['manage'] } })).json().token as string
  const escalate = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/api-keys`, headers: bearer(manager), payload: { scopes: ['manage', 'issue', 'revoke'] } })
  t.equal(escalate.statusCode, 403, escalate.body)
  t.equal(escalate.json().code, 'OBP_FORBIDDEN')
  t.match(escalate.json().detail, /issue, revoke/)
  const same = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/api-keys`, headers: bearer(manager), payload: { scopes: ['manage'] } })
  t.equal(same.statusCode, 201, 'its own scopes are fine')
  const keys = (await app.inject({ url: `/issuers/${issuer.id}/api-keys`, headers: bearer(manager) })).json()
  t.equal(keys.length, 3, 'the issuer\'s first key, the manager and its copy: the refused call created nothing')
})
