import t from 'tap'
import { randomBytes } from 'node:crypto'
import { decodeProtectedHeader, decodeJwt } from 'jose'
import { buildDidDocument, createLocalCustody, createSigner, generateKey, issueJwt, verifyJwt, type KeyType } from '../src/index.js'
import { testLoader } from './helpers/loader.js'
import { sampleCredential } from './fixtures/credential.js'

const custody = createLocalCustody({ kek: randomBytes(32) })
const did = 'did:web:issuer.example:issuers:jwt'
const b64u = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')

async function setup (type: KeyType) {
  const key = await generateKey({ type, custody, controller: did, keyId: `key-${type}` })
  const signer = await createSigner({ key, custody })
  const documentLoader = testLoader({ didDocuments: { [did]: buildDidDocument({ did, keys: [key] }) } })
  const credential: Record<string, any> = { ...sampleCredential(did), validUntil: '2099-01-01T00:00:00Z', credentialSubject: { ...sampleCredential(did).credentialSubject, id: 'did:example:learner' } }
  return { key, signer, documentLoader, credential }
}

for (const [type, alg] of [['RSA', 'RS256'], ['P-256', 'ES256'], ['Ed25519', 'EdDSA']] as const) {
  t.test(`VC-JWT ${alg}: header, claims, verify, tamper`, async t => {
    const { key, signer, documentLoader, credential } = await setup(type)
    const jwt = await issueJwt({ credential, signer, key })
    t.same(decodeProtectedHeader(jwt), { alg, kid: key.id, typ: 'JWT' })
    const claims = decodeJwt(jwt)
    t.match(claims, { iss: did, jti: credential.id, sub: 'did:example:learner', nbf: Date.parse(credential.validFrom) / 1000, exp: Date.parse('2099-01-01T00:00:00Z') / 1000 })
    const ok = await verifyJwt({ jwt, documentLoader })
    t.equal(ok.verified, true, JSON.stringify(ok.error))
    t.same(ok.credential, credential, 'credential recovered from the payload')
    t.match(ok.results[0], { verificationMethod: key.id, controller: did, alg })
    const [h, p, s] = jwt.split('.')
    const altered = b64u({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), name: 'Forged' })
    t.equal((await verifyJwt({ jwt: `${h}.${altered}.${s}`, documentLoader })).verified, false, 'altered payload fails')
    const none = `${b64u({ alg: 'none', kid: key.id })}.${p}.`
    const r = await verifyJwt({ jwt: none, documentLoader })
    t.equal(r.verified, false, 'alg none refused')
    t.match(r.error?.message, /alg/)
    const wrongAlg = `${b64u({ alg: alg === 'RS256' ? 'ES256' : 'RS256', kid: key.id, typ: 'JWT' })}.${p}.${s}`
    t.equal((await verifyJwt({ jwt: wrongAlg, documentLoader })).verified, false, 'alg not fitting the key refused')
  })
}

t.test('claims must match the credential; expiry and binding are enforced', async t => {
  const { key, signer, documentLoader, credential } = await setup('Ed25519')
  const expired = await issueJwt({ credential: { ...credential, validUntil: '2001-01-01T00:00:00Z' }, signer, key })
  t.match((await verifyJwt({ jwt: expired, documentLoader })).error?.message, /expired/)
  const otherIssuer = await issueJwt({ credential: { ...credential, issuer: { id: 'did:web:evil.example', type: ['Profile'] } }, signer, key })
  t.match((await verifyJwt({ jwt: otherIssuer, documentLoader })).error?.message, /controller is not the credential issuer/)
  const removedKey = testLoader({ didDocuments: { [did]: { ...buildDidDocument({ did, keys: [key] }), assertionMethod: [] } } })
  t.equal((await verifyJwt({ jwt: await issueJwt({ credential, signer, key }), documentLoader: removedKey })).verified, false, 'key not in assertionMethod fails')
  for (const jwt of ['', 'a.b', 'x.y.z']) t.equal((await verifyJwt({ jwt, documentLoader })).verified, false, `garbage ${JSON.stringify(jwt)} fails without throwing`)
})

t.test('did:key issuer with P-256 verifies offline', async t => {
  const key = await generateKey({ type: 'P-256', custody })
  const jwt = await issueJwt({ credential: sampleCredential(key.controller), signer: await createSigner({ key, custody }), key })
  const r = await verifyJwt({ jwt, documentLoader: testLoader() })
  t.equal(r.verified, true, JSON.stringify(r.error))
})
