// Conformance: the OB 3.0 eddsa-rdfc-2022 test vector and 1EdTech validator fixtures (verdicts for the PROOF).
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { canonizeDocument, canonizeProofConfig, createLocalCustody, createSigner, importKey, issue, verifyCredential } from '../src/index.js'
import { testLoader } from './helpers/loader.js'

const SHARED = fileURLToPath(new URL('../../../test/spec-material', import.meta.url)) // a copy of the shared spec material (test/spec-material/README.md)
const read = (p: string): any => JSON.parse(readFileSync(`${SHARED}/${p}`, 'utf8'))
const vector = read('ob3/test-vector/ob3-eddsa-rdfc-2022.json')

t.test('OB 3.0 test vector: exact proofValue and canonical forms', async t => {
  const custody = createLocalCustody({ kek: randomBytes(32) })
  const seed = Buffer.from(vector.keyPair.privateKeyHex, 'hex').subarray(0, 32)
  const pub = Buffer.from(vector.keyPair.publicKeyHex, 'hex')
  const key = await importKey({
    privateJwk: { kty: 'OKP', crv: 'Ed25519', d: seed.toString('base64url'), x: pub.toString('base64url') },
    controller: vector.keyPair.controller,
    keyId: vector.keyPair.id,
    custody
  })
  t.equal(key.publicKeyMultibase, vector.keyPair.publicKeyMultibase)
  const signer = await createSigner({ key, custody })
  const documentLoader = testLoader()
  const signed = await issue({ credential: vector.credential, signer, key, documentLoader, created: vector.proofOptions.created })
  t.equal(signed.proof[0].proofValue, vector.expectedProofValue, 'reproduces expectedProofValue')
  t.same({ ...signed.proof[0], proofValue: undefined }, { ...vector.proofOptions, proofValue: undefined }, 'proof options as given')
  t.equal(await canonizeDocument(signed, { documentLoader }), readFileSync(`${SHARED}/ob3/test-vector/document-canon.nq`, 'utf8'))
  t.equal(await canonizeProofConfig(signed.proof[0], { document: signed, documentLoader }), readFileSync(`${SHARED}/ob3/test-vector/proof-canon.nq`, 'utf8'))
  const verified = await verifyCredential({ credential: signed, documentLoader: testLoader({ fragmentKeys: true }) })
  t.equal(verified.verified, true, JSON.stringify(verified.error))
})

const FIXTURES = 'fixtures/1edtech-validator'

t.test('1EdTech fixtures, with the test-only fragment resolver', async t => {
  const verify = (file: string) => verifyCredential({ credential: read(`${FIXTURES}/${file}`), documentLoader: testLoader({ fragmentKeys: true }) })

  const simple = await verify('simple.json')
  t.equal(simple.verified, true, 'simple.json valid ' + JSON.stringify(simple.error))
  t.match(simple.results[0], { verified: true, suite: 'eddsa-rdfc-2022', verificationMethod: /^https:\/\/example\.com\/issuers\/876543#z6Mk/, controller: 'https://example.com/issuers/876543' })

  const complete = await verify('complete.json')
  t.equal(complete.verified, true, 'complete.json: proof valid ' + JSON.stringify(complete.error))
  t.match(complete.warnings, [/credentialStatus was not checked/], 'status left to the verifier service')

  const v1 = await verify('simple_v1.json')
  t.equal(v1.verified, true, 'simple_v1.json (Ed25519Signature2020, VCDM 1.1) valid ' + JSON.stringify(v1.error))
  t.equal(v1.results[0].suite, 'Ed25519Signature2020')

  const badValue = await verify('simple-err-proof-value.json')
  t.equal(badValue.verified, false, 'simple-err-proof-value.json invalid')
  t.match(badValue.error?.message, /signature/i)

  const expired = await verify('simple-err-expired.json')
  t.equal(expired.verified, false, 'simple-err-expired.json invalid')
  t.match(expired.error?.message, /validUntil/)

  const didKey = await verify('simple-did-key-method.json')
  t.equal(didKey.verified, false, 'simple-did-key-method.json not verified: did:key controller is not the urn:uuid issuer')
  t.equal(didKey.results[0]?.controller, 'did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi', 'reports the did:key controller for the binding check')
  t.match(didKey.error?.message, /issuer|controller/i)
  t.equal(didKey.results[0]?.signatureVerified, true, 'the signature itself is valid once the bare did:key is resolved')
  t.equal(badValue.results[0]?.signatureVerified, false)
})
