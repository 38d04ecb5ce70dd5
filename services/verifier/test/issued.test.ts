// Credentials issued the way this platform issues them (@obp/signing, did:key and did:web issuers), with
// Bitstring Status Lists served from a trusted local origin (REVOCATION_PUBLIC_URL in the test's config).
import t from 'tap'
import { buildDidDocument } from '@obp/signing'
import { build } from './helper.js'
import { badge, createTestIssuer, endorsement, statusEntry, statusList } from './helpers/issuer.js'
import { json, startServer } from './helpers/http-server.js'

type Check = { check: string; status: string; message: string }
const statusOf = (checks: Check[], name: string): string[] => checks.filter(c => c.check === name).map(c => c.status)

t.test('a did:key credential verifies; revoked, unlisted and foreign status lists do not', async t => {
  const lists = await startServer(t)
  const { app } = await build(t, { REVOCATION_PUBLIC_URL: lists.origin })
  const issuer = await createTestIssuer()
  const listUrl = `${lists.origin}/status-lists/1`
  lists.routes.set('/status-lists/1', json(await issuer.sign(statusList(listUrl, issuer.did, [7]))))

  const good = await issuer.sign(badge(issuer.did, { credentialStatus: statusEntry(listUrl, 8) }))
  const ok = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: good } })
  t.equal(ok.statusCode, 200, 'verified')
  const report = ok.json()
  t.equal(report.verified, true)
  t.same(report.checks.map((c: Check) => c.check), ['structure', 'schema', 'proof', 'issuer', 'validity', 'status', 'network'])
  t.match(report.checks.find((c: Check) => c.check === 'status').message, /not revoked/)
  t.equal(report.summary.issuer.id, issuer.did)
  t.equal(report.summary.achievement.name, 'Teamwork')
  t.notOk(report.problemDetails)

  const revoked = await issuer.sign(badge(issuer.did, { credentialStatus: statusEntry(listUrl, 7) }))
  const no = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: revoked } })
  t.equal(no.statusCode, 422)
  t.same(statusOf(no.json().checks, 'status'), ['failure'])
  t.match(no.json().errors.join(), /status: revoked/)
  t.equal(no.json().problemDetails[0].type, 'https://www.w3.org/ns/credentials/status-list#STATUS_VERIFICATION_ERROR')
  t.equal(lists.requests.filter(u => u === '/status-lists/1').length, 1, 'the list was fetched once and then served from the cache')

  const outOfRange = await issuer.sign(badge(issuer.did, { credentialStatus: statusEntry(listUrl, 131_072) }))
  const range = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: outOfRange } })
  t.equal(range.statusCode, 422)
  t.match(range.json().checks.find((c: Check) => c.check === 'status').message, /outside the status list/)

  // a list signed by somebody else: its issuer is not the credential's issuer
  const other = await createTestIssuer()
  const foreignUrl = `${lists.origin}/status-lists/foreign`
  lists.routes.set('/status-lists/foreign', json(await other.sign(statusList(foreignUrl, other.did, []))))
  const foreign = await issuer.sign(badge(issuer.did, { credentialStatus: statusEntry(foreignUrl, 3) }))
  const res = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: foreign } })
  t.equal(res.statusCode, 422)
  t.match(res.json().checks.find((c: Check) => c.check === 'status').message, /not by the credential's issuer/)

  // an unreachable list fails closed
  const gone = await issuer.sign(badge(issuer.did, { credentialStatus: statusEntry(`${lists.origin}/status-lists/gone`, 3) }))
  const closed = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: gone } })
  t.equal(closed.statusCode, 422)
  t.match(closed.json().checks.find((c: Check) => c.check === 'status').message, /could not be checked.*404/)

  // a list whose proof was altered after signing
  const forgedUrl = `${lists.origin}/status-lists/forged`
  const forgedList = await issuer.sign(statusList(forgedUrl, issuer.did, []))
  forgedList.credentialSubject = statusList(forgedUrl, issuer.did, [5]).credentialSubject // index 5 now "revoked"
  lists.routes.set('/status-lists/forged', json(forgedList))
  const forged = await issuer.sign(badge(issuer.did, { credentialStatus: statusEntry(forgedUrl, 5) }))
  const bad = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: forged } })
  t.equal(bad.statusCode, 422)
  t.match(bad.json().checks.find((c: Check) => c.check === 'status').message, /proof failed/)
})

t.test('P-256 (ecdsa-rdfc-2019) and Ed25519Signature2020 proofs verify', async t => {
  const { app } = await build(t)
  const p256 = await createTestIssuer('P-256')
  const a = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: await p256.sign(badge(p256.did)) } })
  t.equal(a.statusCode, 200, 'verified')
  t.match(a.json().checks.find((c: Check) => c.check === 'proof').message, /ecdsa-rdfc-2019/)
  const ed = await createTestIssuer()
  const b = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: await ed.sign(badge(ed.did), 'Ed25519Signature2020') } })
  t.equal(b.statusCode, 200, 'verified')
  t.match(b.json().checks.find((c: Check) => c.check === 'proof').message, /Ed25519Signature2020/)
})

t.test('a did:web issuer on the platform origin: Data Integrity and RS256 VC-JWT', async t => {
  const web = await startServer(t)
  const { app } = await build(t, { ISSUER_PUBLIC_URL: web.origin })
  const did = `did:web:127.0.0.1%3A${web.port}:issuers:abc`
  const rsa = await createTestIssuer('RSA', did)
  const p256 = await createTestIssuer('P-256', did)
  web.routes.set('/issuers/abc/did.json', json(buildDidDocument({ did, keys: [rsa.key, p256.key] })))
  const di = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: await p256.sign(badge(did)) } })
  t.equal(di.statusCode, 200, 'verified')
  const jwt = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: await rsa.jwt(badge(did)) } })
  t.equal(jwt.statusCode, 200, 'verified')
  t.match(jwt.json().checks.find((c: Check) => c.check === 'proof').message, /RS256/)
})

t.test('VC-JWT: EdDSA verifies; alg none, HMAC and a key that is not the issuer\'s do not', async t => {
  const { app } = await build(t)
  const issuer = await createTestIssuer()
  const jws = await issuer.jwt(badge(issuer.did))
  const ok = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: jws } })
  t.equal(ok.statusCode, 200, 'verified')
  const asText = await app.inject({ method: 'POST', url: '/credentials/verify', headers: { 'content-type': 'application/jwt' }, payload: jws })
  t.equal(asText.statusCode, 200, 'a bare JWS body works too')

  const [, payload] = jws.split('.')
  const header = (h: object): string => Buffer.from(JSON.stringify(h)).toString('base64url')
  const none = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: `${header({ alg: 'none', typ: 'JWT' })}.${payload}.` } })
  t.equal(none.statusCode, 422)
  t.match(none.json().checks.find((c: Check) => c.check === 'proof'), { status: 'failure', message: /alg "none" is refused/ })
  const hmac = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: `${header({ alg: 'HS256', kid: issuer.key.id })}.${payload}.c2ln` } })
  t.equal(hmac.statusCode, 422)
  t.match(hmac.json().checks.find((c: Check) => c.check === 'proof').message, /HMAC/)

  // a JWT whose exp has passed, though the credential inside has no validUntil (OB 3.0 §8.2.4.1)
  const expHeader = header({ alg: 'EdDSA', kid: issuer.key.id, typ: 'JWT' })
  const expPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), exp: 1_600_000_000 })).toString('base64url')
  const expSig = Buffer.from(await issuer.signer.sign({ data: Buffer.from(`${expHeader}.${expPayload}`) })).toString('base64url')
  const expired = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: `${expHeader}.${expPayload}.${expSig}` } })
  t.equal(expired.statusCode, 422)
  t.match(expired.json().checks.find((c: Check) => c.check === 'validity'), { status: 'failure', message: /JWT exp/ })
  t.same(statusOf(expired.json().checks, 'proof'), ['success'], 'the signature itself is fine')

  // a stranger signs the same claims with its own key and names it in the header
  const stranger = await createTestIssuer()
  const forged = await stranger.jwt(badge(issuer.did))
  const res = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: forged } })
  t.equal(res.statusCode, 422)
  t.same(statusOf(res.json().checks, 'issuer'), ['failure'])
  t.match(res.json().checks.find((c: Check) => c.check === 'issuer').message, /not by the issuer/)
})

t.test('recipient and endorsements', async t => {
  const { app } = await build(t)
  const issuer = await createTestIssuer()
  const agency = await createTestIssuer()
  const endorsed = await agency.sign(endorsement(agency.did, issuer.did))
  const credential = await issuer.sign(badge(issuer.did, { recipient: { email: 'Learner@Example.org' }, endorsement: [endorsed] }))
  const ok = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: credential, options: { recipient: { email: 'learner@example.org' } } } })
  t.equal(ok.statusCode, 200, 'verified')
  t.same(statusOf(ok.json().checks, 'recipient'), ['success'])
  t.same(statusOf(ok.json().checks, 'endorsement'), ['success'])
  t.match(ok.json().summary.endorsements, [{ issuer: { id: agency.did }, comment: 'In good standing', verified: true }])

  const wrong = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: credential, options: { recipient: { email: 'someone@else.org' } } } })
  t.equal(wrong.statusCode, 422)
  t.same(statusOf(wrong.json().checks, 'recipient'), ['failure'])

  // an endorsement altered after signing is reported as not counted; the credential still verifies
  const tampered = await issuer.sign(badge(issuer.did, { endorsement: [{ ...endorsed, name: 'Altered' }] }))
  const res = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: tampered } })
  t.equal(res.statusCode, 200, 'the verdict does not depend on endorsements')
  t.match(res.json().checks.find((c: Check) => c.check === 'endorsement'), { status: 'warning', message: /not counted: bad proof/ })
  t.match(res.json().summary.endorsements, [{ counted: false, verified: false, reason: /^bad proof/ }])
})

t.test('one valid and one revoked endorsement: 200, exactly one counted (docs/decisions/0005-network-and-endorsements.md)', async t => {
  const lists = await startServer(t)
  const { app } = await build(t, { REVOCATION_PUBLIC_URL: lists.origin })
  const issuer = await createTestIssuer()
  const agency = await createTestIssuer()
  const board = await createTestIssuer()
  const listUrl = `${lists.origin}/status-lists/board`
  lists.routes.set('/status-lists/board', json(await board.sign(statusList(listUrl, board.did, [4]))))
  const good = await agency.sign(endorsement(agency.did, issuer.did))
  const revoked = await board.sign({ ...endorsement(board.did, issuer.did), credentialStatus: statusEntry(listUrl, 4) })
  const credential = await issuer.sign(badge(issuer.did, { endorsement: [good, revoked] }))
  const res = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: credential } })
  t.equal(res.statusCode, 200, 'verified')
  const report = res.json()
  t.equal(report.verified, true)
  t.same(statusOf(report.checks, 'endorsement'), ['success', 'warning'], 'one step log entry per endorsement')
  t.match(report.checks.filter((c: Check) => c.check === 'endorsement')[1].message, /not counted: revoked/)
  t.equal(report.summary.endorsements.filter((e: { counted: boolean }) => e.counted).length, 1, 'exactly one counted')
  t.match(report.summary.endorsements, [
    { issuer: { id: agency.did }, counted: true, verified: true, on: 'credential' },
    { issuer: { id: board.did }, counted: false, verified: false, reason: /^revoked/ }
  ])
  t.match(report.warnings.join('\n'), /endorsement: .*not counted: revoked/)
  t.notOk(report.problemDetails, 'no problem is reported for the credential')

  // an endorsement of somebody else, embedded in this badge, is verified but not counted
  const stranger = await createTestIssuer()
  const elsewhere = await agency.sign(endorsement(agency.did, stranger.did))
  const other = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: await issuer.sign(badge(issuer.did, { endorsement: [elsewhere] })) } })
  t.equal(other.statusCode, 200)
  t.match(other.json().summary.endorsements, [{ verified: true, counted: false, reason: /not this credential/ }])
})
