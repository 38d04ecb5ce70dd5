// Issue 15, "Hot paths are O(1) in the size of the data": the hosted credential (JSON, PNG, SVG, a miss) and batch
// progress, measured with autocannon against a separate issuer process at two store sizes; the ratio of each
// figure at the large size to the small one should stay within 1.3. Seeding inserts prepared documents directly
// (copies of one real signed credential under new ids), as the issue allows. One credential asked for again and
// again is served from the process's hosted cache after the first read (HOSTED_CACHE_MS); "any of 5,000" asks for
// a different credential of a uniform sample of the store each time, mostly past that cache (1,000 entries).
// Run: npx tsc -b services/issuer && npx tsx bench/hot-paths.bench.ts
// Env: BENCH_SIZES (default "10000,1000000"; seeding 1,000,000 on a loaded FerretDB takes long: set e.g.
// "10000,100000" to measure less), BENCH_SECONDS (per path, default 5), BENCH_CONNECTIONS (default 16), BENCH_OUT.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import { join } from 'node:path'
import { MongoClient } from 'mongodb'
import { loadConfig, loadSecrets } from '@obp/service-kit'
import { IssuerConfig } from '../services/issuer/src/config.js'
import { freePort } from '../test/support/platform.js'

interface CannonResult { requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number }
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: Record<string, unknown>) => Promise<CannonResult>

const SIZES = (process.env.BENCH_SIZES ?? '10000,1000000').split(',').map(Number)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16)
const root = new URL('..', import.meta.url).pathname

async function call (method: string, url: string, token: string, body?: unknown): Promise<any> {
  const res = await fetch(url, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined })
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`)
  return res.json()
}

async function main (): Promise<void> {
  const dbName = 'test_bench_hot_' + randomUUID().slice(0, 8)
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const u = new URL(process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:27017')
  u.pathname = `/${dbName}`
  // protection off: the bench measures the cost of a path, not the rate limit or load shedding in front of it
  const env = {
    MONGODB_URL: u.toString(), OBP_DATA_DIR: mkdtempSync(join(os.tmpdir(), 'obp-bench-hot-')), HOST: '127.0.0.1', ISSUER_PORT: String(port), ISSUER_PUBLIC_URL: base,
    LOG_LEVEL: 'warn', OBP_QUEUE_PREFIX: 'bench-' + randomUUID().slice(0, 8), RATE_LIMIT_MAX: '0', LOAD_SHED_EVENT_LOOP_DELAY_MS: '0'
  }
  const secrets = loadSecrets(loadConfig(IssuerConfig, { ...process.env, ...env }))
  const client = new MongoClient(env.MONGODB_URL)
  await client.connect()
  const db = client.db(dbName)
  let child: ChildProcess | undefined
  try {
    child = spawn(process.execPath, [join(root, 'services/issuer/dist/server.js')], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] })
    for (let i = 0; i < 1200 && child.exitCode === null && !(await fetch(`${base}/health/live`).then(r => r.ok, () => false)); i++) await new Promise(resolve => setTimeout(resolve, 100))
    const issuer = await call('POST', `${base}/issuers`, secrets.adminToken, { name: 'Bench University' })
    const achievement = await call('POST', `${base}/issuers/${issuer.id}/achievements`, issuer.apiKey, { name: 'Speed', description: 'Fast paths', criteria: { narrative: 'Measured.' } })
    const vc = await call('POST', `${base}/issuers/${issuer.id}/credentials`, issuer.apiKey, { achievementId: achievement.id, recipient: { email: 'bench@example.org' } })
    const batch = await call('POST', `${base}/issuers/${issuer.id}/batches`, issuer.apiKey, { awards: [{ achievementId: achievement.id, recipient: { email: 'b@example.org' } }] })
    const template = await db.collection('credentials').findOne({ _id: vc.id })
    if (!template) throw new Error('no stored credential to copy')
    const segment = vc.id.split('/').pop() as string

    const results: Record<string, { perSec: number; p50Ms: number; p99Ms: number; non2xx: number }> = {}
    let seeded = 1
    // a uniform sample of the seeded credentials (reservoir), for the path that asks for a different one each time
    const SAMPLE = 5000
    const sample: string[] = []
    let seen = 0
    let sampleIndex = 0
    const pick = (): string => sample[(sampleIndex++ * 7919) % sample.length]
    for (const size of SIZES) {
      const t0 = performance.now()
      while (seeded < size) {
        const n = Math.min(1000, size - seeded)
        const docs = Array.from({ length: n }, () => {
          const id = `${base}/credentials/${randomUUID()}`
          const nth = seen++
          const at = nth < SAMPLE ? nth : Math.floor(Math.random() * (nth + 1))
          if (at < SAMPLE) sample[at] = id.split('/').pop() as string
          return { ...template, _id: id, segment: id.split('/').pop(), json: (template.json as string).replace(vc.id, id), createdAt: new Date() }
        })
        await db.collection('credentials').insertMany(docs as never[], { ordered: false })
        seeded += n
      }
      console.log(`[hot-paths] ${size} credentials (seeded in ${Math.round((performance.now() - t0) / 1000)} s)`)
      const paths: Record<string, { path: string; headers?: Record<string, string>; any?: boolean }> = {
        'GET /credentials/:id': { path: `/credentials/${segment}` },
        'GET /credentials/:id (any of 5,000)': { path: '', any: true },
        'GET /credentials/:id?format=png': { path: `/credentials/${segment}?format=png` },
        'GET /credentials/:id?format=svg': { path: `/credentials/${segment}?format=svg` },
        'GET /credentials/:id (404)': { path: `/credentials/${randomUUID()}` },
        'GET /batches/:id?results=false': { path: `/batches/${batch.batchId}?results=false`, headers: { authorization: `Bearer ${issuer.apiKey}` } }
      }
      // warm-up, not measured: the first path would otherwise pay for the process's and the store's cold caches
      await autocannon({ url: `${base}/credentials/${segment}`, connections: CONNECTIONS, duration: 2 })
      for (const [name, p] of Object.entries(paths)) {
        const requests = p.any ? [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: `/credentials/${pick()}` }) }] : undefined
        const r = await autocannon({ url: base + p.path, headers: p.headers ?? {}, connections: CONNECTIONS, duration: SECONDS, ...(requests ? { requests } : {}) })
        results[`${name} @${size}`] = { perSec: Math.round(r.requests.average), p50Ms: r.latency.p50, p99Ms: r.latency.p99, non2xx: name.includes('404') ? 0 : r.non2xx + r.errors }
      }
    }
    const [small, large] = [SIZES[0], SIZES[SIZES.length - 1]]
    console.log(`hot paths: ${SECONDS}s per path, ${CONNECTIONS} connections, ${os.cpus().length} CPUs, sizes ${SIZES.join(' / ')}`)
    console.log(`${'path'.padEnd(34)} ${'size'.padStart(8)} ${'per s'.padStart(7)} ${'p50'.padStart(5)} ${'p99'.padStart(5)}  ratio large/small (p50, p99, 1/throughput)`)
    for (const name of Object.keys(results).filter(k => k.endsWith(`@${small}`)).map(k => k.slice(0, k.lastIndexOf(' @')))) {
      const a = results[`${name} @${small}`]
      const b = results[`${name} @${large}`]
      for (const [size, r] of [[small, a], [large, b]] as const) console.log(`${name.padEnd(34)} ${String(size).padStart(8)} ${String(r.perSec).padStart(7)} ${String(r.p50Ms).padStart(5)} ${String(r.p99Ms).padStart(5)}`)
      const ratio = (x: number, y: number) => y > 0 ? (x / y).toFixed(2) : 'n/a'
      console.log(`${''.padEnd(34)} ${'ratio'.padStart(8)} ${ratio(b.p50Ms, a.p50Ms)}, ${ratio(b.p99Ms, a.p99Ms)}, ${ratio(a.perSec, b.perSec)}`)
    }
    if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify({ bench: 'hot-paths', sizes: SIZES, seconds: SECONDS, connections: CONNECTIONS, cpus: os.cpus().length, node: process.version, results }, null, 2))
  } finally {
    child?.kill('SIGTERM')
    if (child && child.exitCode === null) await new Promise(resolve => child!.once('exit', resolve))
    for (const c of await db.collections().catch(() => [])) await c.drop().catch(() => {})
    await client.close()
  }
}

await main()
