import { fileURLToPath } from 'node:url'
import t from 'tap'
import { generateKeyPairSync } from 'node:crypto'
import { readFileSync } from 'node:fs'
import jsonld from 'jsonld'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey'
import { CONTEXT_URLS, createDocumentLoader, jwkToMultikey, multikeyToJwk, resolveDidOffline } from '../src/index.js'
import { verifyEd25519Proof } from './helpers/ed25519-proof.js'
const SHARED = fileURLToPath(new URL('../../../test/spec-material', import.meta.url)) // a copy of the shared spec material (test/spec-material/README.md)

// OB 3.0 implementation guide test vector key (also signs the 1EdTech simple*.json fixtures).
const ED_MB = 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi'
const ED_HEX = '4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5'

t.test('did:key Ed25519: DID document and verification method', async t => {
  const did = `did:key:${ED_MB}`
  const doc: any = resolveDidOffline(did)
  t.same(doc['@context'], [CONTEXT_URLS.DID_V1, CONTEXT_URLS.MULTIKEY_V1])
  t.equal(doc.id, did)
  t.same(doc.verificationMethod, [{ id: `${did}#${ED_MB}`, type: 'Multikey', controller: did, publicKeyMultibase: ED_MB }])
  t.ok(doc.assertionMethod.includes(`${did}#${ED_MB}`))
  const vm: any = resolveDidOffline(`${did}#${ED_MB}`)
  t.same(vm, { '@context': CONTEXT_URLS.MULTIKEY_V1, ...doc.verificationMethod[0] })
  t.equal(resolveDidOffline(`${did}#other`), undefined, 'unknown fragment')
  const decoded = multikeyToJwk(ED_MB)
  t.equal(decoded?.type, 'Ed25519')
  t.equal(Buffer.from(decoded!.publicKeyJwk.x!, 'base64url').toString('hex'), ED_HEX)
  // The Digital Bazaar suites accept the verification method as it comes out of the loader.
  const key = await Ed25519Multikey.from(vm)
  t.equal(Buffer.from(key.publicKey).toString('hex'), ED_HEX)
})

t.test('decoded Multikeys are remembered, and each caller gets its own copy', async t => {
  const first = multikeyToJwk(ED_MB)!
  first.publicKeyJwk.x = 'changed by a caller'
  const second = multikeyToJwk(ED_MB)!
  t.equal(Buffer.from(second.publicKeyJwk.x!, 'base64url').toString('hex'), ED_HEX, 'a caller\'s change does not reach the next caller')
  t.not(first.publicKeyJwk, second.publicKeyJwk)
  t.equal(multikeyToJwk('z6MkNotAKey'), undefined, 'an invalid key stays invalid')
  t.equal(multikeyToJwk('z6MkNotAKey'), undefined, 'also the second time')
  // more distinct keys than the cache holds: every one still decodes to its own key
  const keys = Array.from({ length: 1100 }, () => generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }))
  const mbs = keys.map(k => jwkToMultikey(k)!)
  t.ok(mbs.every((mb, i) => multikeyToJwk(mb)?.publicKeyJwk.x === keys[i]!.x), 'each of 1,100 keys decodes to itself')
  t.ok(mbs.every((mb, i) => multikeyToJwk(mb)?.publicKeyJwk.x === keys[i]!.x), 'also once the oldest were forgotten')
})

t.test('did:key P-256 round-trips through JWK, Multikey and ecdsa-multikey', async t => {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const jwk = publicKey.export({ format: 'jwk' })
  const mb = jwkToMultikey(jwk)!
  t.match(mb, /^zDn/, 'P-256 did:key prefix')
  const did = `did:key:${mb}`
  const vm: any = resolveDidOffline(`${did}#${mb}`)
  t.equal(vm.type, 'Multikey')
  t.same(multikeyToJwk(vm.publicKeyMultibase), { type: 'P-256', publicKeyJwk: jwk })
  const imported = await EcdsaMultikey.from(vm)
  t.same(await EcdsaMultikey.toJwk({ keyPair: imported }), { ...jwk, ext: true, key_ops: ['verify'] })
  const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'jwk' })
  t.same(multikeyToJwk(jwkToMultikey(p384)!)?.publicKeyJwk, p384, 'P-384 too')
})

t.test('did:jwk resolves to a JsonWebKey2020 #0 and refuses private keys', async t => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const jwk = publicKey.export({ format: 'jwk' })
  const did = `did:jwk:${Buffer.from(JSON.stringify(jwk)).toString('base64url')}`
  const doc: any = resolveDidOffline(did)
  t.equal(doc.id, did)
  t.same(doc.verificationMethod[0], { id: `${did}#0`, type: 'JsonWebKey2020', controller: did, publicKeyJwk: jwk })
  const vm: any = await createDocumentLoader()(`${did}#0`)
  t.same(vm.document.publicKeyJwk, jwk)
  const key = await Ed25519Multikey.from(vm.document)
  t.equal(Buffer.from(key.publicKey).toString('base64url'), jwk.x)
  const secret = `did:jwk:${Buffer.from(JSON.stringify(privateKey.export({ format: 'jwk' }))).toString('base64url')}`
  t.throws(() => resolveDidOffline(secret), { code: 'OBP_DOCUMENTS_INVALID_DID', message: /private/ })
  t.throws(() => resolveDidOffline('did:jwk:not-json'), { code: 'OBP_DOCUMENTS_INVALID_DID' })
})

t.test('malformed did:key values are refused, other methods ignored', async t => {
  t.throws(() => resolveDidOffline('did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwX0'), { code: 'OBP_DOCUMENTS_INVALID_DID' })
  t.throws(() => resolveDidOffline('did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme'), { code: 'OBP_DOCUMENTS_INVALID_DID' }, 'secp256k1 unsupported')
  t.throws(() => resolveDidOffline('did:key:z6Mk'), { code: 'OBP_DOCUMENTS_INVALID_DID' })
  t.equal(resolveDidOffline('did:web:example.com'), undefined)
  await t.rejects(createDocumentLoader()('did:key:zBad0'), { code: 'OBP_DOCUMENTS_INVALID_DID' })
})

t.test('a bare did:key used as verificationMethod resolves to its key and authorises itself', async t => {
  const credential = JSON.parse(readFileSync(`${SHARED}/fixtures/1edtech-validator/simple-did-key-method.json`, 'utf8'))
  const load = createDocumentLoader()
  const vmId = credential.proof[0].verificationMethod
  t.equal(vmId, `did:key:${ED_MB}`)
  const { document: key } = await load(vmId)
  t.equal(key.type, 'Multikey')
  t.equal(key.publicKeyMultibase, ED_MB)
  t.equal(key.controller, vmId)
  // jsonld-signatures ControllerProofPurpose: the controller document must list the proof's method id.
  const { document: controller } = await load(key.controller)
  t.ok(controller.assertionMethod.includes(vmId))
  t.equal((await Ed25519Multikey.from(key)).controller, vmId, 'Multikey import accepts it')
  const expanded = await jsonld.expand(key, { documentLoader: load, safe: true })
  t.equal(expanded.length, 1, 'the dual document is valid JSON-LD (safe mode)')
  t.equal(await verifyEd25519Proof(credential, multikeyToJwk(key.publicKeyMultibase)!.publicKeyJwk, load), true,
    'the eddsa-rdfc-2022 signature verifies with the resolved key')
})
