// The issuer's standing in the network (docs/decisions/0005-network-and-endorsements.md): a local HTTP server stands in for the issuer service's
// GET /network/trust, its origin passed as ISSUER_PUBLIC_URL. The step is informational: never a failure.
import t from 'tap'
import { build } from './helper.js'
import { badge, createTestIssuer } from './helpers/issuer.js'
import { json, startServer } from './helpers/http-server.js'
import { trustUrl } from '../src/checks/network.js'

type Check = { check: string; status: string; message: string }
const networkStep = (checks: Check[]): Check[] => checks.filter(c => c.check === 'network')

function achievementOf (credential: { credentialSubject: { achievement: { id: string } } }): string {
  return credential.credentialSubject.achievement.id
}

t.test('a member endorsed by others: success, summary.network, one request per TTL', async t => {
  const service = await startServer(t)
  const { app } = await build(t, { ISSUER_PUBLIC_URL: service.origin })
  const issuer = await createTestIssuer()
  const credential = await issuer.sign(badge(issuer.did))
  const path = trustUrl(service.origin, issuer.did, achievementOf(credential)).slice(service.origin.length)
  t.match(path, /^\/network\/trust\?issuer=did%3Akey%3A.*&achievement=https%3A%2F%2F/, 'issuer DID and achievement id in the query')
  const endorser = { issuerId: 'iss-2', id: 'did:key:z6MkEndorser', name: 'Accrediting Agency', endorsementId: 'e-1', url: `${service.origin}/endorsements/e-1`, subjectId: achievementOf(credential), subjectKind: 'achievement', since: '2025-01-02T00:00:00.000Z', accepted: true }
  service.routes.set(path, json({ issuer: issuer.did, member: true, since: '2024-05-01T00:00:00.000Z', endorsedBy: [endorser, { junk: true }] }))

  const res = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: credential } })
  t.equal(res.statusCode, 200, 'verified')
  const report = res.json()
  t.same(report.checks.map((c: Check) => c.check), ['structure', 'schema', 'proof', 'issuer', 'validity', 'status', 'network'], 'network is the last step')
  t.match(networkStep(report.checks), [{ status: 'success', message: /member of the network since 2024-05-01.*endorsed by Accrediting Agency \(this achievement since 2025-01-02/ }])
  t.same(report.summary.network, { member: true, since: '2024-05-01T00:00:00.000Z', endorsedBy: [endorser] }, 'only well-formed endorsers are kept')

  const again = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: credential } })
  t.equal(again.statusCode, 200)
  t.equal(service.requests.filter(u => u === path).length, 1, 'the second verification used the cached answer')
})

t.test('not a member, a wrong answer, an unreachable service: 200 with a warning or a skipped step', async t => {
  const service = await startServer(t)
  const { app } = await build(t, { ISSUER_PUBLIC_URL: service.origin })
  const verify = async (credential: unknown) => await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: credential } })

  const outsider = await createTestIssuer()
  const a = await outsider.sign(badge(outsider.did))
  service.routes.set(trustUrl(service.origin, outsider.did, achievementOf(a)).slice(service.origin.length), json({ issuer: outsider.did, member: false, endorsedBy: [] }))
  const notMember = await verify(a)
  t.equal(notMember.statusCode, 200, 'not being a member does not fail the credential')
  t.match(networkStep(notMember.json().checks), [{ status: 'warning', message: /not a member of the network; no member endorses it/ }])
  t.same(notMember.json().summary.network, { member: false, endorsedBy: [] })
  t.match(notMember.json().warnings.join('\n'), /network: the issuer is not a member/)

  const liar = await createTestIssuer()
  const b = await liar.sign(badge(liar.did))
  service.routes.set(trustUrl(service.origin, liar.did, achievementOf(b)).slice(service.origin.length), json({ issuer: outsider.did, member: true, endorsedBy: [] }))
  const wrong = await verify(b)
  t.equal(wrong.statusCode, 200)
  t.match(networkStep(wrong.json().checks), [{ status: 'skipped', message: /could not be checked: the answer is about did:key:.*, not did:key:/ }])
  t.notOk(wrong.json().summary.network, 'an answer about another issuer is not shown')

  const unknown = await createTestIssuer()
  const missing = await verify(await unknown.sign(badge(unknown.did)))
  t.equal(missing.statusCode, 200)
  t.match(networkStep(missing.json().checks), [{ status: 'skipped', message: /could not be checked: .*HTTP status 404/ }])
})

t.test('the issuer service is down, or the credential is forged: never asked, or skipped', async t => {
  const service = await startServer(t)
  const { app } = await build(t, { ISSUER_PUBLIC_URL: service.origin })
  const issuer = await createTestIssuer()
  const credential = await issuer.sign(badge(issuer.did))
  // a forged credential: its issuer is not confirmed, so nobody is asked about it
  const forged = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: { ...credential, name: 'Forged' } } })
  t.equal(forged.statusCode, 422)
  t.match(networkStep(forged.json().checks), [{ status: 'skipped', message: /proof or issuer check failed/ }])
  t.equal(service.requests.length, 0, 'no request for an unconfirmed issuer')

  // a second app whose issuer service refuses connections
  const closed = await build(t, { ISSUER_PUBLIC_URL: 'http://127.0.0.1:9' })
  const res = await closed.app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: credential } })
  t.equal(res.statusCode, 200, 'an unreachable issuer service does not fail the credential')
  t.match(networkStep(res.json().checks), [{ status: 'skipped', message: /network membership could not be checked/ }])
})
