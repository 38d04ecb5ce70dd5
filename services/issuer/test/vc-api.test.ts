import t from 'tap'
import { build, bearer, createIssuer, loaderWith } from './helper.js'
import { verifyCredential } from '@obp/signing'

const V2 = 'https://www.w3.org/ns/credentials/v2'
const V1 = 'https://www.w3.org/2018/credentials/v1'
const EXAMPLES_V2 = 'https://www.w3.org/ns/credentials/examples/v2'

t.test('POST /credentials/issue: generic VC 2.0 and 1.1 credentials, suites, ids, status', async t => {
  const { app, secrets, config } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const issueVc = (payload: object, token = issuer.apiKey) => app.inject({ method: 'POST', url: '/credentials/issue', headers: bearer(token), payload })

  const v2 = await issueVc({ credential: { '@context': [V2, EXAMPLES_V2], type: ['VerifiableCredential', 'ExampleDegreeCredential'], issuer: issuer.did, validFrom: '2025-01-01T00:00:00Z', credentialSubject: { id: 'did:example:ebfeb1f712ebc6f1c276e12ec21', degree: { type: 'ExampleBachelorDegree', name: 'BSc' } } }, options: { somethingUnknown: true } })
  t.equal(v2.statusCode, 201, v2.body)
  const vc2 = v2.json().verifiableCredential
  t.match(vc2.id, new RegExp(`^${config.ISSUER_PUBLIC_URL}/credentials/`))
  t.equal(vc2.proof.cryptosuite, 'eddsa-rdfc-2022', 'a plain credential gets one proof object')
  t.equal(vc2.credentialStatus.type, 'BitstringStatusListEntry')
  t.equal((await verifyCredential({ credential: vc2, documentLoader: loaderWith() })).verified, true)
  t.same((await app.inject(`/credentials/${vc2.id.split('/').pop()}`)).json(), vc2, 'hosted like any other')

  const v1 = await issueVc({ credential: { '@context': [V1], type: ['VerifiableCredential'], issuer: { id: issuer.did }, credentialSubject: { id: 'did:example:abc' } }, options: { type: 'Ed25519Signature2020', credentialId: 'urn:uuid:6a3b1f7e-9d63-4c1a-a0b4-2f1f0c3e9d11' } })
  t.equal(v1.statusCode, 201, v1.body)
  const vc1 = v1.json().verifiableCredential
  t.equal(vc1.id, 'urn:uuid:6a3b1f7e-9d63-4c1a-a0b4-2f1f0c3e9d11')
  t.equal(vc1.proof.type, 'Ed25519Signature2020')
  t.match(vc1.issuanceDate, /^\d{4}-\d{2}-\d{2}T/)
  t.equal(vc1.credentialStatus, undefined, 'VCDM 1.1 gets no status unless options ask')
  t.equal((await verifyCredential({ credential: vc1, documentLoader: loaderWith() })).verified, true)
  t.same((await app.inject('/credentials/6a3b1f7e-9d63-4c1a-a0b4-2f1f0c3e9d11')).json(), vc1)
  const again = await issueVc({ credential: { '@context': [V2], type: ['VerifiableCredential'], issuer: issuer.did, credentialSubject: { id: 'did:example:x' } }, options: { credentialId: vc1.id } })
  t.equal(again.statusCode, 409)
  t.equal(again.json().code, 'OBP_ISSUER_CREDENTIAL_EXISTS')
})

t.test('POST /credentials/issue: malformed credentials are 400 naming the field', async t => {
  const { app, secrets } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const other = await createIssuer(app, secrets.adminToken, { name: 'Other' })
  const good = { '@context': [V2], type: ['VerifiableCredential'], issuer: issuer.did, credentialSubject: { id: 'did:example:x' } }
  const cases: Array<[string, object, RegExp, string?]> = [
    ['no @context', { ...good, '@context': undefined }, /@context/],
    ['@context not an array', { ...good, '@context': V2 }, /@context/],
    ['@context not starting with VC', { ...good, '@context': [EXAMPLES_V2, V2] }, /@context/],
    ['type without VerifiableCredential', { ...good, type: ['Thing'] }, /type/],
    ['type not strings', { ...good, type: [1] }, /type/],
    ['no issuer', { ...good, issuer: undefined }, /issuer/],
    ['issuer a number', { ...good, issuer: 7 }, /issuer/],
    ['credentialSubject a string', { ...good, credentialSubject: 'x' }, /credentialSubject/],
    ['no credentialSubject', { ...good, credentialSubject: undefined }, /credentialSubject/],
    ['bad validFrom', { ...good, validFrom: '2025-13-01' }, /validFrom/],
    ['validUntil before validFrom', { ...good, validFrom: '2025-01-02T00:00:00Z', validUntil: '2025-01-01T00:00:00Z' }, /validUntil/],
    ['bad issuanceDate (1.1)', { ...good, '@context': [V1], issuanceDate: 'yesterday' }, /issuanceDate/],
    ['another issuer', { ...good, issuer: other.did }, /issuer/, 'OBP_ISSUER_WRONG_ISSUER'],
    ['an undefined term (1.1 has no @vocab)', { ...good, '@context': [V1], credentialSubject: { id: 'did:example:x', favouriteColour: 'green' } }, /favouriteColour/],
    ['an unknown context', { ...good, '@context': [V2, 'https://contexts.example/unknown.jsonld'] }, /unknown\.jsonld/]
  ]
  for (const [name, credential, field, code] of cases) {
    const res = await app.inject({ method: 'POST', url: '/credentials/issue', headers: bearer(issuer.apiKey), payload: { credential } })
    t.equal(res.statusCode, 400, name)
    t.match(res.json().detail, field, `${name}: ${res.json().detail}`)
    if (code) t.equal(res.json().code, code)
  }
  const suite = await app.inject({ method: 'POST', url: '/credentials/issue', headers: bearer(issuer.apiKey), payload: { credential: good, options: { proofSuite: 'ecdsa-rdfc-2019' } } })
  t.equal(suite.statusCode, 400, 'a suite the key cannot make')
  const admin = await app.inject({ method: 'POST', url: '/credentials/issue', headers: bearer(secrets.adminToken), payload: { credential: good } })
  t.equal(admin.statusCode, 403)
  t.equal((await app.inject({ method: 'POST', url: '/credentials/issue', payload: { credential: good } })).statusCode, 401)
})
