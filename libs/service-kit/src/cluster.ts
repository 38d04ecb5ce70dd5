// Several processes behind one port (issue 20): Node's cluster module, the primary accepting connections and
// handing them round-robin to its workers. Measured against a worker-thread pool on the verifier (ARCHITECTURE.md,
// "Using every core"): a pool keeps HTTP parsing, JSON parsing and the step log on one thread and copies each
// credential across threads, so it saturates that thread first; whole processes scale both. Node 20's net module
// has no `reusePort` (it arrived in 22.12/23.1), so the kernel cannot balance sockets itself here.
import cluster from 'node:cluster'
import os from 'node:os'

/** The default number of processes: the cores this process may use (a container sets it from its CPU limit). */
export function defaultConcurrency (): number {
  return Math.max(1, os.availableParallelism())
}

/**
 * Runs `start` in `processes` cluster workers (or directly in this process when it is 1). The primary restarts
 * a worker that dies unexpectedly and, on SIGTERM/SIGINT, forwards the signal and exits once every worker has
 * closed gracefully (each worker runs its own close-with-grace).
 */
export async function runClustered (processes: number, start: () => Promise<void>, log: (msg: string, extra?: Record<string, unknown>) => void = () => {}): Promise<void> {
  if (processes <= 1 || cluster.isWorker) return start()
  let closing = false
  const fork = (): void => { cluster.fork() }
  const listened = new Set<number>()
  cluster.on('exit', (worker, code, signal) => {
    if (closing) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit() // process.exitCode: 0, or 1 after a failed start
      return
    }
    if (!listened.has(worker.id)) { // it failed while starting (a port in use, a store down...): as a single process would
      log('a process failed while starting; stopping', { pid: worker.process.pid, code, signal })
      process.exitCode = 1
      shutdown('SIGTERM')
      return
    }
    log('worker exited, starting another', { pid: worker.process.pid, code, signal })
    setTimeout(fork, 500).unref()
  })
  function shutdown (signal: NodeJS.Signals): void {
    if (closing) return
    closing = true
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal)
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit()
    setTimeout(() => process.exit(1), 15_000).unref()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
  let listening = 0
  cluster.on('listening', (worker) => {
    listened.add(worker.id)
    if (++listening === processes) log('every process listening', { processes })
  })
  for (let i = 0; i < processes; i++) fork()
}
