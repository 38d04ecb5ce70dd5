import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import type { IssuerConfig } from '../src/config.js'
import { bearer } from './helper.js'

const SRC = fileURLToPath(new URL('../src/', import.meta.url))
const DIST_WORKER = fileURLToPath(new URL('../dist/worker.js', import.meta.url))

function newest (dir: string): number {
  return Math.max(...readdirSync(dir, { withFileTypes: true }).map(e => e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs))
}

/** The compiled worker when it is up to date with src/ (starts in ~2 s instead of ~10 s under tsx on a busy machine). */
function workerCommand (): string[] {
  try {
    if (statSync(DIST_WORKER).mtimeMs >= newest(SRC)) return [DIST_WORKER]
  } catch { /* not built */ }
  return ['--import', 'tsx', join(SRC, 'worker.ts')]
}

export interface Stores { config: IssuerConfig; dbName: string; dataDir: string; queuePrefix: string }

/** A real worker process (src/worker.ts via tsx) on the test's database and queues; resolves when it is ready. */
export async function startWorker (t: { teardown: (fn: () => unknown) => void }, s: Stores, env: Record<string, string> = {}): Promise<ChildProcess> {
  const mongoUrl = s.config.MONGODB_URL.replace(/^(mongodb(\+srv)?:\/\/[^/?]+).*$/, '$1') + '/' + s.dbName
  const child = spawn(process.execPath, workerCommand(), {
    env: {
      ...process.env, MONGODB_URL: mongoUrl, REDIS_URL: s.config.REDIS_URL, OBP_QUEUE_PREFIX: s.queuePrefix, OBP_DATA_DIR: s.dataDir,
      ISSUER_PUBLIC_URL: s.config.ISSUER_PUBLIC_URL, REVOCATION_PUBLIC_URL: s.config.REVOCATION_PUBLIC_URL,
      WORKER_HEALTH_PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env
    },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  t.teardown(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      await once(child, 'exit')
    }
  })
  let out = ''
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes('"worker ready"')) resolve()
    })
    child.once('exit', code => reject(new Error(`worker exited (${code}) before it was ready: ${out}`)))
  })
  child.stdout?.resume()
  return child
}

/** Polls GET /batches/:id until `done(body)` (bounded: never hangs a test run). */
export async function waitForBatch (app: FastifyInstance, token: string, batchId: string, done: (b: any) => boolean, maxMs = 120_000): Promise<any> {
  const start = Date.now()
  for (;;) {
    const res = await app.inject({ url: `/batches/${batchId}`, headers: bearer(token) })
    const body = res.json()
    if (res.statusCode === 200 && done(body)) return body
    if (Date.now() - start > maxMs) throw new Error(`batch ${batchId} not done: ${JSON.stringify({ state: body.state, succeeded: body.succeeded, failed: body.failed, pending: body.pending })}`)
    await new Promise(resolve => setTimeout(resolve, 1000))
  }
}
