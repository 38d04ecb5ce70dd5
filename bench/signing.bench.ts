// Signing and verification speed of @obp/signing (docs/decisions/0001-jsonld-fast-path.md), next to the same operations done by
// calling @digitalbazaar/vc directly (stock suites, stock key import, stock jsonld copy) in the same run.
// Run: npx tsx bench/signing.bench.ts   (build first: npx tsc -b libs/signing)
// Env: BENCH_SECONDS (per round and measurement, default 2), BENCH_ROUNDS (default 3), BENCH_OUT (JSON path).
// Rounds alternate stock and @obp/signing so that load from other processes hits both alike. Reported per
// operation: ops/s by wall clock and ops per CPU-second of this process ("on one core", much less sensitive to
// other processes on a shared machine), each the median over rounds; p50/p99 wall latency over all samples.
// Speed-ups compare ops per CPU-second. Each operation is warmed up (JIT, caches) before its first round.
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import * as vc from '@digitalbazaar/vc'
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite'
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey'
import jsonld from 'jsonld'
import { createDocumentLoader } from '@obp/documents'
import {
  createLocalCustody, createSigner, generateKey, issue, issueJwt,
  setCompiledFastPath, setJsonLdFastPath, verifyCredential, verifyJwt, type KeyType, type StoredKey, type Signer
} from '@obp/signing'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const documentLoader = createDocumentLoader()

/** A realistic OB 3.0 credential: profile issuer, achievement with criteria/image/alignment, hashed email identity, result, status, schema. */
function credential (issuerId: string, n: number): Record<string, any> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'],
    id: `https://issuer.example/credentials/${n}-${randomBytes(4).toString('hex')}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuerId, type: ['Profile'], name: 'Example University', url: 'https://example.edu', email: 'badges@example.edu' },
    validFrom: '2024-09-01T00:00:00Z',
    name: 'Data Literacy Badge',
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityHash: 'sha256$' + randomBytes(32).toString('hex'), identityType: 'emailAddress', hashed: true, salt: randomBytes(8).toString('hex') }],
      achievement: {
        id: 'https://issuer.example/achievements/data-literacy',
        type: ['Achievement'],
        achievementType: 'Badge',
        name: 'Data Literacy',
        description: 'Reads, works with, analyses and argues with data.',
        criteria: { narrative: 'Completed the four data literacy modules and the capstone project.' },
        image: { id: 'https://issuer.example/images/data-literacy.png', type: 'Image' },
        alignment: [{ type: ['Alignment'], targetName: 'Data analysis', targetUrl: 'https://framework.example/skills/data-analysis', targetType: 'ceasn:Competency' }]
      },
      result: [{ type: ['Result'], value: 'Distinction' }]
    },
    credentialStatus: { id: `https://status.example/status-lists/1#${n}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(n), statusListCredential: 'https://status.example/status-lists/1' },
    credentialSchema: [{ id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json', type: '1EdTechJsonSchemaValidator2019' }]
  }
}

interface Stats { opsPerSec: number; opsPerCpuSec: number; p50Ms: number; p99Ms: number; ops: number }
const samples = new Map<string, { rates: number[]; cpuRates: number[]; lat: number[] }>()

async function round (name: string, op: (i: number) => Promise<unknown>): Promise<void> {
  let s = samples.get(name)
  if (!s) {
    samples.set(name, s = { rates: [], cpuRates: [], lat: [] })
    const warmEnd = performance.now() + Math.max(SECONDS, 1) * 1000
    for (let i = 0; performance.now() < warmEnd || i < 5; i++) await op(i)
  }
  const end = performance.now() + SECONDS * 1000
  const start = performance.now()
  const cpu0 = process.cpuUsage()
  let n = 0
  while (performance.now() < end) {
    const t0 = performance.now()
    await op(n++)
    s.lat.push(performance.now() - t0)
  }
  const cpu = process.cpuUsage(cpu0)
  s.rates.push(n / ((performance.now() - start) / 1000))
  s.cpuRates.push(n / ((cpu.user + cpu.system) / 1e6))
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]
function stats (name: string): Stats {
  const s = samples.get(name)!
  const r = (x: number, d = 2) => Number(x.toFixed(d))
  return { opsPerSec: r(pct(s.rates, 0.5), 1), opsPerCpuSec: r(pct(s.cpuRates, 0.5), 1), p50Ms: r(pct(s.lat, 0.5)), p99Ms: r(pct(s.lat, 0.99)), ops: s.lat.length }
}

/** Fractions of wall time spent in canonize (all of c14n) and in RDFC-1.0 alone, over sequential calls of `op`. */
async function c14nShare (op: (i: number) => Promise<unknown>): Promise<{ c14n: number; rdfc: number }> {
  const suite = eddsaRdfc2022 as { canonize: (...a: unknown[]) => Promise<string> }
  const api = jsonld as unknown as { toRDF: (...a: unknown[]) => Promise<unknown> }
  const [canonize, toRDF] = [suite.canonize, api.toRDF]
  // document and proof configuration are canonicalized concurrently: count the union of busy intervals
  const busy = () => { let active = 0; let since = 0; const b = { ms: 0, enter () { if (active++ === 0) since = performance.now() }, exit () { if (--active === 0) b.ms += performance.now() - since } }; return b }
  let c14nBusy = busy()
  let toRdfBusy = busy()
  suite.canonize = async (...a) => { const b = c14nBusy; b.enter(); try { return await canonize(...a) } finally { b.exit() } }
  api.toRDF = async (...a) => { const b = toRdfBusy; b.enter(); try { return await toRDF.apply(jsonld, a) } finally { b.exit() } }
  try {
    for (let i = 0; i < 20; i++) await op(i)
    c14nBusy = busy()
    toRdfBusy = busy()
    const t0 = performance.now()
    for (let i = 0; i < 200; i++) await op(i)
    const total = performance.now() - t0
    return { c14n: Number((c14nBusy.ms / total).toFixed(2)), rdfc: Number(((c14nBusy.ms - toRdfBusy.ms) / total).toFixed(2)) }
  } finally {
    suite.canonize = canonize
    api.toRDF = toRDF
  }
}

const must = (r: { verified: boolean; error?: unknown }, what: string) => { if (!r.verified) throw new Error(`${what} did not verify: ${JSON.stringify(r.error)}`) }

async function main (): Promise<void> {
  const custody = createLocalCustody({ kek: randomBytes(32) })
  const keys = new Map<KeyType, { key: StoredKey; signer: Signer }>()
  for (const type of ['Ed25519', 'P-256'] as const) {
    const key = await generateKey({ type, custody })
    keys.set(type, { key, signer: await createSigner({ key, custody }) })
  }
  const rsa = await generateKey({ type: 'RSA', custody, controller: 'did:web:issuer.example', keyId: 'rsa-1' })
  keys.set('RSA', { key: rsa, signer: await createSigner({ key: rsa, custody }) })

  // Stock: @digitalbazaar key pairs (the Multikey signer re-imports its key for every signature).
  const ed = keys.get('Ed25519')!.key
  const p256 = keys.get('P-256')!.key
  const stockEd = await Ed25519Multikey.fromJwk({ jwk: await custody.open(ed.sealed), secretKey: true, id: ed.id, controller: ed.controller })
  const stockP256 = await EcdsaMultikey.fromJwk({ jwk: await custody.open(p256.sealed), secretKey: true, id: p256.id, controller: p256.controller })

  const diSuites = [
    { name: 'eddsa-rdfc-2022', type: 'Ed25519' as const, stock: () => new DataIntegrityProof({ signer: stockEd.signer(), cryptosuite: eddsaRdfc2022 }), stockVerify: () => new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }) },
    { name: 'ecdsa-rdfc-2019', type: 'P-256' as const, stock: () => new DataIntegrityProof({ signer: stockP256.signer(), cryptosuite: ecdsaRdfc2019 }), stockVerify: () => new DataIntegrityProof({ cryptosuite: ecdsaRdfc2019 }) },
    { name: 'Ed25519Signature2020', type: 'Ed25519' as const, stock: () => new Ed25519Signature2020({ signer: stockEd.signer() }), stockVerify: () => new Ed25519Signature2020() }
  ]
  const checkStatus = async () => ({ verified: true })
  let n = 0

  for (const s of diSuites) {
    const { key, signer } = keys.get(s.type)!
    const ours: any[] = []
    const stock: any[] = []
    const withSuiteContext = (c: Record<string, any>) => s.name === 'Ed25519Signature2020' ? { ...c, '@context': [...c['@context'], 'https://w3id.org/security/suites/ed25519-2020/v1'] } : c
    for (let r = 0; r < ROUNDS; r++) {
      setJsonLdFastPath(false)
      await round(`stock ${s.name} sign`, async () => stock.push(await vc.issue({ credential: withSuiteContext(credential(key.controller, n++)), suite: s.stock(), documentLoader })))
      setJsonLdFastPath(true)
      await round(`${s.name} sign`, async () => ours.push(await issue({ credential: credential(key.controller, n++), signer, key, suite: s.name as any, documentLoader })))
      if (s.name !== 'Ed25519Signature2020') {
        // issue 10: the same, with the compiled fast path off (the tuned general path)
        setCompiledFastPath(false)
        await round(`${s.name} sign (general path)`, async () => issue({ credential: credential(key.controller, n++), signer, key, suite: s.name as any, documentLoader }))
        setCompiledFastPath(true)
      }
      setJsonLdFastPath(false)
      await round(`stock ${s.name} verify`, async i => must(await vc.verifyCredential({ credential: stock[i % stock.length], suite: s.stockVerify(), documentLoader, checkStatus }), 'stock'))
      setJsonLdFastPath(true)
      await round(`${s.name} verify`, async i => must(await verifyCredential({ credential: ours[i % ours.length], documentLoader }), s.name))
      if (s.name !== 'Ed25519Signature2020') await round(`${s.name} verify own (compiled)`, async i => must(await verifyCredential({ credential: ours[i % ours.length], documentLoader, ownCredential: true }), s.name))
    }
    // Every proof we made must verify under the stock libraries.
    setJsonLdFastPath(false)
    for (const c of ours.slice(0, 20)) must(await vc.verifyCredential({ credential: { ...c, proof: c.proof[0] }, suite: s.stockVerify(), documentLoader, checkStatus }), `stock check of ${s.name}`)
    setJsonLdFastPath(true)
  }

  for (const [type, alg] of [['RSA', 'RS256'], ['P-256', 'ES256'], ['Ed25519', 'EdDSA']] as const) {
    const { key, signer } = keys.get(type)!
    const loader = type === 'RSA' ? createDocumentLoader({ resolver: { resolve: async () => ({ '@context': ['https://www.w3.org/ns/did/v1'], id: key.controller, verificationMethod: [{ id: key.id, type: 'JsonWebKey', controller: key.controller, publicKeyJwk: key.publicKeyJwk }], assertionMethod: [key.id] }) } }) : documentLoader
    const jwts: string[] = []
    for (let r = 0; r < ROUNDS; r++) {
      await round(`VC-JWT ${alg} sign`, async () => jwts.push(await issueJwt({ credential: credential(key.controller, n++), signer, key })))
      await round(`VC-JWT ${alg} verify`, async i => must(await verifyJwt({ jwt: jwts[i % jwts.length], documentLoader: type === 'RSA' ? loader : documentLoader }), alg))
    }
  }

  // Share of canonicalization inside real eddsa-rdfc-2022 signing, measured by timing the cryptosuite's
  // canonize (JSON-LD expansion + toRDF + RDFC-1.0, document and proof configuration) and jsonld.toRDF within it
  // over sequential signatures; RDFC-1.0 alone is the difference.
  const shares = { ours: await c14nShare(async i => issue({ credential: credential(ed.controller, i), signer: keys.get('Ed25519')!.signer, key: ed, documentLoader })), stock: { c14n: 0, rdfc: 0 } }
  setJsonLdFastPath(false)
  shares.stock = await c14nShare(async i => vc.issue({ credential: credential(ed.controller, i), suite: diSuites[0].stock(), documentLoader }))
  setJsonLdFastPath(true)

  const results: Record<string, Stats> = Object.fromEntries([...samples.keys()].map(k => [k, stats(k)]))
  const ratio = (a: string, b: string) => Number((results[a].opsPerCpuSec / results[b].opsPerCpuSec).toFixed(2))
  const summary = {
    speedup: Object.fromEntries(diSuites.flatMap(s => [[`${s.name} sign`, ratio(`${s.name} sign`, `stock ${s.name} sign`)], [`${s.name} verify`, ratio(`${s.name} verify`, `stock ${s.name} verify`)]])),
    c14nShareOfSign: shares.ours.c14n,
    rdfcShareOfSign: shares.ours.rdfc,
    stockC14nShareOfSign: shares.stock.c14n,
    stockRdfcShareOfSign: shares.stock.rdfc
  }
  for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(34)} ${String(v.opsPerSec).padStart(8)} ops/s ${String(v.opsPerCpuSec).padStart(8)} ops/cpu-s   p50 ${v.p50Ms} ms   p99 ${v.p99Ms} ms   (${v.ops} ops)`)
  console.log('speed-up vs stock @digitalbazaar/vc (ops per CPU-second):', JSON.stringify(summary.speedup))
  console.log(`share of eddsa-rdfc-2022 signing time in canonicalization (expansion+toRDF+RDFC-1.0): ${summary.c14nShareOfSign}, RDFC-1.0 alone ${summary.rdfcShareOfSign}; stock: ${summary.stockC14nShareOfSign}, RDFC-1.0 alone ${summary.stockRdfcShareOfSign}`)
  const out = { bench: 'signing', date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadavg: os.loadavg().map(x => Number(x.toFixed(2))), seconds: SECONDS, rounds: ROUNDS, results, summary }
  if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify(out, null, 2))
  console.log(JSON.stringify(out))
}

await main()
