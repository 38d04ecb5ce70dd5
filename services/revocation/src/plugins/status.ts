import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { Queue } from 'bullmq'
import { createQueue, QUEUES, type Secrets } from '@obp/service-kit'
import { createLocalCustody } from '@obp/signing'
import { createDocumentLoader } from '@obp/documents'
import { createIssuerSigners, createIssuerStore, type IssuerStore } from '@obp/issuers'
import { createStatusAllocator, createStatusStore, type StatusAllocator, type StatusStore } from '@obp/status'
import { createPublisher, type Publisher } from '../publisher.js'
import { enqueuePublish, type PublishJob } from '../publish-queue.js'
import { registerRevocationMetrics } from '../business-metrics.js'
import type { RevocationConfig } from '../config.js'

export interface StatusServices {
  store: StatusStore
  allocator: StatusAllocator
  publisher: Publisher
  issuers: IssuerStore
  /** where the issuer service hosts credentials (their ids are `${issuerPublicUrl}/credentials/<segment>`) */
  issuerPublicUrl: string
  /** asks the worker to publish the list at this version (or later) */
  requestPublish: (job: PublishJob) => Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance { status: StatusServices }
}

export interface StatusPluginOptions {
  config: RevocationConfig
  secrets: Secrets
  /** BullMQ key prefix (tests use their own) */
  queuePrefix?: string
}

/** Status stores, the list publisher and the publish queue of the HTTP side (STYLE.md §4). */
async function statusPlugin (app: FastifyInstance, opts: StatusPluginOptions): Promise<void> {
  const db = app.mongo.db
  const issuers = createIssuerStore(db)
  const signers = createIssuerSigners({ store: issuers, custody: createLocalCustody({ kek: opts.secrets.kek, kekId: opts.secrets.kekId }) })
  const allocator = createStatusAllocator({ db, revocationPublicUrl: opts.config.REVOCATION_PUBLIC_URL })
  const publisher = createPublisher({
    db, issuers, signers, documentLoader: createDocumentLoader(), revocationPublicUrl: opts.config.REVOCATION_PUBLIC_URL, ttlSeconds: opts.config.STATUS_LIST_TTL_SECONDS
  })
  // The HTTP side's queue uses the fail-fast connection: a revocation answers 503 when Redis is gone.
  const queue: Queue<PublishJob> = createQueue<PublishJob>(QUEUES.statusPublish, app.redis, { prefix: opts.queuePrefix ?? opts.config.OBP_QUEUE_PREFIX })
  await allocator.ensureIndexes().catch(err => app.log.warn({ err: err.message }, 'could not create status indexes yet'))
  app.decorate('status', {
    store: createStatusStore(db),
    allocator,
    publisher,
    issuers,
    issuerPublicUrl: opts.config.ISSUER_PUBLIC_URL,
    requestPublish: (job: PublishJob) => enqueuePublish(queue, job, opts.config.STATUS_PUBLISH_DELAY_MS)
  })
  registerRevocationMetrics(app.metrics.registry, db, [queue])
  app.addHook('onClose', async () => { await queue.close() })
}

export default fp(statusPlugin, { name: 'obp-revocation-status', dependencies: ['obp-mongo', 'obp-redis', 'obp-metrics'] })
