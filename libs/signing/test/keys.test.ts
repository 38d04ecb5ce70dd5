import t from 'tap'
import { randomBytes, verify as cryptoVerify, createPublicKey } from 'node:crypto'
import { inspect } from 'node:util'
import { buildDidDocument, createLocalCustody, createSigner, generateKey, keyObjectFromMultikey, verificationMethodOf } from '../src/index.js'

const custody = createLocalCustody({ kek: randomBytes(32) })

t.test('Ed25519 default: did:key controller, Multikey VM', async t => {
  const key = await generateKey({ custody })
  t.equal(key.type, 'Ed25519')
  t.match(key.publicKeyMultibase, /^z6Mk/)
  t.equal(key.controller, `did:key:${key.publicKeyMultibase}`)
  t.equal(key.id, `${key.controller}#${key.publicKeyMultibase}`)
  t.notOk('d' in (key.publicKeyJwk ?? {}), 'no private part in publicKeyJwk')
  t.same(verificationMethodOf(key), { id: key.id, type: 'Multikey', controller: key.controller, publicKeyMultibase: key.publicKeyMultibase })
})

t.test('P-256: did:key zDn, RSA needs a controller', async t => {
  const key = await generateKey({ type: 'P-256', custody })
  t.match(key.publicKeyMultibase, /^zDn/)
  await t.rejects(generateKey({ type: 'RSA', custody }), { code: 'OBP_SIGNING_CONTROLLER_REQUIRED' })
  const rsa = await generateKey({ type: 'RSA', custody, controller: 'did:web:example.org:issuers:1', keyId: 'key-1' })
  t.equal(rsa.id, 'did:web:example.org:issuers:1#key-1')
  t.equal(rsa.publicKeyMultibase, undefined)
  t.match(verificationMethodOf(rsa), { type: 'JsonWebKey', publicKeyJwk: { kty: 'RSA' } })
})

t.test('signers sign with the right algorithm and never reveal the key', async t => {
  for (const type of ['Ed25519', 'P-256', 'RSA'] as const) {
    const key = await generateKey({ type, custody, controller: 'did:web:example.org' })
    const signer = await createSigner({ key, custody })
    const data = new TextEncoder().encode('hello')
    const sig = await signer.sign({ data })
    const pub = key.publicKeyMultibase ? keyObjectFromMultikey(key.publicKeyMultibase) : createPublicKey({ key: key.publicKeyJwk as any, format: 'jwk' })
    const ok = type === 'Ed25519'
      ? cryptoVerify(null, data, pub, sig)
      : type === 'P-256' ? cryptoVerify('sha256', data, { key: pub, dsaEncoding: 'ieee-p1363' }, sig) : cryptoVerify('sha256', data, pub, sig)
    t.ok(ok, `${type} signature verifies`)
    if (type === 'P-256') t.equal(sig.length, 64, 'P-256 signature is r||s')
    const shown = JSON.stringify(signer) + inspect(signer, { depth: 5 }) + JSON.stringify(key)
    const priv = await custody.open(key.sealed)
    t.notOk(shown.includes(priv.d as string), `${type} private key not shown`)
  }
})

t.test('DID document with rotation keeps old keys in assertionMethod', async t => {
  const did = 'did:web:example.org:issuers:abc'
  const k1 = await generateKey({ custody, controller: did, keyId: 'key-1' })
  const k2 = await generateKey({ custody, controller: did, keyId: 'key-2' })
  const doc = buildDidDocument({ did, keys: [k1, k2] }) as any
  t.equal(doc.id, did)
  t.same(doc.assertionMethod, [k1.id, k2.id])
  t.same(doc.authentication, [k1.id, k2.id])
  t.equal(doc.verificationMethod.length, 2)
  t.notOk(JSON.stringify(doc).includes('sealed'), 'no sealed material in DID document')
})
