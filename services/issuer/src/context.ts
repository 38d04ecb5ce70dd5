// Everything an award needs, built once per process and shared by the HTTP app and the batch worker.
import type { Db } from 'mongodb'
import type { Redis } from 'ioredis'
import type { Queue } from 'bullmq'
import { QUEUES, createQueue, type Secrets } from '@obp/service-kit'
import { createIssuerSigners, createIssuerStore, type IssuerSigners, type IssuerStore } from '@obp/issuers'
import { createLocalCustody, type KeyCustody } from '@obp/signing'
import { createDocumentLoader, type DocumentLoader } from '@obp/documents'
import { createStatusAllocator, type StatusAllocator } from '@obp/status'
import type { IssuerConfig } from './config.js'
import { createAchievementStore, type AchievementStore } from './stores/achievement-store.js'
import { createCredentialStore, type CredentialStore } from './stores/credential-store.js'
import { createIdempotencyStore, type IdempotencyStore } from './stores/idempotency-store.js'
import { createBatchStore, type BatchStore } from './stores/batch-store.js'
import { createImageStore, type ImageStore } from './stores/image-store.js'
import { createDeliveryStore, type DeliveryStore } from './delivery/delivery-store.js'
import { createClaimStore, type ClaimStore } from './delivery/claim-store.js'
import { createAddressSeal, type AddressSeal } from './delivery/address-seal.js'
import type { NotificationJob } from './delivery/queue-notifications.js'
import { createAcceptedEndorsementReader, type AcceptedEndorsementReader } from './network/accepted-reader.js'

/** `credential.issued` (queue obp-credential-events): ids only (STYLE.md §11). */
export interface CredentialIssuedEvent { type: 'credential.issued'; credentialId: string; issuerId: string; achievementId?: string; batchId?: string }
export interface BatchJob { batchId: string; chunk: number }
export interface WebhookJob { batchId: string }

export interface IssuerContext {
  config: IssuerConfig
  db: Db
  custody: KeyCustody
  documentLoader: DocumentLoader
  issuers: IssuerStore
  signers: IssuerSigners
  achievements: AchievementStore
  credentials: CredentialStore
  idempotency: IdempotencyStore
  batches: BatchStore
  images: ImageStore
  /** accepted, unrevoked (status-checked) endorsements to embed: the network module's reader (issue 7) */
  endorsements: AcceptedEndorsementReader
  status: StatusAllocator
  /** learner delivery (issue 17): notifications' state, claim links, the sealing of addresses */
  deliveries: DeliveryStore
  claims: ClaimStore
  addressSeal: AddressSeal
  queues: { events: Queue<CredentialIssuedEvent>; batches: Queue<BatchJob>; webhooks: Queue<WebhookJob>; notifications: Queue<NotificationJob> }
  ensureIndexes (): Promise<void>
  close (): Promise<void>
}

export function createIssuerContext (opts: { config: IssuerConfig; secrets: Secrets; db: Db; redis: Redis }): IssuerContext {
  const { config, db, redis } = opts
  const custody = createLocalCustody({ kek: opts.secrets.kek, kekId: opts.secrets.kekId })
  const issuers = createIssuerStore(db)
  const prefix = config.OBP_QUEUE_PREFIX
  const queues = {
    events: createQueue<CredentialIssuedEvent>(QUEUES.credentialEvents, redis, { prefix }),
    batches: createQueue<BatchJob>(QUEUES.issueBatch, redis, { prefix }),
    webhooks: createQueue<WebhookJob>(QUEUES.webhooks, redis, {
      prefix,
      // a receiver that is down for a while still gets the call: 1 s, 2 s, 4 s ... about 17 minutes in all
      defaultJobOptions: { attempts: 10, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 10_000, removeOnFail: false }
    }),
    notifications: createQueue<NotificationJob>(QUEUES.notifications, redis, {
      prefix,
      // a relay that is down for a while: 2 s, 4 s ... about 17 minutes in all, then the delivery is `failed`
      defaultJobOptions: { attempts: 10, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: 10_000, removeOnFail: 10_000 }
    })
  }
  const ctx: IssuerContext = {
    config,
    db,
    custody,
    documentLoader: createDocumentLoader(),
    issuers,
    signers: createIssuerSigners({ store: issuers, custody }),
    achievements: createAchievementStore(db),
    credentials: createCredentialStore(db),
    idempotency: createIdempotencyStore(db),
    batches: createBatchStore(db),
    images: createImageStore(db),
    endorsements: createAcceptedEndorsementReader(db),
    status: createStatusAllocator({ db, revocationPublicUrl: config.REVOCATION_PUBLIC_URL }),
    deliveries: createDeliveryStore(db),
    claims: createClaimStore(db),
    addressSeal: createAddressSeal(opts.secrets.kek),
    queues,
    async ensureIndexes () {
      await Promise.all([issuers.ensureIndexes(), ctx.achievements.ensureIndexes(), ctx.credentials.ensureIndexes(),
        ctx.idempotency.ensureIndexes(), ctx.batches.ensureIndexes(), ctx.images.ensureIndexes(), ctx.status.ensureIndexes(),
        ctx.deliveries.ensureIndexes(), ctx.claims.ensureIndexes()])
    },
    async close () {
      await Promise.all(Object.values(queues).map(q => q.close()))
    }
  }
  return ctx
}
