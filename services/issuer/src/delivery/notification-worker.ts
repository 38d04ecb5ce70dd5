// The consumer of `obp-notifications` (issuer worker): paced by a BullMQ rate limiter (NOTIFY_RATE_PER_SECOND,
// shared by every worker of the queue), retried with backoff by the queue's job options, counted on /metrics.
import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq'
import { Counter, type Registry } from 'prom-client'
import { QUEUES } from '@obp/service-kit'
import type { IssuerContext } from '../context.js'
import type { Mailer } from '../mail/mailer.js'
import type { NotificationJob } from './queue-notifications.js'
import { scrubAddresses, sendNotification } from './send-notification.js'

export interface NotificationWorkerOptions {
  ctx: IssuerContext
  mailer: Mailer
  connection: ConnectionOptions
  prefix: string
  registry: Registry
  ratePerSecond: number
  concurrency?: number
  log?: (msg: string, extra?: Record<string, unknown>) => void
}

export function startNotificationWorker (opts: NotificationWorkerOptions): Worker<NotificationJob> {
  const { ctx, mailer } = opts
  const counted = new Counter({
    name: 'obp_notifications_total',
    help: 'learner notifications by outcome: sent, skipped (sent before, erased or superseded), retried, failed (gave up)',
    labelNames: ['outcome'],
    registers: [opts.registry]
  })
  const worker = new Worker<NotificationJob>(QUEUES.notifications, async (job: Job<NotificationJob>) => {
    try {
      const outcome = await sendNotification(ctx, mailer, job.data)
      counted.inc({ outcome })
      return outcome
    } catch (err) {
      const unrecoverable = err instanceof UnrecoverableError
      const final = unrecoverable || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)
      const reason = scrubAddresses(err instanceof Error ? err.message : String(err))
      await ctx.deliveries.markAttempt(job.data.credentialId, job.data.seq, reason, final).catch(() => {})
      counted.inc({ outcome: final ? 'failed' : 'retried' })
      opts.log?.('notification failed', { jobId: job.id, attemptsMade: job.attemptsMade + 1, final, err: reason })
      // BullMQ keeps the thrown message on the job: the scrubbed one only
      throw unrecoverable ? new UnrecoverableError(reason) : new Error(reason)
    }
  }, {
    connection: opts.connection,
    prefix: opts.prefix,
    concurrency: opts.concurrency ?? 4,
    limiter: { max: opts.ratePerSecond, duration: 1000 },
    removeOnComplete: { count: 10_000 },
    removeOnFail: { count: 10_000 }
  })
  return worker
}
