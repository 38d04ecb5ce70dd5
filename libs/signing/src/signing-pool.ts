// Signing on worker threads (issue 20): building a credential is cheap, signing it (canonicalization, hashing,
// the signature) is the CPU-bound part, so a process that issues in bulk hands slices of unsigned credentials to
// a few threads and keeps its own thread for the stores. Each thread opens the issuer's sealed key itself with
// the same custody settings (given once, at start) and signs exactly as `issue()` does in the calling thread:
// the output is byte for byte the same (test/signing-pool.test.ts). Private keys never cross a message.
import { Worker } from 'node:worker_threads'
import type { LocalCustodyOptions } from './custody.js'
import type { StoredKey } from './keys.js'
import type { SuiteName } from './suites.js'

export interface PoolSigned { credential: Record<string, unknown> }
/** A credential the thread could not sign: the error's code, status and message survive the thread boundary. */
export interface PoolFailure { error: Error & { code?: string; statusCode?: number } }
export type PoolResult = PoolSigned | PoolFailure

export interface SignTask { key: StoredKey; credentials: object[]; created?: string; suite?: SuiteName }
export interface SigningPool {
  readonly threads: number
  /** Signs every credential, in order; spread over the threads in slices of `slice`. Per-credential errors are returned. */
  signMany(opts: SignTask & { slice?: number }): Promise<PoolResult[]>
  close(): Promise<void>
}

interface Pending { resolve: (r: PoolResult[]) => void; reject: (e: Error) => void }
export interface ThreadReply { id: number; results?: Array<{ credential?: Record<string, unknown>; error?: { message: string; code?: string; statusCode?: number; name?: string } }>; fatal?: string }

// next to this module: dist/sign-thread.js when built, src/sign-thread.ts under tsx (tests; threads inherit its loader)
const THREAD_FILE = new URL(import.meta.url.endsWith('.ts') ? './sign-thread.ts' : './sign-thread.js', import.meta.url)

export function createSigningPool (opts: { threads: number; custody: LocalCustodyOptions; /** jsonld fast path in the threads (default on) */ jsonLdFastPath?: boolean }): SigningPool {
  if (!Number.isInteger(opts?.threads) || opts.threads < 1) throw new TypeError('"threads" is required.')
  if (!opts.custody) throw new TypeError('"custody" is required.')
  const pending = new Map<number, Pending>()
  const queue: Array<{ id: number; task: SignTask }> = []
  const idle: Worker[] = []
  const busy = new Map<Worker, number>()
  let nextId = 0
  let closed = false

  const dispatch = (): void => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop()!
      const job = queue.shift()!
      busy.set(worker, job.id)
      worker.postMessage({ id: job.id, ...job.task })
    }
  }
  const fail = (id: number | undefined, err: Error): void => {
    if (id === undefined) return
    pending.get(id)?.reject(err)
    pending.delete(id)
  }
  const spawn = (): void => {
    const worker = new Worker(THREAD_FILE, { workerData: { custody: opts.custody, jsonLdFastPath: opts.jsonLdFastPath ?? true } })
    worker.on('message', (reply: ThreadReply) => {
      busy.delete(worker)
      idle.push(worker)
      const p = pending.get(reply.id)
      pending.delete(reply.id)
      if (reply.fatal !== undefined) p?.reject(new Error(reply.fatal))
      else p?.resolve((reply.results ?? []).map(r => r.error ? { error: Object.assign(new Error(r.error.message), r.error) } : { credential: r.credential! }))
      dispatch()
    })
    worker.on('error', err => fail(busy.get(worker), err))
    worker.on('exit', () => {
      fail(busy.get(worker), new Error('a signing thread exited'))
      busy.delete(worker)
      const i = idle.indexOf(worker)
      if (i >= 0) idle.splice(i, 1)
      if (!closed) { spawn(); dispatch() } // a thread lost to a crash is replaced
    })
    idle.push(worker)
  }
  for (let i = 0; i < opts.threads; i++) spawn()

  const run = (task: SignTask): Promise<PoolResult[]> => new Promise((resolve, reject) => {
    if (closed) { reject(new Error('the signing pool is closed')); return }
    const id = nextId++
    pending.set(id, { resolve, reject })
    queue.push({ id, task })
    dispatch()
  })

  return {
    threads: opts.threads,
    async signMany ({ slice, ...task }) {
      // small slices keep every thread busy to the end of a chunk; each message costs a structured clone
      const size = Math.max(1, slice ?? Math.ceil(task.credentials.length / (opts.threads * 4)))
      const parts: Array<Promise<PoolResult[]>> = []
      for (let i = 0; i < task.credentials.length; i += size) parts.push(run({ ...task, credentials: task.credentials.slice(i, i + size) }))
      return (await Promise.all(parts)).flat()
    },
    async close () {
      closed = true
      const workers = [...idle, ...busy.keys()]
      for (const [id] of pending) fail(id, new Error('the signing pool is closed'))
      await Promise.all(workers.map(w => w.terminate()))
    }
  }
}
