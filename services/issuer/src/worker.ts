// The issuer's worker process (ARCHITECTURE.md): batch chunks (obp-issue-batch), completion webhooks
// (obp-webhooks), learner notifications (obp-notifications, paced), the consumer of credential.issued events
// (obp-credential-events: a count per issuer and the issued-to-consumed latency on /metrics), plus a small
// health/metrics listener. Closes gracefully on SIGTERM/SIGINT; a worker killed outright loses nothing: its jobs'
// locks expire and another worker (or this one, restarted) runs them again.
import { Worker, type Job } from 'bullmq'
import { QUEUES, createMongoClient, createWorkerRedis, databaseNameOf, defaultConcurrency, loadConfig, loadSecrets, startWorkerHealth } from '@obp/service-kit'
import { createSigningPool } from '@obp/signing'
import { IssuerConfig } from './config.js'
import { createIssuerContext, type BatchJob, type WebhookJob } from './context.js'
import { processChunk } from './batches/process-chunk.js'
import { deliverBatchWebhook } from './webhooks/deliver.js'
import { startIssuedEventsConsumer } from './awards/issued-events.js'
import { startNotificationWorker } from './delivery/notification-worker.js'
import { outboxDir } from './delivery/outbox.js'
import { createMailer } from './mail/mailer.js'

let config: IssuerConfig
let secrets
try {
  config = loadConfig(IssuerConfig)
  secrets = loadSecrets(config)
} catch (err) {
  console.error((err as Error).message)
  process.exit(1)
}

const log = (msg: string, extra: Record<string, unknown> = {}): void => {
  if (config.LOG_LEVEL !== 'silent') console.log(JSON.stringify({ time: new Date().toISOString(), msg, ...extra }))
}

const mongo = createMongoClient(config.MONGODB_URL)
const db = mongo.db(databaseNameOf(config.MONGODB_URL))
const redis = createWorkerRedis(config.REDIS_URL)
// A chunk's signatures on every core (ISSUER_SIGNING_THREADS, default: the cores); this thread keeps the stores.
const signingThreads = config.ISSUER_SIGNING_THREADS ?? defaultConcurrency()
const signingPool = signingThreads > 0 ? createSigningPool({ threads: signingThreads, custody: { kek: secrets.kek, kekId: secrets.kekId } }) : undefined
const ctx = createIssuerContext({ config, secrets, db, redis, signingPool })
await ctx.ensureIndexes().catch(err => log('could not create indexes yet', { err: err.message }))

const common = { connection: createWorkerRedis(config.REDIS_URL), prefix: config.OBP_QUEUE_PREFIX, lockDuration: config.ISSUER_WORKER_LOCK_MS, stalledInterval: config.ISSUER_WORKER_LOCK_MS, maxStalledCount: 5 }

const batchWorker = new Worker<BatchJob>(QUEUES.issueBatch, async (job: Job<BatchJob>) => {
  const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1)
  return processChunk(ctx, job.data, { lastAttempt })
}, { ...common, concurrency: config.ISSUER_WORKER_CONCURRENCY })

const webhookWorker = new Worker<WebhookJob>(QUEUES.webhooks, async (job: Job<WebhookJob>) => {
  return deliverBatchWebhook(ctx, job.data.batchId, job.attemptsMade + 1)
}, { ...common, connection: createWorkerRedis(config.REDIS_URL), concurrency: 4 })

batchWorker.on('failed', (job, err) => log('batch job failed', { jobId: job?.id, attemptsMade: job?.attemptsMade, err: err.message }))
webhookWorker.on('failed', (job, err) => {
  log('webhook failed', { jobId: job?.id, attemptsMade: job?.attemptsMade, err: err.message })
  // deliver.ts already recorded a permanent refusal (UnrecoverableError); this covers the last transient attempt
  if (job && err.name !== 'UnrecoverableError' && job.attemptsMade >= (job.opts.attempts ?? 1)) {
    ctx.batches.setWebhook(job.data.batchId, { state: 'failed', attempts: job.attemptsMade, lastError: err.message }).catch(() => {})
  }
})
for (const w of [batchWorker, webhookWorker]) w.on('error', err => log('worker error', { err: err.message }))

const health = await startWorkerHealth({ service: 'issuer-worker', db, redis, host: config.HOST, port: config.WORKER_HEALTH_PORT })
const eventsWorker = startIssuedEventsConsumer({ connection: createWorkerRedis(config.REDIS_URL), prefix: config.OBP_QUEUE_PREFIX, registry: health.metrics.registry })
eventsWorker.on('error', err => log('worker error', { err: err.message }))
const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, outboxDir: outboxDir(config) })
const notificationWorker = startNotificationWorker({
  ctx, mailer, connection: createWorkerRedis(config.REDIS_URL), prefix: config.OBP_QUEUE_PREFIX, registry: health.metrics.registry, ratePerSecond: config.NOTIFY_RATE_PER_SECOND, log
})
notificationWorker.on('error', err => log('worker error', { err: err.message }))
const address = health.server.address()
log('worker ready', { healthPort: typeof address === 'object' && address ? address.port : config.WORKER_HEALTH_PORT, concurrency: config.ISSUER_WORKER_CONCURRENCY, signingThreads })

let closing = false
async function shutdown (signal: string): Promise<void> {
  if (closing) return
  closing = true
  log('closing', { signal })
  const timer = setTimeout(() => process.exit(1), 20_000)
  await Promise.allSettled([batchWorker.close(), webhookWorker.close(), eventsWorker.close(), notificationWorker.close()])
  mailer.close()
  await Promise.allSettled([health.close(), ctx.close(), signingPool?.close()])
  redis.disconnect()
  await mongo.close()
  clearTimeout(timer)
  process.exit(0)
}
process.on('SIGTERM', () => { shutdown('SIGTERM').catch(() => process.exit(1)) })
process.on('SIGINT', () => { shutdown('SIGINT').catch(() => process.exit(1)) })
