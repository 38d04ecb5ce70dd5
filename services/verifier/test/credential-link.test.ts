// Verification by link (CONTRACT.md "Verifier service": `{credentialUrl}`) and the published details of a
// revoked credential (the revocation service's public entry record, here a local stand-in).
import t from 'tap'
import { bakePng, defaultBadgeImage } from '@obp/ob3'
import { build } from './helper.js'
import { badge, createTestIssuer, statusEntry, statusList } from './helpers/issuer.js'
import { json, startServer } from './helpers/http-server.js'

t.test('{credentialUrl}: JSON, JWT and baked PNG links of the platform; other links refused with a code', async t => {
  const platform = await startServer(t)
  const { app } = await build(t, { ISSUER_PUBLIC_URL: platform.origin })
  const issuer = await createTestIssuer()
  const credential = await issuer.sign(badge(issuer.did))
  platform.routes.set('/credentials/a', json(credential))
  platform.routes.set('/credentials/a.jwt', (_req, res) => { res.writeHead(200, { 'content-type': 'application/jwt' }); void issuer.jwt(badge(issuer.did)).then(jwt => res.end(jwt)) })
  platform.routes.set('/credentials/a.png', (_req, res) => { res.writeHead(200, { 'content-type': 'image/png' }); res.end(bakePng(defaultBadgeImage({ name: 'Teamwork' }).png, credential)) })
  const verify = async (payload: object) => await app.inject({ method: 'POST', url: '/credentials/verify', payload })

  for (const path of ['/credentials/a', '/credentials/a.jwt', '/credentials/a.png']) {
    const res = await verify({ credentialUrl: platform.origin + path })
    t.equal(res.statusCode, 200, `${path} verified`)
    t.equal(res.json().summary.issuer.id, issuer.did)
    t.ok(res.json().trust, 'with trust')
  }
  const legacy = await app.inject({ method: 'POST', url: '/credentials/verify-url', payload: { url: platform.origin + '/credentials/a' } })
  t.equal(legacy.statusCode, 200, 'the older verify-url route reads links the same way')

  const http = await verify({ credentialUrl: 'http://example.com/credentials/a' })
  t.equal(http.statusCode, 400)
  t.match(http.json(), { code: 'OBP_VERIFIER_CREDENTIAL_URL', detail: /https/ })
  const local = await verify({ credentialUrl: 'https://127.0.0.1:9/credentials/a' })
  t.equal(local.statusCode, 400, 'a private address is refused')
  t.match(local.json().code, 'OBP_VERIFIER_CREDENTIAL_URL')
  const missing = await verify({ credentialUrl: platform.origin + '/credentials/missing' })
  t.equal(missing.statusCode, 400)
  t.match(missing.json().detail, /404/)
  const notALink = await verify({ credentialUrl: 'javascript:alert(1)' })
  t.match(notALink.json(), { code: 'OBP_VERIFIER_CREDENTIAL_URL' })
})

t.test('a revoked credential carries the published date and reason', async t => {
  const revocation = await startServer(t)
  const { app } = await build(t, { REVOCATION_PUBLIC_URL: revocation.origin })
  const issuer = await createTestIssuer()
  const listUrl = `${revocation.origin}/status-lists/list-1`
  revocation.routes.set('/status-lists/list-1', json(await issuer.sign(statusList(listUrl, issuer.did, [7, 9]))))
  revocation.routes.set('/status-lists/list-1/entries/7', json({ listId: 'list-1', index: 7, revoked: true, revokedAt: '2026-03-02T10:00:00.000Z', reason: 'Awarded in error' }))
  revocation.routes.set('/status-lists/list-1/entries/9', json({ listId: 'list-1', index: 9, revoked: true, revokedAt: '2026-03-03T10:00:00.000Z' }))
  const verify = async (index: number) => (await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: await issuer.sign(badge(issuer.did, { credentialStatus: statusEntry(listUrl, index) })) } })).json()

  t.same((await verify(7)).revocation, { revokedAt: '2026-03-02T10:00:00.000Z', reason: 'Awarded in error' })
  t.same((await verify(9)).revocation, { revokedAt: '2026-03-03T10:00:00.000Z' }, 'no reason when none was published')
  t.notOk((await verify(8)).revocation, 'nothing for a credential in force')
  t.notOk(revocation.requests.includes('/status-lists/list-1/entries/8'), 'no record asked for a credential in force')
})
