// Differential test: jsonld with the shallow active-context copy must produce exactly what stock jsonld does.
import { fileURLToPath } from 'node:url'
import t from 'tap'
import fc from 'fast-check'
import { readFileSync, readdirSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import jsonld from 'jsonld'
import * as vc from '@digitalbazaar/vc'
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020'
import { createLocalCustody, createSigner, generateKey, issue, setJsonLdFastPath, jsonLdFastPathActive } from '../src/index.js'
import { testLoader } from './helpers/loader.js'
import { sampleCredential } from './fixtures/credential.js'
const SHARED = fileURLToPath(new URL('../../../test/spec-material', import.meta.url)) // a copy of the shared spec material (test/spec-material/README.md)

const documentLoader = testLoader()
const FIXTURES = `${SHARED}/fixtures/1edtech-validator`
const canon = (doc: unknown) => jsonld.canonize(doc, { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader, safe: true, base: null })

async function both<T> (fn: () => Promise<T>): Promise<[T, T]> {
  setJsonLdFastPath(false)
  try {
    const stock = await fn()
    setJsonLdFastPath(true)
    return [stock, await fn()]
  } finally {
    setJsonLdFastPath(true)
  }
}

t.test('fast path is installed and on by default', async t => {
  t.equal(jsonLdFastPathActive(), true)
})

t.test('fixtures and the test vector: identical canonical N-Quads and expansion', async t => {
  const docs: unknown[] = readdirSync(FIXTURES).filter(f => f.endsWith('.json')).map(f => JSON.parse(readFileSync(`${FIXTURES}/${f}`, 'utf8')))
  docs.push(JSON.parse(readFileSync(`${SHARED}/ob3/test-vector/ob3-eddsa-rdfc-2022.json`, 'utf8')).credential)
  docs.push(sampleCredential('did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi'))
  for (const doc of docs) {
    const [stock, fast] = await both(() => canon(doc))
    t.ok(stock.length > 0)
    t.equal(fast, stock, 'same N-Quads')
    const [e1, e2] = await both(() => jsonld.expand(doc, { documentLoader, safe: true }))
    t.same(e2, e1, 'same expansion')
  }
})

// Random OB credentials exercising type-scoped contexts (Achievement, Result, Alignment, Evidence, Profile...).
const text = fc.string({ minLength: 1, maxLength: 12 })
const url = fc.webUrl()
const obCredential = fc.record({
  name: text,
  achievementType: fc.constantFrom('Badge', 'Certificate', 'Course', 'ext:Custom'),
  alignment: fc.array(fc.record({ type: fc.constant(['Alignment']), targetName: text, targetUrl: url, targetType: fc.constantFrom('ceasn:Competency', 'CFItem') }), { maxLength: 2 }),
  result: fc.array(fc.record({ type: fc.constant(['Result']), value: text }), { maxLength: 2 }),
  evidence: fc.array(fc.record({ type: fc.constant(['Evidence']), name: text, narrative: text }), { maxLength: 2 }),
  subjectId: fc.option(fc.constant('did:example:learner'), { nil: undefined }),
  v1: fc.boolean()
}).map(r => {
  const c: any = sampleCredential('https://issuer.example/issuers/1')
  c.name = r.name
  c.credentialSubject.achievement.achievementType = r.achievementType
  if (r.alignment.length) c.credentialSubject.achievement.alignment = r.alignment
  if (r.result.length) c.credentialSubject.result = r.result
  else delete c.credentialSubject.result
  if (r.evidence.length) c.evidence = r.evidence
  if (r.subjectId) c.credentialSubject.id = r.subjectId
  if (r.v1) {
    c['@context'] = ['https://www.w3.org/2018/credentials/v1', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json']
    c.issuanceDate = c.validFrom
    delete c.validFrom
  }
  return c
})

t.test('random OB credentials: identical canonical N-Quads', async t => {
  let canonicalized = 0
  await fc.assert(fc.asyncProperty(obCredential, async doc => {
    const [stock, fast] = await both(() => canon(doc).catch((e: Error) => `error: ${e.message}`))
    if (!stock.startsWith('error:')) canonicalized++
    return stock === fast
  }), { numRuns: 50, seed: 3 })
  t.ok(canonicalized > 40, `${canonicalized}/50 random credentials canonicalized, all identical`)
})

t.test('cache state does not matter: any order of documents gives the stock N-Quads', async t => {
  const docs: unknown[] = readdirSync(FIXTURES).filter(f => f.endsWith('.json')).map(f => JSON.parse(readFileSync(`${FIXTURES}/${f}`, 'utf8')))
  docs.push(...fc.sample(obCredential, { numRuns: 8, seed: 11 }))
  setJsonLdFastPath(false)
  const expected = await Promise.all(docs.map(d => canon(d)))
  setJsonLdFastPath(true)
  await fc.assert(fc.asyncProperty(fc.array(fc.nat({ max: docs.length - 1 }), { minLength: 5, maxLength: 20 }), async order => {
    for (const i of order) if (await canon(docs[i]) !== expected[i]) return false
    // concurrent operations share jsonld's caches too
    const concurrent = await Promise.all(order.map(i => canon(docs[i])))
    return concurrent.every((c, k) => c === expected[order[k]])
  }), { numRuns: 15, seed: 5 })
  t.pass('sequential and concurrent orders agree with stock')
})

t.test('fast-path proofs are identical to stock proofs and verify under stock libraries', async t => {
  const custody = createLocalCustody({ kek: randomBytes(32) })
  const key = await generateKey({ custody })
  const signer = await createSigner({ key, custody })
  const created = '2024-05-01T10:00:00Z'
  for (const suite of ['eddsa-rdfc-2022', 'Ed25519Signature2020'] as const) {
    const credential = sampleCredential(key.controller)
    const [stock, fast] = await both(() => issue({ credential, signer, key, suite, documentLoader, created }))
    t.equal(fast.proof[0].proofValue, stock.proof[0].proofValue, `${suite}: identical proofValue (Ed25519 is deterministic)`)
    setJsonLdFastPath(false)
    try {
      const stockSuite = suite === 'eddsa-rdfc-2022' ? new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }) : new Ed25519Signature2020()
      const r = await vc.verifyCredential({ credential: { ...fast, proof: fast.proof[0] }, suite: stockSuite, documentLoader })
      t.equal(r.verified, true, `${suite}: stock @digitalbazaar/vc verifies the fast-path proof`)
    } finally {
      setJsonLdFastPath(true)
    }
  }
})
