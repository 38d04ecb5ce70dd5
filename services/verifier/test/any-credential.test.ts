// Issue 13 "The verifier verifies any verifiable credential": the generic checks (structure, proof, issuer
// binding, validity, status) run for every VCDM 2.0 / 1.1 credential, the Open Badges checks only for one that
// claims an OB type; the report names the profile. Also VCALM `options.checks`, and a secured document that is
// not a map.
import { randomUUID } from 'node:crypto'
import t from 'tap'
import { build } from './helper.js'
import { badge, createTestIssuer, statusEntry, statusList } from './helpers/issuer.js'
import { json, startServer } from './helpers/http-server.js'

type Check = { check: string; status: string; message: string }
const byName = (checks: Check[]): Record<string, string> => Object.fromEntries(checks.map(c => [c.check, c.status]))
const V2 = 'https://www.w3.org/ns/credentials/v2'
const V1 = 'https://www.w3.org/2018/credentials/v1'

/** A plain VCDM 2.0 credential, with a term only the v2 context's @vocab defines. */
export function plainV2 (issuer: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@context': [V2],
    id: `urn:uuid:${randomUUID()}`,
    type: ['VerifiableCredential', 'ExampleDegreeCredential'],
    issuer,
    validFrom: '2024-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:alice', degree: { type: 'BachelorDegree', name: 'Bachelor of Science' } },
    ...extra
  }
}

export function plainV1 (issuer: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@context': [V1],
    id: `urn:uuid:${randomUUID()}`,
    type: ['VerifiableCredential'],
    issuer,
    issuanceDate: '2024-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:bob' },
    ...extra
  }
}

const verify = async (app: Awaited<ReturnType<typeof build>>['app'], verifiableCredential: unknown, options?: object): Promise<{ statusCode: number; json: () => any }> =>
  await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential, ...(options !== undefined ? { options } : {}) } })

t.test('POST /credentials/verify accepts any VCDM 2.0 or 1.1 credential; OB checks only for OB types; profile named', async t => {
  const lists = await startServer(t)
  const { app } = await build(t, { REVOCATION_PUBLIC_URL: lists.origin })
  const issuer = await createTestIssuer()
  const listUrl = `${lists.origin}/status-lists/plain`
  lists.routes.set('/status-lists/plain', json(await issuer.sign(statusList(listUrl, issuer.did, [3]))))

  const plain = await verify(app, await issuer.sign(plainV2(issuer.did, { credentialStatus: statusEntry(listUrl, 4) })))
  t.equal(plain.statusCode, 200, 'a plain VerifiableCredential verifies')
  t.equal(plain.json().profile, 'vc')
  t.same(plain.json().checks.map((c: Check) => c.check), ['structure', 'proof', 'issuer', 'validity', 'status'], 'the generic checks only')
  t.match(byName(plain.json().checks), { structure: 'success', proof: 'success', issuer: 'success', validity: 'success', status: 'success' })
  t.notOk(plain.json().summary.achievement, 'no achievement summary for a plain credential')
  t.match(plain.json().warnings.join(), /issuer-dependent terms .*: BachelorDegree, ExampleDegreeCredential, degree/, 'terms only the v2 @vocab defines are named')

  const revoked = await verify(app, await issuer.sign(plainV2(issuer.did, { credentialStatus: statusEntry(listUrl, 3) })))
  t.equal(revoked.statusCode, 422, 'the status check runs for a plain credential too')
  t.match(revoked.json().checks.find((c: Check) => c.check === 'status'), { status: 'failure', message: /revoked/ })

  const singleProof = await issuer.sign(plainV2(issuer.did))
  const asObject = await verify(app, { ...singleProof, proof: singleProof.proof[0] })
  t.equal(asObject.statusCode, 200, 'proof as a single object (as the VC-API issues it)')

  const ob = await verify(app, await issuer.sign(badge(issuer.did)))
  t.equal(ob.statusCode, 200)
  t.equal(ob.json().profile, 'openbadges', 'an OpenBadgeCredential gets the OB profile')
  t.match(byName(ob.json().checks), { schema: 'success', network: /./ })
  t.equal(ob.json().summary.achievement.name, 'Teamwork')

  const stranger = await createTestIssuer()
  const forged = await verify(app, await stranger.sign(plainV2(issuer.did)))
  t.equal(forged.statusCode, 422, 'issuer binding applies to a plain credential')
  t.match(byName(forged.json().checks), { proof: 'success', issuer: 'failure' })

  const tampered = await issuer.sign(plainV2(issuer.did))
  tampered.credentialSubject.degree.name = 'Doctor of Science'
  t.match(byName((await verify(app, tampered)).json().checks), { proof: 'failure' }, 'a changed claim breaks the proof')

  const badId = await verify(app, { ...plainV2(issuer.did), id: 'not a url', proof: singleProof.proof })
  t.equal(badId.statusCode, 422, 'credential-shaped but malformed: 422')
  t.match(badId.json().checks[0], { check: 'structure', status: 'failure', message: /id must be a URL/ })
})

t.test('VCDM 1.1 credentials: issuanceDate / expirationDate validity', async t => {
  const { app } = await build(t)
  const issuer = await createTestIssuer()
  const ok = await verify(app, await issuer.sign(plainV1(issuer.did, { expirationDate: '2999-01-01T00:00:00Z' })))
  t.equal(ok.statusCode, 200, JSON.stringify(ok.json().errors))
  t.equal(ok.json().profile, 'vc')
  t.match(ok.json().checks.find((c: Check) => c.check === 'validity').message, /valid from 2024-01-01T00:00:00Z, until 2999/)
  t.match(ok.json().warnings.join(), /VCDM 1.1/)

  const expired = await verify(app, await issuer.sign(plainV1(issuer.did, { expirationDate: '2024-06-01T00:00:00Z' })))
  t.equal(expired.statusCode, 422)
  t.match(expired.json().checks.find((c: Check) => c.check === 'validity'), { status: 'failure', message: /expired: expirationDate/ })

  const future = await verify(app, await issuer.sign(plainV1(issuer.did, { issuanceDate: '2999-01-01T00:00:00Z' })))
  t.match(future.json().checks.find((c: Check) => c.check === 'validity'), { status: 'failure', message: /not valid yet: issuanceDate/ })

  // the signing library adds issuanceDate to a VCDM 1.1 credential, so it is taken out after signing
  const noIssuance = await issuer.sign(plainV1(issuer.did))
  delete noIssuance.issuanceDate
  const missing = await verify(app, noIssuance)
  t.equal(missing.statusCode, 422)
  t.match(missing.json().checks.find((c: Check) => c.check === 'validity'), { status: 'failure', message: /issuanceDate is required/ })
})

t.test('options.checks (VCALM): checks not asked for are skipped; key binding belongs to the issuer check', async t => {
  const { app } = await build(t)
  const issuer = await createTestIssuer()
  const expired = await issuer.sign(plainV2(issuer.did, { validUntil: '2024-06-01T00:00:00Z' }))
  const all = await verify(app, expired)
  t.equal(all.statusCode, 422, 'by default every check runs')
  const proofOnly = await verify(app, expired, { checks: ['proof'] })
  t.equal(proofOnly.statusCode, 200, 'only the proof was asked for')
  t.match(byName(proofOnly.json().checks), { structure: 'success', proof: 'success', issuer: 'skipped', validity: 'skipped', status: 'skipped' })
  t.match(proofOnly.json().checks.find((c: Check) => c.check === 'validity').message, /not requested in options\.checks/)

  const stranger = await createTestIssuer()
  const foreign = await stranger.sign(plainV2(issuer.did))
  t.equal((await verify(app, foreign, { checks: ['proof'] })).statusCode, 200, 'without the issuer check the key is not bound to the issuer')
  const bound = await verify(app, foreign, { checks: ['proof', 'issuer'] })
  t.equal(bound.statusCode, 422, 'the issuer check binds the key')
  t.match(byName(bound.json().checks), { proof: 'success', issuer: 'failure', validity: 'skipped' })
  const vcApiNames = await verify(app, expired, { checks: ['proof', 'credentialStatus', 'expiration'] })
  t.match(byName(vcApiNames.json().checks), { validity: 'failure', status: 'skipped', issuer: 'skipped' }, 'VC-API names map to the steps')

  const ob = await verify(app, await issuer.sign(badge(issuer.did)), { checks: ['proof', 'issuer'] })
  t.equal(ob.statusCode, 200)
  t.match(byName(ob.json().checks), { schema: 'skipped', proof: 'success', issuer: 'success', network: 'skipped', endorsement: 'skipped' })
})

t.test('a secured document that is not a map is a 400; a compact JWS string is accepted', async t => {
  const { app } = await build(t)
  const issuer = await createTestIssuer()
  const signed = await issuer.sign(plainV2(issuer.did))
  const inString = await verify(app, JSON.stringify(signed))
  t.equal(inString.statusCode, 400, 'a JSON string holding a credential object')
  t.equal(inString.json().code, 'OBP_VERIFIER_NOT_A_CREDENTIAL')
  t.match(inString.json().detail, /compact JWS/)
  const bare = await app.inject({ method: 'POST', url: '/credentials/verify', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(JSON.stringify({ verifiableCredential: signed })) })
  t.equal(bare.statusCode, 400, 'a JSON string as the whole body')
  for (const value of [[signed], 42, true, null]) {
    t.equal((await verify(app, value)).statusCode, 400, `${JSON.stringify(value).slice(0, 20)}: 400`)
  }
  const jws = await verify(app, await issuer.jwt(plainV2(issuer.did)))
  t.equal(jws.statusCode, 200, 'a VC-JWT string verifies')
  t.equal(jws.json().profile, 'vc')
})
