// Revocation service (issue 4, "Speed"): GET /status-lists/:listId requests/s with and without If-None-Match
// (autocannon against a separate revocation process), allocation rate (@obp/status in this process: single
// calls and allocateMany), and revocation-to-visibility latency under a burst of 1,000 revocations (HTTP, with
// the publish worker in its own process; the GET endpoint is polled until each bit shows).
// Run: npx tsc -b services/revocation && npx tsx bench/status.bench.ts
// Env: BENCH_SECONDS (per autocannon run, default 5), BENCH_CONNECTIONS (default 8), BENCH_OUT (JSON path).
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import { join } from 'node:path'
import { MongoClient } from 'mongodb'
import { createApiKeyStore, loadConfig, loadSecrets } from '@obp/service-kit'
import { createLocalCustody, generateKey } from '@obp/signing'
import { createIssuerStore } from '@obp/issuers'
import { createStatusAllocator, decodeStatusList, getBit } from '@obp/status'
import { RevocationConfig } from '../services/revocation/src/config.js'
import { freePort } from '../test/support/platform.js'

interface CannonResult { requests: { average: number; total: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number; '2xx': number }
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: Record<string, unknown>) => Promise<CannonResult>

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8)
const BURST = 1000
const root = new URL('..', import.meta.url).pathname
function mongoUrl (dbName: string): string {
  const u = new URL(process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:27017')
  u.pathname = `/${dbName}`
  return u.toString()
}

function start (entry: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [join(root, entry)], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] })
}

async function waitLive (url: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    try { if ((await fetch(`${url}/health/live`)).ok) return } catch { /* not up yet */ }
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  throw new Error(`${url} did not start`)
}

const quantile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b)
  return Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN)
}

async function main (): Promise<void> {
  const dbName = 'test_bench_status_' + randomUUID().slice(0, 8)
  const dataDir = mkdtempSync(join(os.tmpdir(), 'obp-bench-status-'))
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const env = {
    MONGODB_URL: mongoUrl(dbName), OBP_DATA_DIR: dataDir, HOST: '127.0.0.1', REVOCATION_PORT: String(port), REVOCATION_PUBLIC_URL: base,
    LOG_LEVEL: 'warn', WORKER_HEALTH_PORT: '0', OBP_QUEUE_PREFIX: 'bench-' + randomUUID().slice(0, 8),
    // protection off: the bench measures the list path, not the public rate limit in front of it
    RATE_LIMIT_MAX: '0', LOAD_SHED_EVENT_LOOP_DELAY_MS: '0'
  }
  const config = loadConfig(RevocationConfig, { ...process.env, ...env })
  const secrets = loadSecrets(config) // creates the development KEK that the service processes will read
  const client = new MongoClient(env.MONGODB_URL)
  await client.connect()
  const db = client.db(dbName)
  const children: ChildProcess[] = []
  try {
    // An issuer with a did:key and a revoke key, as the issuer service creates them.
    const key = await generateKey({ custody: createLocalCustody({ kek: secrets.kek, kekId: secrets.kekId }) })
    const issuerId = randomUUID()
    await createIssuerStore(db).create({ _id: issuerId, did: key.controller, didMethod: 'key', profile: { id: key.controller, type: ['Profile'], name: 'Bench issuer' } }, key)
    const { token } = await createApiKeyStore(db).create(issuerId, ['revoke'])

    // 1. allocation rate
    const allocator = createStatusAllocator({ db, revocationPublicUrl: base })
    await allocator.ensureIndexes()
    const single = Array.from({ length: 300 }, () => `${config.ISSUER_PUBLIC_URL}/credentials/${randomUUID()}`)
    let t0 = performance.now()
    for (const credentialId of single) await allocator.allocate({ issuerId, credentialId })
    const singleRate = single.length / ((performance.now() - t0) / 1000)
    const many = Array.from({ length: 3000 }, () => `${config.ISSUER_PUBLIC_URL}/credentials/${randomUUID()}`)
    t0 = performance.now()
    const statuses = [] as Awaited<ReturnType<typeof allocator.allocateMany>>
    for (let i = 0; i < many.length; i += 100) statuses.push(...await allocator.allocateMany({ issuerId, credentialIds: many.slice(i, i + 100) }))
    const manyRate = many.length / ((performance.now() - t0) / 1000)
    await allocator.flushCounts()
    const listUrl = statuses[0].statusListCredential
    const listPath = new URL(listUrl).pathname

    // 2. the service and its worker, each in its own process
    children.push(start('services/revocation/dist/server.js', env), start('services/revocation/dist/worker.js', env))
    await waitLive(base)
    const first = await fetch(`${base}${listPath}`)
    if (first.status !== 200) throw new Error(`GET list: ${first.status} ${await first.text()}`)
    const etag = first.headers.get('etag') ?? ''
    const plain = await autocannon({ url: `${base}${listPath}`, connections: CONNECTIONS, duration: SECONDS })
    const conditional = await autocannon({ url: `${base}${listPath}`, headers: { 'if-none-match': etag }, connections: CONNECTIONS, duration: SECONDS })

    // 3. burst of 1,000 revocations; poll the public list until each bit shows
    const targets = many.slice(0, BURST).map((credentialId, i) => ({ credentialId, index: Number(statuses[i].statusListIndex), acked: 0, visible: 0 }))
    const burstStart = performance.now()
    let next = 0
    let polling = true
    const poller = (async () => {
      while (polling) {
        const res = await fetch(`${base}${listPath}`)
        const now = performance.now()
        const vc = await res.json() as { credentialSubject: { encodedList: string } }
        const bits = await decodeStatusList(vc.credentialSubject.encodedList, { maxBytes: 1 << 20 })
        for (const t of targets) if (t.acked && !t.visible && getBit(bits, t.index)) t.visible = now
        if (targets.every(t => t.visible) || now - burstStart > 120_000) polling = false
        else await new Promise(resolve => setTimeout(resolve, 100))
      }
    })()
    await Promise.all(Array.from({ length: 50 }, async () => {
      for (let i = next++; i < targets.length; i = next++) {
        const res = await fetch(`${base}/credentials/status`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ credentialId: targets[i].credentialId, status: true }) })
        if (res.status !== 200) throw new Error(`revoke: ${res.status} ${await res.text()}`)
        await res.arrayBuffer()
        targets[i].acked = performance.now()
      }
    }))
    const burstMs = performance.now() - burstStart
    await poller
    const seen = targets.filter(t => t.visible)
    const latencies = seen.map(t => t.visible - t.acked)

    const results = {
      'GET status list (autocannon)': { perSec: Math.round(plain.requests.average), p50Ms: plain.latency.p50, p99Ms: plain.latency.p99, non2xx: plain.non2xx + plain.errors },
      'GET with If-None-Match (304)': { perSec: Math.round(conditional.requests.average), p50Ms: conditional.latency.p50, p99Ms: conditional.latency.p99, non2xx: conditional['2xx'] + conditional.errors },
      'allocate (single calls)': { perSec: Math.round(singleRate) },
      'allocateMany (chunks of 100)': { perSec: Math.round(manyRate) },
      [`revocation to visibility (burst of ${BURST})`]: { p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99), visible: seen.length, burstMs: Math.round(burstMs) }
    }
    console.log(`status bench: ${SECONDS}s per autocannon run, ${CONNECTIONS} connections, ${os.cpus().length} CPUs, node ${process.version}`)
    console.log(`${'measurement'.padEnd(42)} ${'per s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`)
    for (const [name, r] of Object.entries(results) as Array<[string, { perSec?: number; p50Ms?: number; p99Ms?: number }]>) {
      console.log(`${name.padEnd(42)} ${String(r.perSec ?? '').padStart(8)} ${String(r.p50Ms ?? '').padStart(8)} ${String(r.p99Ms ?? '').padStart(8)}`)
    }
    console.log(`burst: ${BURST} revocations acknowledged in ${Math.round(burstMs)} ms, ${seen.length} seen in the published list`)
    if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify({ bench: 'status', seconds: SECONDS, connections: CONNECTIONS, cpus: os.cpus().length, node: process.version, results }, null, 2))
  } finally {
    for (const c of children) c.kill('SIGTERM')
    await Promise.all(children.map(c => new Promise(resolve => (c.exitCode !== null ? resolve(null) : c.once('exit', resolve)))))
    // collections, not the database (FerretDB's SQLite backend and busy database files)
    for (const c of await db.collections().catch(() => [])) await c.drop().catch(() => {})
    await client.close()
  }
}

await main()
