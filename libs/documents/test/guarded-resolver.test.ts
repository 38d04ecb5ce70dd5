import t from 'tap'
import { CONTEXT_URLS, createDocumentLoader, createGuardedFetcher, createGuardedResolver, didWebToUrl, isPublicAddress } from '../src/index.js'
import { TEST_CA, json, startHttp, startHttps } from './helpers/servers.js'

const MB = 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi'
const testFetcher = () => createGuardedFetcher({
  unsafeTestHooks: { isAllowedAddress: a => a === '127.0.0.2' || isPublicAddress(a), resolveHost: async () => ['127.0.0.2'], ca: TEST_CA }
})

function didDocument (did: string): object {
  return {
    '@context': [CONTEXT_URLS.DID_V1, CONTEXT_URLS.MULTIKEY_V1],
    id: did,
    verificationMethod: [{ id: `${did}#key-1`, type: 'Multikey', controller: did, publicKeyMultibase: MB }],
    assertionMethod: [`${did}#key-1`]
  }
}

t.test('did:web to URL (did:web §3.2)', async t => {
  t.equal(didWebToUrl('did:web:example.com'), 'https://example.com/.well-known/did.json')
  t.equal(didWebToUrl('did:web:example.com%3A8443:issuers:abc'), 'https://example.com:8443/issuers/abc/did.json')
  t.equal(didWebToUrl('did:web:localhost%3A3001:issuers:abc', ['http://localhost:3001']),
    'http://localhost:3001/issuers/abc/did.json', 'a trusted http origin (development) keeps http')
  for (const bad of ['did:web:', 'did:web:a::b', 'did:web:ex%2Fample.com', 'did:web:user%40evil.com']) {
    t.throws(() => didWebToUrl(bad), { code: 'OBP_DOCUMENTS_NOT_ALLOWED' }, bad)
  }
})

t.test('did:web resolves through the guarded fetcher; the loader picks the key; TTL cache hit', async t => {
  let did = ''
  const server = await startHttps(t, (_req, res) => json(res, didDocument(did)))
  did = `did:web:public.test%3A${server.port}:issuers:abc`
  let clock = 0
  const resolver = createGuardedResolver({ fetcher: testFetcher(), ttlMs: 60_000, now: () => clock })
  const load = createDocumentLoader({ resolver })
  const { document: key } = await load(`${did}#key-1`)
  t.same(key, { '@context': [CONTEXT_URLS.DID_V1, CONTEXT_URLS.MULTIKEY_V1], id: `${did}#key-1`, type: 'Multikey', controller: did, publicKeyMultibase: MB })
  const { document: controller } = await load(did)
  t.equal(controller.id, did)
  t.same(server.requests, ['/issuers/abc/did.json'], 'second lookup is a cache hit')
  controller.assertionMethod.push('tampered')
  t.same((await resolver.resolve(did)).assertionMethod, [`${did}#key-1`], 'the cached copy cannot be mutated by callers')
  clock += 60_001
  await resolver.resolve(did)
  t.equal(server.requests.length, 2, 'fetched again after the TTL')
})

t.test('a DID document with another id is refused and not cached', async t => {
  const server = await startHttps(t, (_req, res) => json(res, didDocument('did:web:someone-else.test')))
  const resolver = createGuardedResolver({ fetcher: testFetcher() })
  const did = `did:web:public.test%3A${server.port}`
  await t.rejects(resolver.resolve(did), { code: 'OBP_DOCUMENTS_DOCUMENT_MISMATCH' })
  await t.rejects(resolver.resolve(did), { code: 'OBP_DOCUMENTS_DOCUMENT_MISMATCH' })
  t.same(server.requests, ['/.well-known/did.json', '/.well-known/did.json'])
})

t.test('https key documents: refusals propagate, other schemes are refused', async t => {
  const resolver = createGuardedResolver({ fetcher: createGuardedFetcher() })
  const load = createDocumentLoader({ resolver })
  await t.rejects(load('https://127.0.0.1/issuers/1#key'), { code: 'OBP_DOCUMENTS_FORBIDDEN_ADDRESS' })
  await t.rejects(load('http://issuer.example/issuers/1'), { code: 'OBP_DOCUMENTS_NOT_HTTPS' })
  await t.rejects(resolver.resolve('urn:uuid:1'), { code: 'OBP_DOCUMENTS_NOT_ALLOWED' })
})

t.test('the platform\'s own issuer (trusted http origin) resolves as did:web and as https', async t => {
  let origin = ''
  const server = await startHttp(t, (req, res) => {
    if (req.url === '/issuers/abc/did.json') json(res, didDocument(`did:web:${new URL(origin).host.replace(':', '%3A')}:issuers:abc`))
    else json(res, { '@context': [CONTEXT_URLS.DID_V1], id: `${origin}${req.url}`, assertionMethod: [] })
  })
  origin = `http://127.0.0.1:${server.port}`
  const resolver = createGuardedResolver({ fetcher: createGuardedFetcher({ trustedOrigins: [origin] }) })
  const load = createDocumentLoader({ resolver })
  const did = `did:web:127.0.0.1%3A${server.port}:issuers:abc`
  t.equal((await load(`${did}#key-1`)).document.publicKeyMultibase, MB)
  t.equal((await load(`${origin}/issuers/xyz`)).document.id, `${origin}/issuers/xyz`)
})
