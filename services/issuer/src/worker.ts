// The issuer's worker process (ARCHITECTURE.md): batch chunks (obp-issue-batch), completion webhooks
// (obp-webhooks), learner notifications (obp-notifications, paced), the consumer of credential.issued events
// (obp-credential-events: a count per issuer and the issued-to-consumed latency on /metrics), plus a small
// health/metrics listener (service-kit's runWorker: logs, stores, health, graceful close on SIGTERM/SIGINT); a worker killed outright loses nothing: its jobs'
// locks expire and another worker (or this one, restarted) runs them again.
import { Worker, type Job } from 'bullmq'
import { QUEUES, defaultConcurrency, registerJsonLdMetrics, runWorker, startRetentionSweep } from '@obp/service-kit'
import { createSigningPool, jsonLdFastPathStats, setJsonLdFastPath } from '@obp/signing'
import { IssuerConfig } from './config.js'
import { createIssuerContext, type BatchJob, type WebhookJob } from './context.js'
import { processChunk } from './batches/process-chunk.js'
import { deliverBatchWebhook } from './webhooks/deliver.js'
import { startIssuedEventsConsumer } from './awards/issued-events.js'
import { startNotificationWorker } from './delivery/notification-worker.js'
import { outboxDir } from './delivery/outbox.js'
import { createMailer } from './mail/mailer.js'
import { issuerRetentionRules } from './retention.js'

await runWorker({
  service: 'issuer-worker',
  schema: IssuerConfig,
  async start ({ config, secrets, db, redis, connection, health, log }) {
    setJsonLdFastPath(config.JSONLD_FAST_PATH_SIGNING)
    registerJsonLdMetrics(health.metrics.registry, jsonLdFastPathStats) // this thread's; the signing threads keep their own
    // A chunk's signatures on every core (ISSUER_SIGNING_THREADS, default: the cores); this thread keeps the stores.
    const signingThreads = config.ISSUER_SIGNING_THREADS ?? defaultConcurrency()
    const signingPool = signingThreads > 0 ? createSigningPool({ threads: signingThreads, custody: { kek: secrets.kek, kekId: secrets.kekId }, jsonLdFastPath: config.JSONLD_FAST_PATH_SIGNING }) : undefined
    const ctx = createIssuerContext({ config, secrets, db, redis, signingPool })
    await ctx.ensureIndexes().catch((err: Error) => log.warn({ err: err.message }, 'could not create indexes yet'))

    const common = { prefix: config.OBP_QUEUE_PREFIX, lockDuration: config.ISSUER_WORKER_LOCK_MS, stalledInterval: config.ISSUER_WORKER_LOCK_MS, maxStalledCount: 5 }
    const batchWorker = new Worker<BatchJob>(QUEUES.issueBatch, async (job: Job<BatchJob>) => {
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1)
      return processChunk(ctx, job.data, { lastAttempt })
    }, { ...common, connection: connection(), concurrency: config.ISSUER_WORKER_CONCURRENCY })
    const webhookWorker = new Worker<WebhookJob>(QUEUES.webhooks, async (job: Job<WebhookJob>) => {
      return deliverBatchWebhook(ctx, job.data.batchId, job.attemptsMade + 1)
    }, { ...common, connection: connection(), concurrency: 4 })
    webhookWorker.on('failed', (job, err) => {
      // deliver.ts already recorded a permanent refusal (UnrecoverableError); this covers the last transient attempt
      if (job && err.name !== 'UnrecoverableError' && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        ctx.batches.setWebhook(job.data.batchId, { state: 'failed', attempts: job.attemptsMade, lastError: err.message }).catch(() => {})
      }
    })
    const eventsWorker = startIssuedEventsConsumer({ connection: connection(), prefix: config.OBP_QUEUE_PREFIX, registry: health.metrics.registry })
    const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, outboxDir: outboxDir(config) })
    const notificationWorker = startNotificationWorker({
      ctx, mailer, connection: connection(), prefix: config.OBP_QUEUE_PREFIX, registry: health.metrics.registry, ratePerSecond: config.NOTIFY_RATE_PER_SECOND,
      log: (msg, extra = {}) => log.info(extra, msg)
    })
    const retention = startRetentionSweep({ rules: issuerRetentionRules(db, config), intervalMs: config.RETENTION_SWEEP_INTERVAL_MS, log: (msg, extra = {}) => log.info(extra, msg) })
    return {
      workers: [batchWorker, webhookWorker, eventsWorker, notificationWorker],
      close: async () => {
        retention.stop()
        mailer.close()
        await Promise.allSettled([ctx.close(), signingPool?.close()])
      },
      ready: { concurrency: config.ISSUER_WORKER_CONCURRENCY, signingThreads }
    }
  }
})
