// Verification on worker threads (issue 20; the measured choice is in ARCHITECTURE.md "Using every core"): the HTTP
// thread reads the request, runs the platform's hooks and writes the answer; `threads` worker threads run the
// verification pipeline (verifyParsed) with deps of their own, built from the same config. Measured on the 2-core
// VM, HTTP work interleaved with jsonld verification in one thread runs several times slower than either alone,
// so keeping them apart pays more than the two structured clones (the parsed input, the report) cost.
// Each task goes at once to the thread with the fewest in flight (a thread interleaves its tasks at their awaits,
// as one HTTP thread would). A thread that dies fails its tasks and is replaced (after a second if it died
// young, so that a thread that cannot start does not respawn in a loop).
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { VerifierConfig } from './config.js'
import type { ParsedCredential } from './input.js'
import type { VerificationReport, VerifyOptions } from './types.js'

export interface VerifyTask { parsed: ParsedCredential; options: VerifyOptions }
export interface ThreadReply { id: number; report?: VerificationReport; fatal?: string }

export interface VerifyPool {
  verify(task: VerifyTask): Promise<VerificationReport>
  close(): Promise<void>
}

/** VERIFIER_THREADS, or one thread per core this process may use. */
export function verifierThreads (config: VerifierConfig): number {
  return config.VERIFIER_THREADS ?? availableParallelism()
}

// next to this module: dist/verify-thread.js when built, src/verify-thread.ts under tsx (tests; threads inherit its loader)
const THREAD_FILE = new URL(import.meta.url.endsWith('.ts') ? './verify-thread.ts' : './verify-thread.js', import.meta.url)

export function createVerifyPool (config: VerifierConfig, threads: number): VerifyPool {
  if (!Number.isInteger(threads) || threads < 1) throw new TypeError('"threads" must be a positive integer.')
  const pending = new Map<number, { resolve: (r: VerificationReport) => void; reject: (e: Error) => void; worker: Worker }>()
  const inFlight = new Map<Worker, number>()
  let nextId = 0
  let closed = false

  const spawn = (): void => {
    const started = Date.now()
    const worker = new Worker(THREAD_FILE, { workerData: { config } })
    inFlight.set(worker, 0)
    worker.on('message', (reply: ThreadReply) => {
      const task = pending.get(reply.id)
      pending.delete(reply.id)
      inFlight.set(worker, (inFlight.get(worker) ?? 1) - 1)
      if (reply.report !== undefined) task?.resolve(reply.report)
      else task?.reject(new Error(reply.fatal ?? 'the verification thread gave no report'))
    })
    worker.on('error', () => { /* its tasks fail on 'exit' */ })
    worker.on('exit', () => {
      inFlight.delete(worker)
      for (const [id, task] of pending) {
        if (task.worker !== worker) continue
        pending.delete(id)
        task.reject(new Error('a verification thread exited'))
      }
      // a thread lost to a crash is replaced; one that could not even start waits a second (no spawn loop)
      if (!closed) setTimeout(() => { if (!closed) spawn() }, Date.now() - started < 1000 ? 1000 : 0).unref()
    })
  }
  for (let i = 0; i < threads; i++) spawn()

  return {
    verify: async (task) => await new Promise<VerificationReport>((resolve, reject) => {
      if (closed) { reject(new Error('the verification pool is closed')); return }
      let worker: Worker | undefined
      let least = Infinity
      for (const [w, n] of inFlight) if (n < least) { worker = w; least = n }
      if (worker === undefined) { reject(new Error('no verification thread is running')); return }
      const id = nextId++
      pending.set(id, { resolve, reject, worker })
      inFlight.set(worker, least + 1)
      worker.postMessage({ id, ...task })
    }),
    close: async () => {
      closed = true
      await Promise.all([...inFlight.keys()].map(async w => await w.terminate()))
    }
  }
}
