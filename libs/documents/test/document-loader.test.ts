import { fileURLToPath } from 'node:url'
import t from 'tap'
import { readFileSync } from 'node:fs'
import jsonld from 'jsonld'
import { CONTEXT_URLS, bundledContexts, createDocumentLoader, multikeyToJwk } from '../src/index.js'
import type { Resolver } from '../src/index.js'
import { canonize, verifyEd25519Proof } from './helpers/ed25519-proof.js'

const SHARED = fileURLToPath(new URL('../../../test/spec-material', import.meta.url)) // a copy of the shared spec material (test/spec-material/README.md)
const readJson = (path: string): any => JSON.parse(readFileSync(`${SHARED}/${path}`, 'utf8'))

t.test('every bundled context URL loads, offline, and is usable JSON-LD', async t => {
  const load = createDocumentLoader()
  const urls = Object.values(CONTEXT_URLS)
  t.equal(bundledContexts.size, urls.length, 'exactly the listed contexts are bundled')
  for (const url of urls) {
    const { document, documentUrl, contextUrl } = await load(url)
    t.equal(documentUrl, url)
    t.equal(contextUrl, null)
    t.type(document['@context'], 'object', `${url} has an @context`)
    // Expanding a node that uses the context proves it parses and all its own imports are bundled.
    const expanded = await jsonld.expand({ '@context': url, '@id': 'urn:x:1' }, { documentLoader: load })
    t.same(expanded, [], `${url} expands`)
  }
})

t.test('bundled contexts are handed out as copies of frozen originals, tagged static', async t => {
  const load = createDocumentLoader()
  const first = await load(CONTEXT_URLS.CREDENTIALS_V2)
  t.equal(first.tag, 'static')
  first.document['@context'].VerifiableCredential = 'x'
  t.not((await load(CONTEXT_URLS.CREDENTIALS_V2)).document['@context'].VerifiableCredential, 'x')
  t.ok(Object.isFrozen(bundledContexts.get(CONTEXT_URLS.CREDENTIALS_V2)))
})

t.test('the documents option cannot replace a bundled context', async t => {
  const load = createDocumentLoader({ documents: { [CONTEXT_URLS.CREDENTIALS_V2]: { '@context': {} } } })
  t.ok((await load(CONTEXT_URLS.CREDENTIALS_V2)).document['@context'].VerifiableCredential)
})

t.test('an unknown context URL is an error naming it', async t => {
  const load = createDocumentLoader()
  const url = 'https://example.com/contexts/unknown.json'
  await t.rejects(load(url), { code: 'OBP_DOCUMENTS_UNKNOWN_CONTEXT', message: new RegExp(url.replace(/[./]/g, '\\$&')) })
  const credential = { '@context': [CONTEXT_URLS.CREDENTIALS_V2, url], type: ['VerifiableCredential'] }
  await t.rejects(jsonld.expand(credential, { documentLoader: load }), /unknown\.json/)
})

t.test('other schemes, DID methods and did:web without a resolver are not allowed', async t => {
  const load = createDocumentLoader()
  for (const url of ['file:///etc/passwd', 'data:application/json,{}', 'urn:uuid:1', 'did:web:example.com', 'did:example:123']) {
    await t.rejects(load(url), { code: 'OBP_DOCUMENTS_NOT_ALLOWED' }, url)
  }
})

t.test('legacy OB context.json is the 3.0 document 1EdTech signed simple_v1.json against', async t => {
  const credential = readJson('fixtures/1edtech-validator/simple_v1.json')
  const key = multikeyToJwk(credential.proof[0].verificationMethod.split('#')[1])
  t.ok(key)
  t.equal(await verifyEd25519Proof(credential, key!.publicKeyJwk, createDocumentLoader()), true, 'Ed25519Signature2020 verifies')
  const { document: v303 } = await createDocumentLoader()(CONTEXT_URLS.OB_V3P0_3)
  const { document: legacy } = await createDocumentLoader()(CONTEXT_URLS.OB_V3P0_LEGACY)
  t.not(legacy, v303, 'context.json is not 3.0.3')
})

t.test('pinned OB 3.0.3 context reproduces the 1EdTech canonical test vector', async t => {
  const vector = readJson('ob3/test-vector/ob3-eddsa-rdfc-2022.json')
  const expected = readFileSync(`${SHARED}/ob3/test-vector/document-canon.nq`, 'utf8')
  t.equal(await canonize(vector.credential, createDocumentLoader()), expected)
})

t.test('documents option is served first, as a copy', async t => {
  const doc = { '@context': { ex: 'https://example.com/#' } }
  const load = createDocumentLoader({ documents: { 'https://example.com/ctx': doc } })
  const first = await load('https://example.com/ctx')
  t.same(first.document, doc)
  first.document.mutated = true
  t.notOk((await load('https://example.com/ctx')).document.mutated)
})

t.test('a resolver serves key documents and fragments, but never a remote context', async t => {
  const controller = 'https://issuer.example/issuers/1'
  const vm = { id: `${controller}#key-1`, type: 'Multikey', publicKeyMultibase: 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi' }
  const documents: Record<string, unknown> = {
    [controller]: { '@context': [CONTEXT_URLS.DID_V1, CONTEXT_URLS.MULTIKEY_V1], id: controller, verificationMethod: [vm], assertionMethod: [vm.id] },
    'did:web:issuer.example': { '@context': [CONTEXT_URLS.DID_V1], id: 'did:web:issuer.example', assertionMethod: [{ id: '#k', type: 'Multikey' }] },
    'https://evil.example/context.json': { '@context': { name: 'https://evil.example/#name' } }
  }
  const asked: string[] = []
  const resolver: Resolver = { async resolve (url) { asked.push(url); return documents[url.split('#')[0]] } }
  const load = createDocumentLoader({ resolver })
  t.same((await load(controller)).document, documents[controller])
  const key = (await load(vm.id)).document
  t.same(key, { '@context': [CONTEXT_URLS.DID_V1, CONTEXT_URLS.MULTIKEY_V1], ...vm, controller })
  const web = (await load('did:web:issuer.example#k')).document
  t.equal(web.id, 'did:web:issuer.example#k', 'relative ids are made absolute')
  t.equal(web.controller, 'did:web:issuer.example')
  await t.rejects(load('https://evil.example/context.json'), { code: 'OBP_DOCUMENTS_UNKNOWN_CONTEXT', message: /evil\.example\/context\.json/ })
  const credential = { '@context': [CONTEXT_URLS.CREDENTIALS_V2, 'https://evil.example/context.json'], type: ['VerifiableCredential'] }
  await t.rejects(jsonld.expand(credential, { documentLoader: load }), /evil\.example/, 'jsonld reports it too')
  await t.rejects(load(`${controller}#missing`), { code: 'OBP_DOCUMENTS_DOCUMENT_MISMATCH' })
  await t.rejects(load('did:example:1'), { code: 'OBP_DOCUMENTS_NOT_ALLOWED' }, 'only did:web goes to the resolver')
  t.notOk(asked.includes(CONTEXT_URLS.CREDENTIALS_V2))
  await load(CONTEXT_URLS.CREDENTIALS_V2)
  t.notOk(asked.includes(CONTEXT_URLS.CREDENTIALS_V2), 'bundled contexts never reach the resolver')
})
