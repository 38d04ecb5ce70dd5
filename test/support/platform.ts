// Starts the platform as users run it: every service and worker a separate process on real Redis and the real
// MongoDB wire server, with ports, database and queue prefix of the test's own.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from '@obp/service-kit/testing'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
type T = { teardown: (fn: () => unknown) => void; comment?: (...args: unknown[]) => void }

export { freePort }

export const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

export async function waitFor<T> (what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 30_000, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < end) {
    try {
      const v = await fn()
      if (v) return v
    } catch (err) { last = err }
    await sleep(everyMs)
  }
  throw new Error(`timed out waiting for ${what}${last ? ': ' + (last as Error).message : ''}`)
}

export interface ProcSpec { name: string; file: string; env?: Record<string, string>; healthUrl: string; readyTimeoutMs?: number }

export class Proc {
  child?: ChildProcess
  output: string[] = []
  constructor (readonly spec: ProcSpec, readonly env: Record<string, string>) {}
  async start (): Promise<void> {
    const child = spawn(process.execPath, [join(ROOT, this.spec.file)], { cwd: ROOT, env: { ...this.env, ...this.spec.env }, stdio: ['ignore', 'pipe', 'pipe'] })
    const keep = (d: Buffer) => { this.output.push(d.toString()); if (this.output.length > 200) this.output.shift() }
    child.stdout!.on('data', keep)
    child.stderr!.on('data', keep)
    this.child = child
    await waitFor(`${this.spec.name} ready`, async () => {
      if (child.exitCode !== null) throw new Error(`${this.spec.name} exited: ${this.output.join('').slice(-2000)}`)
      const r = await fetch(this.spec.healthUrl).catch(() => undefined)
      return r?.status === 200
    }, this.spec.readyTimeoutMs ?? 120_000, 150) // generous: a loaded 2-core CI machine can take a minute to start five Node processes
  }
  async kill (signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const c = this.child
    if (!c || c.exitCode !== null || c.signalCode) return
    const exited = new Promise(resolve => c.once('exit', resolve))
    c.kill(signal)
    await exited
  }
}

export interface Platform {
  issuer: string; verifier: string; revocation: string
  adminToken: string
  env: Record<string, string>
  procs: Record<'issuer' | 'issuerWorker' | 'verifier' | 'revocation' | 'revocationWorker', Proc>
  dbName: string
}

/** The same connection string, naming another database. */
export function withDatabase (url: string, db: string): string {
  const m = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(\/[^?]*)?(\?.*)?$/.exec(url)
  if (!m) throw new Error(`not a MongoDB URL: ${url}`)
  return `${m[1]}/${db}${m[3] ?? ''}`
}

/** Every service and worker, each its own process; stopped with the test. */
export async function startPlatform (t: T, opts: { redisUrl?: string; mongoUrl?: string; env?: Record<string, string> } = {}): Promise<Platform> {
  const [ip, vp, rp, iw, rw] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()])
  const dbName = 'e2e_' + randomUUID().slice(0, 8)
  const dataDir = mkdtempSync(join(tmpdir(), 'obp-e2e-'))
  const issuer = `http://127.0.0.1:${ip}`
  const verifier = `http://127.0.0.1:${vp}`
  const revocation = `http://127.0.0.1:${rp}`
  const env: Record<string, string> = {
    ...process.env as Record<string, string>,
    MONGODB_URL: withDatabase(opts.mongoUrl ?? process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:27017', dbName),
    REDIS_URL: opts.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    OBP_QUEUE_PREFIX: 'e2e' + randomUUID().slice(0, 8),
    OBP_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    ISSUER_PORT: String(ip), VERIFIER_PORT: String(vp), REVOCATION_PORT: String(rp),
    ISSUER_PUBLIC_URL: issuer, VERIFIER_PUBLIC_URL: verifier, REVOCATION_PUBLIC_URL: revocation,
    // no load shedding on a shared, loaded test machine (service-kit's protection.test.ts covers it)
    LOAD_SHED_EVENT_LOOP_DELAY_MS: '0',
    ...opts.env
  }
  const procs = {
    revocation: new Proc({ name: 'revocation', file: 'services/revocation/dist/server.js', healthUrl: `${revocation}/health/ready` }, env),
    revocationWorker: new Proc({ name: 'revocation-worker', file: 'services/revocation/dist/worker.js', env: { WORKER_HEALTH_PORT: String(rw) }, healthUrl: `http://127.0.0.1:${rw}/health/ready` }, env),
    issuer: new Proc({ name: 'issuer', file: 'services/issuer/dist/server.js', healthUrl: `${issuer}/health/ready` }, env),
    issuerWorker: new Proc({ name: 'issuer-worker', file: 'services/issuer/dist/worker.js', env: { WORKER_HEALTH_PORT: String(iw) }, healthUrl: `http://127.0.0.1:${iw}/health/ready` }, env),
    verifier: new Proc({ name: 'verifier', file: 'services/verifier/dist/server.js', healthUrl: `${verifier}/health/ready` }, env)
  }
  t.teardown(async () => {
    await Promise.all(Object.values(procs).map(p => p.kill('SIGTERM')))
    const { MongoClient } = await import('mongodb')
    const c = new MongoClient(env.MONGODB_URL, { serverSelectionTimeoutMS: 2000 })
    await c.connect().then(() => c.db(dbName).dropDatabase()).catch(() => {}).finally(() => c.close())
  })
  // The first process writes the development admin token and KEK; start it alone, then the rest together.
  await procs.revocation.start()
  await Promise.all([procs.revocationWorker.start(), procs.issuer.start(), procs.issuerWorker.start(), procs.verifier.start()])
  const adminToken = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim()
  return { issuer, verifier, revocation, adminToken, env, procs, dbName }
}

/** Small JSON HTTP client for the tests. */
export async function call (method: string, url: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...opts.headers }
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  let body: string | Buffer | undefined
  if (Buffer.isBuffer(opts.body) || typeof opts.body === 'string') body = opts.body
  else if (opts.body !== undefined) { body = JSON.stringify(opts.body); headers['content-type'] ??= 'application/json' }
  const res = await fetch(url, { method, headers, body })
  const text = await res.text()
  let json: any
  try { json = JSON.parse(text) } catch { json = undefined }
  return { status: res.status, headers: res.headers, text, json }
}

export const lastSegment = (id: string) => id.split('/').pop()!
