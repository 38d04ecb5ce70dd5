// Issuer service speed (issues 5, 20): single-award latency (p50, p99) and throughput over HTTP against a real
// server process; batch throughput (credentials/s, upload to completed) with 1 and 2 real worker processes (each
// signing on ISSUER_SIGNING_THREADS threads, default: the cores); and, as the batches' ceiling, the
// worker's own chunk pipeline run in this process (process-chunk.ts, same concurrency and signing threads: no HTTP
// upload, no queue, no process boundary); also, for comparison with earlier runs, the libraries alone in one thread
// (bench/support/pipeline.ts: allocate, build, sign, store, without the duplicate check, listing, messages, results).
// Run: npx tsx bench/issuer.bench.ts   (build first: npm run build; needs Redis and the MongoDB wire server)
// The concurrent awards are sent by autocannon, as the verifier bench's requests (a load generator costs this 2-core
// machine about 0.15-0.3 ms of CPU a request, where fetch() costs 0.6-0.9 ms, taken from the server measured beside
// it), after a 3-second warm-up at the same concurrency; the sequential ones by fetch().
// Env: BENCH_AWARDS (sequential single awards, default 1,000; twice as many in-process), BENCH_CONCURRENCY (default 8),
//      BENCH_AWARD_SECONDS (the concurrent run over HTTP, default 10),
//      BENCH_BATCH_ROWS (rows per batch run, default 10,000, as issue 10 asks), BENCH_OUT (JSON path),
//      BENCH_NODE_ARGS (node flags for the service processes, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
//      BATCH_CHUNK_SIZE / ISSUER_WORKER_CONCURRENCY / ISSUER_SIGNING_THREADS pass through to the processes.
//      BENCH_BATCH_WORKERS (default "1,2": worker processes per batch run); BENCH_AWARDS=0 skips single awards.
// Progress is polled once a second: GET /batches/:id reads every row, which costs the stores ~0.7 s at 4,000 rows.
import { randomUUID } from 'node:crypto'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MongoClient } from 'mongodb'
import { Redis } from 'ioredis'
import { createLocalCustody, createSigner, generateKey } from '@obp/signing'
import { batchPipeline } from './support/pipeline.js'

const AWARDS = Number(process.env.BENCH_AWARDS ?? 1000)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8)
const AWARD_SECONDS = Number(process.env.BENCH_AWARD_SECONDS ?? 10)
const ROWS = Number(process.env.BENCH_BATCH_ROWS ?? 10_000)
const WORKERS = (process.env.BENCH_BATCH_WORKERS ?? '1,2').split(',').map(Number).filter(n => n > 0)
const ISSUER = fileURLToPath(new URL('../services/issuer/dist/', import.meta.url))
const MONGO = (process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:27017').replace(/^(mongodb(\+srv)?:\/\/[^/?]+).*$/, '$1')
const dbName = 'bench_issuer_' + randomUUID().slice(0, 8)
const env = {
  ...process.env,
  MONGODB_URL: `${MONGO}/${dbName}`,
  OBP_QUEUE_PREFIX: 'bench-' + randomUUID().slice(0, 8),
  OBP_DATA_DIR: mkdtempSync(join(tmpdir(), 'obp-bench-issuer-')),
  ADMIN_TOKEN: randomUUID() + randomUUID(),
  ISSUER_PORT: '0',
  WORKER_HEALTH_PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'info',
  LOAD_SHED_EVENT_LOOP_DELAY_MS: '0' // the bench measures the paths, not the load shedding in front of them
}
const children: ChildProcess[] = []
interface CannonResult { requests: { total: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number; timeouts: number }
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: Record<string, unknown>) => Promise<CannonResult>

/** Starts a process and resolves with the first stdout line matching `ready`. */
function start (file: string, ready: RegExp, extra: Record<string, string> = {}): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), join(ISSUER, file)], { env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'inherit'] })
  children.push(child)
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString()
      const line = out.split('\n').find(l => ready.test(l))
      if (line) { child.stdout?.removeAllListeners('data'); child.stdout?.resume(); resolve({ child, line }) }
    })
    child.once('exit', code => reject(new Error(`${file} exited (${code}): ${out.slice(-500)}`)))
  })
}

async function stop (child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise(resolve => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

const CEILING = `ceiling: worker's chunk pipeline in-process, ${ROWS}`
const AWARD_CEILING = `ceiling: single award in-process, ${CONCURRENCY} concurrent`
const LIBRARIES = `libraries only (allocate, sign, store), ${ROWS}`
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]
const round = (n: number, d = 1) => Number(n.toFixed(d))

/**
 * An issuer context made as the issuer's processes make theirs (signing threads as the worker's), in this process on
 * the same stores, for the ceilings: the platform's own code without HTTP, queue or process boundary.
 */
async function withContext<T> (fn: (ctx: any, config: any, issuer: Record<string, any>) => Promise<T>, opts: { signingThreads: boolean } = { signingThreads: true }): Promise<T> {
  const { loadConfig, loadSecrets, defaultConcurrency } = await import('@obp/service-kit')
  const { createSigningPool } = await import('@obp/signing')
  const { IssuerConfig } = await import(join(ISSUER, 'config.js'))
  const { createIssuerContext } = await import(join(ISSUER, 'context.js'))
  const config = loadConfig(IssuerConfig, env)
  const secrets = loadSecrets(config)
  const client = await MongoClient.connect(env.MONGODB_URL)
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null })
  const threads = opts.signingThreads ? config.ISSUER_SIGNING_THREADS ?? defaultConcurrency() : 0
  const signingPool = threads > 0 ? createSigningPool({ threads, custody: { kek: secrets.kek, kekId: secrets.kekId }, jsonLdFastPath: config.JSONLD_FAST_PATH_SIGNING }) : undefined
  const ctx = createIssuerContext({ config, secrets, db: client.db(dbName), redis, signingPool })
  try {
    await ctx.ensureIndexes()
    return await fn(ctx, config, { issueAward: (await import(join(ISSUER, 'awards/issue-award.js'))).issueAward, processChunk: (await import(join(ISSUER, 'batches/process-chunk.js'))).processChunk, credentialUrl: (await import(join(ISSUER, 'ids.js'))).credentialUrl })
  } finally {
    // nothing consumes what these runs queue (messages, events, the uploaded batch's chunk jobs): removed
    await Promise.all(Object.values(ctx.queues as Record<string, { obliterate: (o: { force: boolean }) => Promise<void> }>).map(async q => await q.obliterate({ force: true }).catch(() => {})))
    await ctx.close()
    await signingPool?.close()
    redis.disconnect()
    await client.close()
  }
}

/** An uploaded batch's rows through processChunk, ISSUER_WORKER_CONCURRENCY chunks at a time: credentials/s. */
async function chunkPipelineInProcess (batchId: string): Promise<number> {
  return await withContext(async (ctx, config, { processChunk }) => {
    const batch = await ctx.batches.get(batchId)
    let next = 0
    let issued = 0
    let failed = 0
    const t0 = performance.now()
    await Promise.all(Array.from({ length: config.ISSUER_WORKER_CONCURRENCY }, async () => {
      while (next < batch.chunks) {
        const done = await processChunk(ctx, { batchId, chunk: next++ }, { lastAttempt: true })
        issued += done.issued
        failed += done.failed
      }
    }))
    const secs = (performance.now() - t0) / 1000
    if (issued !== ROWS) console.error(`in-process chunk pipeline: ${issued}/${ROWS} issued, ${failed} failed, of ${batch.chunks} chunks`)
    return issued / secs
  })
}

/**
 * Single awards through issueAward (the route's path after its idempotency record), CONCURRENCY at a time, signed in
 * this thread as the API server signs them, after a warm-up of WARM_UP awards (as the HTTP run has its own).
 */
async function awardsInProcess (issuerId: string, count: number, award: (n: number) => unknown): Promise<{ opsPerSec: number; p50Ms: number; p99Ms: number; n: number }> {
  const WARM_UP = 300
  return await withContext(async (ctx, config, { issueAward, credentialUrl }) => {
    const run = async (from: number, to: number): Promise<number[]> => {
      const lat: number[] = []
      let next = from
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        while (next < to) {
          const n = next++
          const s = performance.now()
          await issueAward(ctx, { issuerId, award: award(n), credentialId: credentialUrl(config.ISSUER_PUBLIC_URL, randomUUID()), knownNew: true })
          lat.push(performance.now() - s)
        }
      }))
      return lat
    }
    await run(count, count + WARM_UP)
    const t0 = performance.now()
    const lat = (await run(0, count)).sort((a, b) => a - b)
    return { opsPerSec: round(count / ((performance.now() - t0) / 1000)), p50Ms: round(pct(lat, 0.5)), p99Ms: round(pct(lat, 0.99)), n: count }
  }, { signingThreads: false })
}

async function main (): Promise<void> {
  const { line } = await start('server.js', /Server listening at/)
  const base = /Server listening at (http:\/\/[^"\s]+)/.exec(line)?.[1]
  if (!base) throw new Error(`no address in ${line}`)
  const call = async (path: string, token: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(base + path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
    const json = await res.json() as any
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`)
    return json
  }
  const issuer = await call('/issuers', env.ADMIN_TOKEN, { name: 'Bench University', url: 'https://bench.example' })
  const achievement = await call(`/issuers/${issuer.id}/achievements`, issuer.apiKey, { name: 'Data Literacy', description: 'Reads and argues with data.', criteria: { narrative: 'Capstone.' } })
  // a recipient per award and phase: awarding a holder again is a 409 (CONTRACT.md "Records"), not what is measured
  const award = (n: number, phase: string) => ({ achievementId: achievement.id, recipient: { email: `${phase}${n}@bench.example`, name: `Student ${n}` }, evidence: [{ narrative: 'Capstone project.' }] })
  const results: Record<string, { opsPerSec?: number; p50Ms?: number; p99Ms?: number; n?: number }> = {}

  // 1. single awards, one at a time: latency; 2. CONCURRENCY in flight: throughput
  if (AWARDS > 0) {
    for (let i = 0; i < 5; i++) await call(`/issuers/${issuer.id}/credentials`, issuer.apiKey, award(i, 'warm')) // warm-up
    const lat: number[] = []
    const t0 = performance.now()
    for (let i = 0; i < AWARDS; i++) {
      const s = performance.now()
      await call(`/issuers/${issuer.id}/credentials`, issuer.apiKey, award(i, 'seq'))
      lat.push(performance.now() - s)
    }
    lat.sort((a, b) => a - b)
    results['single award, sequential (HTTP)'] = { opsPerSec: round(AWARDS / ((performance.now() - t0) / 1000)), p50Ms: round(pct(lat, 0.5)), p99Ms: round(pct(lat, 0.99)), n: AWARDS }

    // each request a new recipient and Idempotency-Key (as a student information system sends them)
    let sent = 0
    const cannon = async (phase: string, seconds: number): Promise<CannonResult> => await autocannon({
      url: `${base}/issuers/${issuer.id}/credentials`,
      method: 'POST',
      headers: { authorization: `Bearer ${issuer.apiKey}`, 'content-type': 'application/json' },
      connections: CONCURRENCY,
      duration: seconds,
      requests: [{
        setupRequest: (req: { headers: Record<string, string> }) => {
          const n = sent++
          return { ...req, body: JSON.stringify(award(n, phase)), headers: { ...req.headers, 'idempotency-key': `bench-${phase}-${n}` } }
        }
      }]
    })
    await cannon('conc-warm', 3)
    const c = await cannon('conc', AWARD_SECONDS)
    const failed = c.non2xx + c.errors + c.timeouts
    if (failed > 0) console.error(`concurrent awards: ${failed} of ${c.requests.total} not 201`)
    results[`single award, ${CONCURRENCY} concurrent (HTTP)`] = { opsPerSec: round((c.requests.total - failed) / AWARD_SECONDS), p50Ms: c.latency.p50, p99Ms: c.latency.p99, n: c.requests.total - failed }
    // its ceiling: the same awards through issueAward in this process (no HTTP, no auth, no idempotency record; signed in
    // the calling thread, as the API server signs)
    results[AWARD_CEILING] = await awardsInProcess(issuer.id, AWARDS * 2, n => award(n, 'inproc-single-'))
  }

  // 3. batches: ROWS rows, 1 then 2 worker processes (started before the upload; time from upload to completed)
  for (const workers of WORKERS) {
    const procs = await Promise.all(Array.from({ length: workers }, () => start('worker.js', /worker ready/)))
    const rows = Array.from({ length: ROWS }, (_, i) => award(i, `batch${workers}-`))
    const t0 = performance.now()
    const { batchId } = await call(`/issuers/${issuer.id}/batches`, issuer.apiKey, { awards: rows })
    let state: any
    for (;;) {
      await new Promise(resolve => setTimeout(resolve, 1000))
      // progress only while it runs (the full answer lists every row: once, at the end)
      state = await (await fetch(`${base}/batches/${batchId}?results=false`, { headers: { authorization: `Bearer ${issuer.apiKey}` } })).json()
      if (state.state === 'completed' || performance.now() - t0 > 600_000) break
    }
    const secs = (performance.now() - t0) / 1000
    const full = await (await fetch(`${base}/batches/${batchId}`, { headers: { authorization: `Bearer ${issuer.apiKey}` } })).json() as { results?: Array<{ credentialId?: string }> }
    if (full.results?.filter(r => r.credentialId).length !== state.succeeded) console.error(`batch results list ${full.results?.length} rows, ${state.succeeded} succeeded`)
    if (state.succeeded !== ROWS) console.error(`batch with ${workers} worker(s): ${state.succeeded}/${ROWS} succeeded (${state.state})`)
    results[`batch of ${ROWS}, ${workers} worker process${workers > 1 ? 'es' : ''}`] = { opsPerSec: round(state.succeeded / secs), n: state.succeeded }
    for (const p of procs) await stop(p.child)
  }

  // 4. ceiling: the worker's own chunk pipeline (process-chunk.ts, ISSUER_WORKER_CONCURRENCY chunks at once, signing
  // threads) in this process, on the same stores: what a batch costs without HTTP, queue and process boundary
  if (WORKERS.length > 0) {
    const batchId = (await call(`/issuers/${issuer.id}/batches`, issuer.apiKey, { awards: Array.from({ length: ROWS }, (_, i) => award(i, 'inproc-')) })).batchId as string
    results[CEILING] = { opsPerSec: round(await chunkPipelineInProcess(batchId)), n: ROWS }
  }
  // and the libraries alone, one thread: allocate, build, sign, store (no duplicate check, listing, messages, results)
  const custody = createLocalCustody({ kek: Buffer.alloc(32, 7) })
  const key = await generateKey({ custody })
  const pipeline = await batchPipeline({ key, signer: await createSigner({ key, custody }), rows: ROWS })
  results[LIBRARIES] = { opsPerSec: round(ROWS / (pipeline.sample.wallMs / 1000)), n: ROWS }

  console.log(`${'measurement'.padEnd(48)} ${'ops/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`)
  for (const [name, r] of Object.entries(results)) console.log(`${name.padEnd(48)} ${String(r.opsPerSec ?? '').padStart(8)} ${String(r.p50Ms ?? '').padStart(8)} ${String(r.p99Ms ?? '').padStart(8)}`)
  if (process.env.BENCH_OUT) {
    writeFileSync(process.env.BENCH_OUT, JSON.stringify({
      bench: 'issuer',
      results,
      ceilings: Object.fromEntries([
        ...Object.keys(results).filter(k => k.startsWith('batch') && results[CEILING] !== undefined).map(k => [k, CEILING]),
        ...Object.keys(results).filter(k => k.startsWith('single award') && k.includes('concurrent')).map(k => [k, AWARD_CEILING])
      ])
    }, null, 2))
  }
}

try {
  await main()
} finally {
  for (const c of children) await stop(c)
  const client = await new MongoClient(MONGO).connect()
  await client.db(dbName).dropDatabase().catch(() => {})
  await client.close()
}
