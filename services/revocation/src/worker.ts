// Worker entry (ARCHITECTURE.md): publishes status lists from `obp-status-publish` and runs the maintenance loop.
import { createDocumentLoader } from '@obp/documents'
import { createIssuerSigners, createIssuerStore } from '@obp/issuers'
import { createMongoClient, createWorkerRedis, databaseNameOf, loadOrExit, startWorkerHealth } from '@obp/service-kit'
import { createLocalCustody } from '@obp/signing'
import { RevocationConfig } from './config.js'
import { createPublisher } from './publisher.js'
import { createPublishWorker, startMaintenance } from './publish-worker.js'

const { config, secrets } = loadOrExit(RevocationConfig)
const log = (msg: string, extra: Record<string, unknown> = {}): void => {
  if (config.LOG_LEVEL !== 'silent') console.log(JSON.stringify({ time: new Date().toISOString(), service: 'revocation-worker', msg, ...extra }))
}

const mongo = createMongoClient(config.MONGODB_URL)
await mongo.connect()
const db = mongo.db(databaseNameOf(config.MONGODB_URL))
const redis = createWorkerRedis(config.REDIS_URL)
const issuers = createIssuerStore(db)
const signers = createIssuerSigners({ store: issuers, custody: createLocalCustody({ kek: secrets.kek, kekId: secrets.kekId }) })
const publisher = createPublisher({ db, issuers, signers, documentLoader: createDocumentLoader(), revocationPublicUrl: config.REVOCATION_PUBLIC_URL, ttlSeconds: config.STATUS_LIST_TTL_SECONDS })
const worker = createPublishWorker({ connection: redis, publisher, prefix: config.OBP_QUEUE_PREFIX })
worker.on('failed', (job, err) => log('publish failed', { listId: job?.data.listId, err: err.message }))
const maintenance = startMaintenance({ db, publisher, ttlSeconds: config.STATUS_LIST_TTL_SECONDS, reservedGraceSeconds: config.STATUS_RESERVED_GRACE_SECONDS, intervalMs: config.STATUS_SWEEP_INTERVAL_MS, log })
const health = await startWorkerHealth({ service: 'revocation-worker', db, redis, host: config.HOST, port: config.WORKER_HEALTH_PORT })
const address = health.server.address()
log('revocation worker started', { healthPort: typeof address === 'object' && address ? address.port : config.WORKER_HEALTH_PORT })

let closing = false
async function shutdown (signal: string): Promise<void> {
  if (closing) return
  closing = true
  log('closing', { signal })
  maintenance.stop()
  await worker.close() // waits for the running jobs
  await health.close()
  redis.disconnect()
  await mongo.close()
  process.exit(0)
}
process.on('SIGTERM', () => { shutdown('SIGTERM').catch(() => process.exit(1)) })
process.on('SIGINT', () => { shutdown('SIGINT').catch(() => process.exit(1)) })
