// Differential tests (docs/decisions/0002-compiled-canonicalization.md): the compiled fast path must give byte-identical canonical N-Quads and identical
// proofValues to stock jsonld + rdf-canonize, for every shape the platform produces; its proofs must verify with
// the stock @digitalbazaar/vc verifier. FAST_PATH_RUNS (default 300, under a minute on this machine; 2000+ for a full run) generated documents per shape.
import { fileURLToPath } from 'node:url'
import t from 'tap'
import fc from 'fast-check'
import { randomBytes } from 'node:crypto'
import * as vc from '@digitalbazaar/vc'
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import { compiledFastPathStats, createLocalCustody, createSigner, generateKey, issue, setCompiledFastPath, verifyCredential } from '../src/index.js'
import { withCompiledShapes } from '../src/fast-canonize.js'
import { testLoader } from './helpers/loader.js'
import { date, endorsementCredential, iri, openBadgeCredential, statusListCredential, text } from './helpers/shapes.js'
import { fillSlots, shapeOf } from '../src/shape.js'
import { DATE_TIME, SAFE_IRI } from '../src/compiled-shape.js'
const SHARED = fileURLToPath(new URL('../../../test/spec-material', import.meta.url)) // a copy of the shared spec material (test/spec-material/README.md)

/** A document of the same shape as `doc` with fresh slot values of the same kind (IRI-like, date, text). */
const values = fc.record({ iris: fc.array(iri, { minLength: 16, maxLength: 16 }), texts: fc.array(text, { minLength: 16, maxLength: 16 }), dates: fc.array(date, { minLength: 4, maxLength: 4 }) })
function sibling (doc: object, v: { iris: string[]; texts: string[]; dates: string[] }): unknown {
  const original = shapeOf(doc)?.slots ?? []
  let i = 0
  return fillSlots(doc, () => {
    const n = i++
    const was = original[n]
    return SAFE_IRI.test(was) ? v.iris[n % 16] : DATE_TIME.test(was) ? v.dates[n % 4] : v.texts[n % 16]
  })
}

const RUNS = Number(process.env.FAST_PATH_RUNS ?? 300)
const PROOF_RUNS = Math.max(20, Math.round(RUNS / 40))
const documentLoader = testLoader()
const options = { documentLoader, base: null, safe: true }
const fast = withCompiledShapes(eddsaRdfc2022, { compile: true, loaderKey: documentLoader })
const stock = (doc: unknown): Promise<string> => eddsaRdfc2022.canonize(doc, options).catch((e: Error) => `error: ${e.message}`)
const viaFastPath = (doc: unknown): Promise<string> => fast.canonize(doc, options).catch((e: Error) => `error: ${e.message}`)

const custody = createLocalCustody({ kek: randomBytes(32) })
const key = await generateKey({ custody })
const signer = await createSigner({ key, custody })
const created = '2024-05-01T10:00:00Z'
const sign = (credential: object) => issue({ credential, signer, key, documentLoader, created })

// a pool of signed endorsements to embed (OB 3.0 AchievementCredential.endorsement)
const endorsements = await Promise.all(fc.sample(endorsementCredential, { numRuns: 3, seed: 7 }).map(c => sign(c)))

const shapes: Array<[string, fc.Arbitrary<Record<string, unknown>>]> = [
  ['OpenBadgeCredential', openBadgeCredential(endorsements)],
  ['EndorsementCredential', endorsementCredential as unknown as fc.Arbitrary<Record<string, unknown>>],
  ['BitstringStatusListCredential', statusListCredential]
]

for (const [name, arbitrary] of shapes) {
  t.test(`${name}: ${RUNS} generated documents give byte-identical canonical N-Quads`, async t => {
    const before = compiledFastPathStats()
    let compared = 0
    await fc.assert(fc.asyncProperty(arbitrary, values, async (doc, v) => {
      // the second document of a shape compiles it (checked against stock), its sibling takes the compiled shape
      for (const d of [doc, doc, sibling(doc, v)]) {
        const expected = await stock(d)
        const got = await viaFastPath(d)
        if (got !== expected) throw new Error(`differs:\n${got}\n---\n${expected}`)
      }
      compared++
    }), { numRuns: RUNS, seed: 10 })
    const after = compiledFastPathStats()
    t.equal(compared, RUNS)
    t.ok(after.fast - before.fast > RUNS / 3, `${after.fast - before.fast} of ${RUNS} took the fast path (${after.compiled - before.compiled} shapes compiled)`)
  })

  t.test(`${name}: identical proofValues; every fast-path proof verifies with stock @digitalbazaar/vc`, async t => {
    const stockSuite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 })
    let fastProofs = 0
    for (const generated of fc.sample(arbitrary, { numRuns: PROOF_RUNS, seed: 12 })) {
      // signed by our key: the issuer is its controller (VCDM 2.0 issuer = proof controller)
      const doc = { ...generated, issuer: typeof generated.issuer === 'string' ? key.controller : { ...(generated.issuer as object), id: key.controller } }
      setCompiledFastPath(false)
      const expected = await sign(doc).catch((e: Error) => e)
      setCompiledFastPath(true)
      if (expected instanceof Error) {
        await t.rejects(sign(doc), { message: expected.message }, 'refused alike')
        continue
      }
      await sign(doc) // first sight of the shape
      await sign(doc) // compiles it
      const before = compiledFastPathStats().fast
      const signed = await sign(doc)
      fastProofs += compiledFastPathStats().fast > before ? 1 : 0
      t.equal(signed.proof[0].proofValue, expected.proof[0].proofValue)
      const r = await vc.verifyCredential({ credential: { ...signed, proof: signed.proof[0] }, suite: stockSuite, documentLoader, checkStatus: async () => ({ verified: true }) })
      if (!r.verified) t.fail(`stock verifier refused: ${JSON.stringify(r.error)}`)
      const own = await verifyCredential({ credential: signed, documentLoader, ownCredential: true })
      if (!own.verified) t.fail(`own verification refused: ${JSON.stringify(own.error)}`)
    }
    t.ok(fastProofs > PROOF_RUNS / 3, `${fastProofs}/${PROOF_RUNS} signed through the fast path`)
  })
}

t.test('values expansion could treat specially take the general path, with the stock result', async t => {
  const [base] = fc.sample(openBadgeCredential([]), { numRuns: 1, seed: 3 })
  await viaFastPath(base) // first sight
  await viaFastPath(base) // compile
  const variants: Array<[string, (c: any) => void]> = [
    ['compact IRI id', c => { c.id = 'xsd:foo' }],
    ['term as id', c => { c.credentialSubject.achievement.id = 'Achievement' }],
    ['blank node id', c => { c.issuer.id = '_:b1' }],
    ['relative IRI', c => { c.id = 'credentials/1' }],
    ['IRI with a space', c => { c.id = 'https://example.edu/a b' }],
    ['non-ASCII IRI', c => { c.id = 'https://example.edu/é' }],
    ['date without zone', c => { c.validFrom = '2024-01-01T00:00:00' }],
    ['date-only', c => { c.validFrom = '2024-01-01' }],
    ['language value', c => { c.name = { '@value': 'x', '@language': 'en' } }],
    ['number', c => { c.name = 1.5 }],
    ['keyword key', c => { c['@id'] = 'https://example.edu/1' }]
  ]
  for (const [what, change] of variants) {
    const doc = structuredClone(base)
    change(doc)
    const before = compiledFastPathStats().fast
    t.equal(await viaFastPath(doc), await stock(doc), `${what}: stock result`)
    t.equal(compiledFastPathStats().fast, before, `${what}: general path`)
  }
})

t.test('verification never compiles: a credential from elsewhere takes the general path', async t => {
  const [doc] = fc.sample(statusListCredential, { numRuns: 1, seed: 99 })
  const other = testLoader()
  const signed = await issue({ credential: { ...doc, issuer: key.controller }, signer, key, documentLoader: other, created })
  const before = compiledFastPathStats()
  const r = await verifyCredential({ credential: signed, documentLoader: testLoader(), ownCredential: true })
  t.equal(r.verified, true)
  const after = compiledFastPathStats()
  t.equal(after.compiled, before.compiled, 'nothing compiled while verifying')
  t.equal(after.fast, before.fast, 'no compiled shape for that loader: general path')
})

t.test('the OB 3.0 test vector reproduces exactly through a compiled shape', async t => {
  const { readFileSync } = await import('node:fs')
  const { importKey } = await import('../src/index.js')
  const vector = JSON.parse(readFileSync(`${SHARED}/ob3/test-vector/ob3-eddsa-rdfc-2022.json`, 'utf8'))
  const seed = Buffer.from(vector.keyPair.privateKeyHex, 'hex').subarray(0, 32)
  const pub = Buffer.from(vector.keyPair.publicKeyHex, 'hex')
  const vkey = await importKey({ privateJwk: { kty: 'OKP', crv: 'Ed25519', d: seed.toString('base64url'), x: pub.toString('base64url') }, controller: vector.keyPair.controller, keyId: vector.keyPair.id, custody })
  const vsigner = await createSigner({ key: vkey, custody })
  const loader = testLoader()
  const signVector = () => issue({ credential: vector.credential, signer: vsigner, key: vkey, documentLoader: loader, created: vector.proofOptions.created })
  await signVector() // first sight of the shape
  await signVector() // compiles it
  const before = compiledFastPathStats().fast
  const signed = await signVector()
  t.ok(compiledFastPathStats().fast > before, 'document canonicalized through the compiled shape')
  t.equal(signed.proof[0].proofValue, vector.expectedProofValue, 'reproduces expectedProofValue')
  const fastDoc = withCompiledShapes(eddsaRdfc2022, { compile: false, loaderKey: loader })
  const { proof: _p, ...unsecured } = signed
  t.equal(await fastDoc.canonize(unsecured, { documentLoader: loader, base: null, safe: true }), readFileSync(`${SHARED}/ob3/test-vector/document-canon.nq`, 'utf8'), 'document-canon.nq')
})
