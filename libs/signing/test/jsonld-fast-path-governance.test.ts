// The jsonld fast path, governed: the module it patches is the one the signing libraries load, its use is counted,
// and it agrees with stock jsonld beyond the platform's own shapes (generated JSON-LD with @vocab, protected,
// type- and property-scoped contexts, containers and coercions), for expansion, compaction and canonical N-Quads.
import t from 'tap'
import fc from 'fast-check'
import { createRequire } from 'node:module'
import { randomBytes } from 'node:crypto'
import jsonld from 'jsonld'
import { createLocalCustody, createSigner, generateKey, issue, jsonLdFastPathStats, patchedJsonLdPath, setJsonLdFastPath } from '../src/index.js'
import { testLoader } from './helpers/loader.js'
import { sampleCredential } from './fixtures/credential.js'

const require = createRequire(import.meta.url)
const documentLoader = testLoader()

t.test('the patched jsonld is the one @digitalbazaar/vc and the cryptosuites load (no nested copy)', async t => {
  const patched = patchedJsonLdPath()
  // The packages on the signing path that canonicalize with jsonld (eddsa-2022, legacy verification only, is not
  // on the fast path and keeps its own jsonld 8).
  for (const pkg of ['@digitalbazaar/vc', 'jsonld-signatures', '@digitalbazaar/eddsa-rdfc-2022-cryptosuite', '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite']) {
    const fromPkg = createRequire(require.resolve(pkg)).resolve('jsonld')
    t.equal(fromPkg, patched, `${pkg} loads ${patched}`)
  }
  const vcRequire = createRequire(require.resolve('@digitalbazaar/vc'))
  t.equal(vcRequire('jsonld/package.json').version, '9.0.0', 'the pinned jsonld version')
})

t.test('signing through @digitalbazaar/vc goes through the fast path, and the switch turns it off', async t => {
  const custody = createLocalCustody({ kek: randomBytes(32) })
  const key = await generateKey({ custody })
  const signer = await createSigner({ key, custody })
  const sign = () => issue({ credential: sampleCredential(key.controller), signer, key, suite: 'Ed25519Signature2020', documentLoader, created: '2024-05-01T10:00:00Z' })
  const before = jsonLdFastPathStats()
  await sign()
  const during = jsonLdFastPathStats()
  t.ok(during.hits > before.hits, `fast-path copies counted (${during.hits - before.hits})`)
  setJsonLdFastPath(false)
  try {
    await sign()
    const off = jsonLdFastPathStats()
    t.equal(off.active, false)
    t.equal(off.hits, during.hits, 'no fast-path copy while switched off')
    t.ok(off.fallbacks > during.fallbacks, 'stock copies counted as fallbacks')
  } finally { setJsonLdFastPath(true) }
  t.equal(jsonLdFastPathStats().active, true)
})

// Generated JSON-LD: a context mixing the features that decide term selection in compaction and scoping in expansion.
const term = fc.constantFrom('name', 'label', 'knows', 'tags', 'when', 'kind', 'part', 'note', 'list', 'homepage')
const value = fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: -5, max: 5 }), fc.boolean())
const node: fc.Memo<Record<string, unknown>> = fc.memo(depth => fc.dictionary(term, depth > 1
  ? fc.oneof(value, fc.array(value, { maxLength: 3 }), node(depth - 1), fc.array(node(depth - 1), { maxLength: 2 }))
  : fc.oneof(value, fc.array(value, { maxLength: 3 })), { maxKeys: 5 }).chain(props =>
  fc.record({ type: fc.option(fc.constantFrom('Thing', 'Person', 'Event', ['Thing', 'Event']), { nil: undefined }), id: fc.option(fc.constantFrom('https://example.org/a', 'https://example.org/b', '_:b0'), { nil: undefined }) })
    .map(({ type, id }) => ({ ...props, ...(type !== undefined ? { type } : {}), ...(id !== undefined ? { id } : {}) }))))

const context = fc.record({
  vocab: fc.constantFrom('https://vocab.example/', 'https://schema.org/', undefined),
  protect: fc.boolean(),
  scoped: fc.boolean(),
  containers: fc.boolean()
}).map(o => {
  const base: Record<string, unknown> = {
    '@version': 1.1,
    id: '@id',
    type: '@type',
    name: 'https://schema.org/name',
    label: { '@id': 'http://www.w3.org/2000/01/rdf-schema#label', '@language': 'fr' },
    knows: { '@id': 'https://schema.org/knows', '@type': '@id' },
    when: { '@id': 'https://schema.org/startDate', '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' },
    homepage: { '@id': 'https://schema.org/url', '@type': '@id' },
    Thing: 'https://schema.org/Thing',
    Person: o.scoped ? { '@id': 'https://schema.org/Person', '@context': { note: 'https://people.example/note', part: { '@id': 'https://people.example/part', '@context': { name: 'https://people.example/partName' } } } } : 'https://schema.org/Person',
    Event: o.scoped ? { '@id': 'https://schema.org/Event', '@context': { '@vocab': 'https://events.example/', kind: { '@id': 'https://events.example/kind', '@type': '@vocab' } } } : 'https://schema.org/Event',
    tags: o.containers ? { '@id': 'https://schema.org/keywords', '@container': '@set' } : 'https://schema.org/keywords',
    list: o.containers ? { '@id': 'https://schema.org/itemListElement', '@container': '@list' } : 'https://schema.org/itemListElement'
  }
  if (o.vocab) base['@vocab'] = o.vocab
  if (o.protect) base['@protected'] = true
  return base
})

const doc = fc.tuple(context, node(3)).map(([ctx, body]) => ({ '@context': ctx, ...body }))

async function both<T> (fn: () => Promise<T>): Promise<[T, T]> {
  setJsonLdFastPath(false)
  try {
    const stock = await fn()
    setJsonLdFastPath(true)
    return [stock, await fn()]
  } finally { setJsonLdFastPath(true) }
}
const settle = <T>(p: Promise<T>): Promise<T | string> => p.catch((e: Error) => `error: ${e.message}`)
const runs = Number(process.env.OBP_FC_RUNS ?? 120)

t.test('generated JSON-LD: identical expansion, compaction (same and other context) and N-Quads, stock vs fast', async t => {
  let compared = 0
  await fc.assert(fc.asyncProperty(doc, context, async (d, other) => {
    const opts = { documentLoader, safe: false, base: null }
    const [e1, e2] = await both(() => settle(jsonld.expand(d, opts)))
    const [c1, c2] = await both(() => settle(jsonld.compact(d, d['@context'] as object, opts)))
    const [o1, o2] = await both(() => settle(jsonld.compact(d, other, opts)))
    const [n1, n2] = await both(() => settle(jsonld.canonize(d, { ...opts, algorithm: 'RDFC-1.0', format: 'application/n-quads' })))
    if (typeof n1 === 'string' && !n1.startsWith('error:')) compared++
    return JSON.stringify(e1) === JSON.stringify(e2) && JSON.stringify(c1) === JSON.stringify(c2) &&
      JSON.stringify(o1) === JSON.stringify(o2) && n1 === n2
  }), { numRuns: runs, seed: 20 })
  t.ok(compared > runs / 2, `${compared}/${runs} generated documents canonicalized; every result identical`)
})
