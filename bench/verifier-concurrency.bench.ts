// Which way to use every core for verification (issue 20: "a measured choice between Node's cluster, reusePort or
// a worker-thread pool"): the same verification (the verifier's parseJsonText and verifyParsed, its own deps) behind
// a bare Fastify route (bench/support/concurrency-server.mjs), served by VERIFIER_CONCURRENCY cluster processes, and
// by one HTTP thread with a pool of that many worker threads. Both run in alternating rounds under autocannon (16
// clients) on this machine, beside @obp/signing's verifyCredential in this process as the ceiling. Node 20 has no
// `reusePort` (22.12/23.1), so it is not a candidate here. The platform's own hooks are left out on purpose, so the
// figures compare the concurrency models alone; bench/verifier.bench.ts measures the service as it runs.
// Run: npx tsc -b services/verifier && npx tsx bench/verifier-concurrency.bench.ts   (or: npm run bench -- verifier-concurrency)
// Env: BENCH_SECONDS (HTTP time per model over all rounds, default 12), BENCH_CONNECTIONS (16), VERIFIER_CONCURRENCY
//      (processes or threads, default: this machine's cores), BENCH_OUT (JSON path).
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import { join } from 'node:path'
import { createDocumentLoader } from '@obp/documents'
import { verifyCredential } from '@obp/signing'
import { freePort } from '../test/support/platform.js'
import { startServer, stopChild, verifierFixture } from './support/verifier-fixture.js'

interface CannonResult { requests: { total: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number; timeouts: number }
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: Record<string, unknown>) => Promise<CannonResult>

const SECONDS = Number(process.env.BENCH_SECONDS ?? 12)
const ROUNDS = 3
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16)
const WORKERS = Number(process.env.VERIFIER_CONCURRENCY ?? os.availableParallelism())
const MODELS = { cluster: `cluster, ${WORKERS} processes`, pool: `1 HTTP thread + ${WORKERS} worker threads` } as const
const root = new URL('..', import.meta.url).pathname
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function main (): Promise<void> {
  const fixture = await verifierFixture()
  const body = JSON.stringify({ verifiableCredential: fixture.credential })
  const servers: Record<string, { url: string; stop: () => Promise<void> }> = {}
  for (const mode of Object.keys(MODELS)) {
    const port = await freePort()
    const expected = mode === 'cluster' ? WORKERS : 1
    const child = await startServer([join(root, 'bench/support/concurrency-server.mjs')], port,
      { ...fixture.env, MODE: mode, VERIFIER_CONCURRENCY: String(WORKERS), VERIFIER_PORT: String(port), LOG_LEVEL: 'warn' },
      out => out.split('listening').length - 1 >= expected)
    const url = `http://127.0.0.1:${port}/credentials/verify`
    const first = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    if (first.status !== 200 || (await first.json() as { verified?: boolean }).verified !== true) throw new Error(`${mode}: the bench credential did not verify`)
    servers[mode] = { url, stop: async () => await stopChild(child) }
  }
  const cannon = async (url: string, seconds: number): Promise<CannonResult> =>
    await autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: CONNECTIONS, duration: seconds })
  const documentLoader = createDocumentLoader()
  const library = async (): Promise<void> => {
    if (!(await verifyCredential({ credential: fixture.credential, documentLoader })).verified) throw new Error('not verified')
  }
  for (const { url } of Object.values(servers)) await cannon(url, 1) // warm-up of every process and thread
  for (let i = 0; i < 50; i++) await library()

  const http = Object.fromEntries(Object.keys(MODELS).map(m => [m, { total: 0, p50: [] as number[], p99: [] as number[], failed: 0 }]))
  let libraryOps = 0
  let libraryMs = 0
  for (let r = 0; r < ROUNDS; r++) {
    for (const [mode, { url }] of Object.entries(servers)) {
      const c = await cannon(url, SECONDS / ROUNDS)
      const acc = http[mode]!
      acc.total += c.requests.total - c.non2xx - c.errors - c.timeouts
      acc.failed += c.non2xx + c.errors + c.timeouts
      acc.p50.push(c.latency.p50)
      acc.p99.push(c.latency.p99)
    }
    const start = performance.now()
    while (performance.now() - start < (SECONDS / ROUNDS / 2) * 1000) { await library(); libraryOps++ }
    libraryMs += performance.now() - start
  }
  for (const { stop } of Object.values(servers)) await stop()
  fixture.close()

  const ceiling = '@obp/signing verifyCredential (1 thread)'
  const results: Record<string, { opsPerSec: number; p50Ms?: number; p99Ms?: number; ops: number; non2xx?: number }> = {}
  for (const [mode, name] of Object.entries(MODELS)) {
    const acc = http[mode]!
    results[name] = { opsPerSec: Math.round(acc.total / SECONDS), p50Ms: median(acc.p50), p99Ms: Math.max(...acc.p99), ops: acc.total, non2xx: acc.failed }
  }
  results[ceiling] = { opsPerSec: Math.round(libraryOps / (libraryMs / 1000)), ops: libraryOps }
  console.log(`verifier concurrency bench: ${SECONDS}s per model, ${CONNECTIONS} connections, ${WORKERS} processes or threads, ${os.cpus().length} CPUs, node ${process.version}`)
  for (const [name, r] of Object.entries(results)) {
    console.log(`${name.padEnd(42)} ${String(r.opsPerSec).padStart(8)}/s  p50 ${String(r.p50Ms ?? '-').padStart(4)} ms  p99 ${String(r.p99Ms ?? '-').padStart(4)} ms`)
  }
  const ceilings = Object.fromEntries(Object.values(MODELS).map(name => [name, ceiling]))
  const out = { bench: 'verifier-concurrency', ceilings, seconds: SECONDS, connections: CONNECTIONS, workers: WORKERS, cpus: os.cpus().length, node: process.version, id: randomBytes(4).toString('hex'), results }
  if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify(out, null, 2))
}

await main()
