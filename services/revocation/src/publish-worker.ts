// The `obp-status-publish` consumer and the maintenance loop (sweeper, signature refresh).
import { UnrecoverableError, Worker } from 'bullmq'
import type { Redis } from 'ioredis'
import type { Db } from 'mongodb'
import { QUEUES } from '@obp/service-kit'
import { createStatusStore, sweepReservedEntries } from '@obp/status'
import type { Publisher } from './publisher.js'
import { PUBLISH_JOB, type PublishJob } from './publish-queue.js'

export interface PublishWorkerOptions {
  connection: Redis
  publisher: Publisher
  prefix?: string
  concurrency?: number
}

export function createPublishWorker (opts: PublishWorkerOptions): Worker<PublishJob> {
  return new Worker<PublishJob>(QUEUES.statusPublish, async (job) => {
    if (job.name !== PUBLISH_JOB) throw new UnrecoverableError(`unknown job ${job.name}`)
    const { listId } = job.data
    if (typeof listId !== 'string') throw new UnrecoverableError('bad publish job')
    const outcome = await opts.publisher.publishIfStale(listId)
    if (outcome === 'missing') throw new UnrecoverableError(`status list ${listId} does not exist`)
    return outcome
  }, { connection: opts.connection, prefix: opts.prefix ?? process.env.OBP_QUEUE_PREFIX ?? 'bull', concurrency: opts.concurrency ?? 4 })
}

export interface MaintenanceOptions {
  db: Db
  publisher: Publisher
  ttlSeconds: number
  reservedGraceSeconds: number
  intervalMs?: number
  log: (msg: string, extra?: Record<string, unknown>) => void
}

/**
 * Every interval: finish status changes a crash left pending (their audit records), republish every list whose
 * stored bits differ from its last published list (a publish request lost with a crashed API or a failed job),
 * settle reserved entries older than the grace period (sweeper.ts in @obp/status) and re-sign lists whose
 * signature has less than a quarter of its TTL left, so a list never expires unread.
 */
export function startMaintenance (opts: MaintenanceOptions): { stop: () => void; runOnce: () => Promise<void> } {
  const status = createStatusStore(opts.db)
  let running = false
  async function runOnce (): Promise<void> {
    if (running) return
    running = true
    try {
      const settled = await status.settlePending()
      if (settled.length > 0) opts.log('status changes finished after a crash', { lists: settled.length })
      for (const listId of await status.listIds()) {
        const outcome = await opts.publisher.publishIfStale(listId).catch(err => { opts.log('republish failed', { listId, err: (err as Error).message }); return 'failed' })
        if (outcome === 'published') opts.log('list republished by the sweep', { listId })
      }
      const swept = await sweepReservedEntries({ db: opts.db, olderThanMs: opts.reservedGraceSeconds * 1000 })
      if (swept.voided > 0) opts.log('status entries voided: their credentials were never stored', { ...swept })
      const expiring = await opts.publisher.published.expiring(new Date(Date.now() + (opts.ttlSeconds * 1000) / 4))
      for (const list of expiring) await opts.publisher.publish(list._id)
    } finally {
      running = false
    }
  }
  const timer = setInterval(() => { runOnce().catch(err => opts.log('maintenance failed', { err: (err as Error).message })) }, opts.intervalMs ?? 60_000)
  timer.unref()
  return { stop: () => clearInterval(timer), runOnce }
}
