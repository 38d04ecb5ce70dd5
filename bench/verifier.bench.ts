// Verifier throughput and latency (issue 6, "Speed"): POST /credentials/verify over HTTP (autocannon against a
// separate verifier process, status list cache warm), next to the verifier pipeline in-process and to calling
// @obp/signing's verifyCredential directly (signature and binding only: no schema, no status) in this process.
// The three run in alternating rounds (4), so that other load on a shared machine hits them alike: compare ratios.
// Run: npx tsc -b services/verifier && npx tsx bench/verifier.bench.ts   (or: npm run bench -- verifier)
// Env: BENCH_SECONDS (HTTP time over all rounds, default 12), BENCH_CONNECTIONS (default 16), BENCH_OUT (JSON
//      path), VERIFIER_THREADS (verification threads, default: this machine's cores), VERIFIER_CONCURRENCY (processes,
//      default 1), BENCH_NODE_ARGS (node flags
//      for the verifier, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import { join } from 'node:path'
import { createDocumentLoader } from '@obp/documents'
import { verifyCredential } from '@obp/signing'
import { loadConfig } from '@obp/service-kit'
import { VerifierConfig } from '../services/verifier/src/config.js'
import { createDeps } from '../services/verifier/src/create-deps.js'
import { verifyParsed } from '../services/verifier/src/verify-input.js'
import { startServer, stopChild, verifierFixture } from './support/verifier-fixture.js'
import { freePort } from '../test/support/platform.js'

interface CannonResult { requests: { average: number; total: number }; latency: { p50: number; p99: number; average: number }; non2xx: number; errors: number; timeouts: number }
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: Record<string, unknown>) => Promise<CannonResult>

const SECONDS = Number(process.env.BENCH_SECONDS ?? 12)
const ROUNDS = 4
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16)
const PROCESSES = Number(process.env.VERIFIER_CONCURRENCY ?? 1)
const THREADS = Number(process.env.VERIFIER_THREADS ?? os.availableParallelism())
const HTTP = `verifier over HTTP, ${CONNECTIONS} clients, ${PROCESSES}p x ${THREADS}t`
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const root = new URL('..', import.meta.url).pathname

/** Starts the verifier and resolves once every one of its processes listens (it may take a while on a busy machine). */
async function startVerifier (port: number, env: Record<string, string>): Promise<ChildProcess> {
  // protection off: the bench measures verification, not the public rate limit (3,000 a minute per client) in front of it
  return await startServer([join(root, 'services/verifier/dist/server.js')], port,
    { ...env, VERIFIER_PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '0', LOAD_SHED_EVENT_LOOP_DELAY_MS: '0' },
    out => PROCESSES <= 1 || out.includes('every process listening'))
}

interface Loop { lat: number[]; ms: number }

async function round (seconds: number, op: () => Promise<unknown>, acc: Loop): Promise<void> {
  const start = performance.now()
  while (performance.now() - start < seconds * 1000) {
    const t0 = performance.now()
    await op()
    acc.lat.push(performance.now() - t0)
  }
  acc.ms += performance.now() - start
}

function stats (acc: Loop): { opsPerSec: number; p50Ms: number; p99Ms: number; ops: number } {
  const lat = [...acc.lat].sort((a, b) => a - b)
  const q = (p: number): number => Math.round(lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]! * 100) / 100
  return { opsPerSec: Math.round(lat.length / (acc.ms / 1000)), p50Ms: q(0.5), p99Ms: q(0.99), ops: lat.length }
}

async function main (): Promise<void> {
  const fixture = await verifierFixture()
  const { credential, env } = fixture

  // 1. over HTTP against its own process and threads (VERIFIER_THREADS, default: every core), 2. the same pipeline in this
  // process (no HTTP) and 3. @obp/signing's verifyCredential directly: in alternating rounds, so that load from
  // other processes on a shared machine hits all three alike.
  const port = await freePort()
  const child = await startVerifier(port, { ...env, ...(process.env.VERIFIER_CONCURRENCY ? { VERIFIER_CONCURRENCY: process.env.VERIFIER_CONCURRENCY } : {}) })
  const body = JSON.stringify({ verifiableCredential: credential })
  const url = `http://127.0.0.1:${port}/credentials/verify`
  const first = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
  if (first.status !== 200) throw new Error(`the bench credential did not verify: ${await first.text()}`)
  const deps = createDeps(loadConfig(VerifierConfig, { ...process.env, ...env }))
  const documentLoader = createDocumentLoader()
  const pipeline = async (): Promise<void> => {
    const report = await verifyParsed(deps, { credential })
    if (!report.verified) throw new Error('not verified')
  }
  const library = async (): Promise<void> => {
    const r = await verifyCredential({ credential, documentLoader })
    if (!r.verified) throw new Error('not verified')
  }
  const cannon = (seconds: number) => autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: CONNECTIONS, duration: seconds })
  await cannon(1) // warm-up of every verifier process
  for (let i = 0; i < 50; i++) { await pipeline(); await library() }
  const http = { total: 0, seconds: 0, p50: [] as number[], p99: [] as number[], failed: 0 }
  const inProcess: Loop = { lat: [], ms: 0 }
  const direct: Loop = { lat: [], ms: 0 }
  for (let r = 0; r < ROUNDS; r++) {
    const c = await cannon(SECONDS / ROUNDS)
    http.total += c.requests.total - c.non2xx - c.errors - c.timeouts // verifications answered, not refusals
    http.seconds += SECONDS / ROUNDS
    http.p50.push(c.latency.p50)
    http.p99.push(c.latency.p99)
    http.failed += c.non2xx + c.errors + c.timeouts
    await round(SECONDS / ROUNDS / 2, pipeline, inProcess)
    await round(SECONDS / ROUNDS / 2, library, direct)
  }
  await stopChild(child)
  fixture.close()
  const listFetches = fixture.listFetches()

  const results = {
    [HTTP]: { opsPerSec: Math.round(http.total / http.seconds), p50Ms: median(http.p50), p99Ms: Math.max(...http.p99), ops: http.total, non2xx: http.failed },
    'verifier pipeline in-process': stats(inProcess),
    '@obp/signing verifyCredential': stats(direct)
  }
  console.log(`verifier bench: ${SECONDS}s HTTP run, ${CONNECTIONS} connections, ${os.cpus().length} CPUs, node ${process.version}; status list fetched ${listFetches}x (cache warm)`)
  console.log(`${'measurement'.padEnd(34)} ${'ops/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'ops'.padStart(8)}`)
  for (const [name, r] of Object.entries(results)) {
    console.log(`${name.padEnd(34)} ${String(r.opsPerSec).padStart(8)} ${String(r.p50Ms).padStart(8)} ${String(r.p99Ms).padStart(8)} ${String(r.ops).padStart(8)}`)
  }
  // Ceiling: the same verification done directly with @obp/signing in this process.
  const ceilings = { [HTTP]: '@obp/signing verifyCredential', 'verifier pipeline in-process': '@obp/signing verifyCredential' }
  const out = { bench: 'verifier', ceilings, seconds: SECONDS, connections: CONNECTIONS, cpus: os.cpus().length, node: process.version, statusListFetches: listFetches, id: randomBytes(4).toString('hex'), results }
  if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify(out, null, 2))
}

await main()
