import t from 'tap'
import { randomBytes } from 'node:crypto'
import { createLocalCustody, createSigner, generateKey, issue, verifyCredential, buildDidDocument, type KeyType, type SuiteName } from '../src/index.js'
import { testLoader } from './helpers/loader.js'
import { sampleCredential } from './fixtures/credential.js'

const custody = createLocalCustody({ kek: randomBytes(32) })

async function setup (type: KeyType = 'Ed25519') {
  const key = await generateKey({ type, custody })
  const signer = await createSigner({ key, custody })
  return { key, signer, documentLoader: testLoader() }
}

const cases: Array<[SuiteName, KeyType]> = [['eddsa-rdfc-2022', 'Ed25519'], ['ecdsa-rdfc-2019', 'P-256'], ['Ed25519Signature2020', 'Ed25519']]

for (const [suite, type] of cases) {
  t.test(`${suite}: sign, verify, alter any field and fail`, async t => {
    const { key, signer, documentLoader } = await setup(type)
    const signed = await issue({ credential: sampleCredential(key.controller), signer, key, suite, documentLoader })
    t.ok(Array.isArray(signed.proof), 'proof is an array')
    t.equal(signed.proof.length, 1)
    const proof = signed.proof[0]
    t.equal(proof.verificationMethod, key.id)
    t.equal(proof.cryptosuite ?? proof.type, suite)
    const ok = await verifyCredential({ credential: signed, documentLoader })
    t.equal(ok.verified, true, JSON.stringify(ok.error))
    t.equal(ok.results[0].verificationMethod, key.id, 'reports the verification method')
    t.equal(ok.results[0].controller, key.controller, 'reports the controller')
    const single = await verifyCredential({ credential: { ...signed, proof }, documentLoader })
    t.equal(single.verified, true, 'proof as a single object verifies too')
    const alterations: Array<[string, (c: any) => void]> = [
      ['name', c => { c.name = 'Teamwork Badge!' }],
      ['validFrom', c => { c.validFrom = '2024-01-02T00:00:00Z' }],
      ['issuer.name', c => { c.issuer.name = 'Evil' }],
      ['achievement.criteria', c => { c.credentialSubject.achievement.criteria.narrative += '.' }],
      ['result value', c => { c.credentialSubject.result[0].value = 'B' }],
      ['proof.created', c => { c.proof[0].created = '2020-01-01T00:00:00Z' }],
      ['proofValue', c => { const v = c.proof[0].proofValue; c.proof[0].proofValue = v.slice(0, -3) + (v.endsWith('a') ? 'bbb' : 'aaa') }]
    ]
    for (const [what, alter] of alterations) {
      const bad = structuredClone(signed)
      alter(bad)
      const r = await verifyCredential({ credential: bad, documentLoader })
      t.equal(r.verified, false, `altered ${what} fails`)
      t.ok(r.error?.message, `altered ${what} has an error message`)
    }
  })
}

/** Paths of every string, number and boolean leaf of a JSON value. */
function leaves (value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== 'object') return [path]
  return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, Array.isArray(value) ? Number(k) : k]))
}

t.test('altering any single field of a signed credential fails verification, in every suite', async t => {
  for (const [suite, type] of cases) {
    const { key, signer, documentLoader } = await setup(type)
    const signed = await issue({ credential: sampleCredential(key.controller), signer, key, suite, documentLoader })
    const paths = leaves(signed)
    let failed = 0
    for (const path of paths) {
      const bad = structuredClone(signed)
      let parent: any = bad
      for (const k of path.slice(0, -1)) parent = parent[k]
      const last = path[path.length - 1]
      const v = parent[last]
      parent[last] = typeof v === 'string' ? (v.startsWith('z') && v.length > 40 ? v.slice(0, -2) + (v.endsWith('11') ? '22' : '11') : v + 'x') : typeof v === 'number' ? v + 1 : !v
      const r = await verifyCredential({ credential: bad, documentLoader })
      if (!r.verified) failed++
      else t.fail(`${suite}: altering ${path.join('.')} still verified`)
    }
    t.equal(failed, paths.length, `${suite}: all ${paths.length} single-field alterations fail`)
  }
})

t.test('undefined term fails to sign in every suite, naming the term (VCDM 1.1: no @vocab)', async t => {
  for (const [suite, type] of cases) {
    const { key, signer, documentLoader } = await setup(type)
    const v1 = { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiableCredential'], issuer: key.controller, issuanceDate: '2024-01-01T00:00:00Z', credentialSubject: { id: 'did:example:1' } }
    await t.rejects(issue({ credential: { ...v1, favouriteColour: 'blue' }, signer, key, suite, documentLoader }), { code: 'OBP_SIGNING_UNDEFINED_TERM', message: /favouriteColour/ }, suite)
    await t.rejects(issue({ credential: { ...v1, credentialSubject: { id: 'did:example:1', shoeSize: 42 } }, signer, key, suite, documentLoader }), { code: 'OBP_SIGNING_UNDEFINED_TERM', message: /shoeSize/ }, `${suite} nested`)
  }
})

t.test('VCDM 2.0: a term only the v2 context\'s issuer-dependent @vocab defines signs and verifies (VCDM 2.0 §5.2)', async t => {
  const { key, signer, documentLoader } = await setup()
  const credential = { ...sampleCredential(key.controller), favouriteColour: 'blue' }
  const signed = await issue({ credential, signer, key, documentLoader })
  t.equal((await verifyCredential({ credential: signed, documentLoader })).verified, true)
})

t.test('unknown context is refused with the loader error code', async t => {
  const { key, signer, documentLoader } = await setup()
  const credential = { ...sampleCredential(key.controller), '@context': ['https://www.w3.org/ns/credentials/v2', 'https://evil.example/context.json'] }
  await t.rejects(issue({ credential, signer, key, documentLoader }), { code: 'OBP_DOCUMENTS_UNKNOWN_CONTEXT' })
})

t.test('proof sets: a second proof is appended; every proof must verify', async t => {
  const { key, signer, documentLoader } = await setup()
  const p256 = await setup('P-256')
  const once = await issue({ credential: sampleCredential(key.controller), signer, key, documentLoader })
  const twice = await issue({ credential: once, signer, key, suite: 'Ed25519Signature2020', documentLoader })
  t.equal(twice.proof.length, 2)
  t.same(twice.proof.map((p: any) => p.cryptosuite ?? p.type), ['eddsa-rdfc-2022', 'Ed25519Signature2020'])
  const ok = await verifyCredential({ credential: twice, documentLoader })
  t.equal(ok.verified, true, JSON.stringify(ok.error))
  t.equal(ok.results.length, 2)
  const broken = structuredClone(twice)
  broken.proof[1].proofValue = once.proof[0].proofValue
  const r = await verifyCredential({ credential: broken, documentLoader })
  t.equal(r.verified, false, 'one bad proof in the set fails the credential')
  const foreign = await issue({ credential: once, signer: p256.signer, key: p256.key, documentLoader })
  t.equal((await verifyCredential({ credential: foreign, documentLoader })).verified, false, 'a proof by a key the issuer does not control fails')
})

t.test('caches: same proof options, different documents; changed key material never reuses a verifier', async t => {
  const { key, signer, documentLoader } = await setup()
  const created = '2024-06-01T00:00:00Z'
  const a = await issue({ credential: sampleCredential(key.controller, 1), signer, key, documentLoader, created })
  const b = await issue({ credential: sampleCredential(key.controller, 2), signer, key, documentLoader, created })
  t.not(a.proof[0].proofValue, b.proof[0].proofValue)
  for (const c of [a, b]) t.equal((await verifyCredential({ credential: c, documentLoader })).verified, true)
  const swapped = { ...a, proof: b.proof }
  t.equal((await verifyCredential({ credential: swapped, documentLoader })).verified, false, 'proof of b does not verify a')
  // same verification method id, other key: a did:web document rotated in place
  const did = 'did:web:cache.example'
  const k1 = await generateKey({ custody, controller: did, keyId: 'key-1' })
  const k1b = await generateKey({ custody, controller: did, keyId: 'key-1' })
  const signed = await issue({ credential: sampleCredential(did), signer: await createSigner({ key: k1, custody }), key: k1, documentLoader })
  t.equal((await verifyCredential({ credential: signed, documentLoader: testLoader({ didDocuments: { [did]: buildDidDocument({ did, keys: [k1] }) } }) })).verified, true)
  t.equal((await verifyCredential({ credential: signed, documentLoader: testLoader({ didDocuments: { [did]: buildDidDocument({ did, keys: [k1b] }) } }) })).verified, false, 'replaced key under the same id fails')
})

t.test('suite/key mismatch is refused', async t => {
  const { key, signer, documentLoader } = await setup('P-256')
  await t.rejects(issue({ credential: sampleCredential(key.controller), signer, key, suite: 'eddsa-rdfc-2022', documentLoader }), { code: 'OBP_SIGNING_SUITE_MISMATCH' })
})

t.test('verifyCredential never throws on garbage', async t => {
  const documentLoader = testLoader()
  for (const credential of [null, 'x', [], {}, { proof: { type: 'Nope' } }, { ...sampleCredential('did:key:z6Mkx'), proof: [{ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', verificationMethod: 'did:key:zBad#zBad', proofPurpose: 'assertionMethod', proofValue: 'zzz' }] }]) {
    const r = await verifyCredential({ credential: credential as any, documentLoader })
    t.equal(r.verified, false)
    t.type(r.error?.message, 'string')
  }
})

t.test('did:web rotation: old and new keys both verify', async t => {
  const did = 'did:web:issuer.example:issuers:abc'
  const k1 = await generateKey({ custody, controller: did, keyId: 'key-1' })
  const old = await issue({ credential: sampleCredential(did), signer: await createSigner({ key: k1, custody }), key: k1, documentLoader: testLoader() })
  const k2 = await generateKey({ custody, controller: did, keyId: 'key-2' })
  const fresh = await issue({ credential: sampleCredential(did, 2), signer: await createSigner({ key: k2, custody }), key: k2, documentLoader: testLoader() })
  const documentLoader = testLoader({ didDocuments: { [did]: buildDidDocument({ did, keys: [k1, k2] }) } })
  t.equal((await verifyCredential({ credential: old, documentLoader })).verified, true, 'old key still verifies')
  const r = await verifyCredential({ credential: fresh, documentLoader })
  t.equal(r.verified, true, 'new key verifies')
  t.equal(r.results[0].verificationMethod, k2.id)
  const onlyNew = testLoader({ didDocuments: { [did]: buildDidDocument({ did, keys: [k2] }) } })
  t.equal((await verifyCredential({ credential: old, documentLoader: onlyNew })).verified, false, 'removed key no longer verifies')
})
