// Everything an award needs, built once per process and shared by the HTTP app and the batch worker.
import type { Db } from 'mongodb'
import type { Redis } from 'ioredis'
import type { Queue } from 'bullmq'
import { QUEUES, createQueue, type PublishJob, type Secrets } from '@obp/service-kit'
import { createIssuerSigners, createIssuerStore, type IssuerSigners, type IssuerStore } from '@obp/issuers'
import { createLocalCustody, type KeyCustody, type SigningPool } from '@obp/signing'
import { createDocumentLoader, TtlCache, type DocumentLoader } from '@obp/documents'
import { createStatusAllocator, type StatusAllocator } from '@obp/status'
import type { IssuerConfig } from './config.js'
import { cachedAchievementStore, cachedIssuerStore } from './stores/read-cache.js'
import { createAchievementStore, type AchievementStore } from './stores/achievement-store.js'
import { createCredentialStore, type CredentialRecord, type CredentialStore } from './stores/credential-store.js'
import { createIdempotencyStore, type IdempotencyStore } from './stores/idempotency-store.js'
import { createBatchStore, type BatchStore } from './stores/batch-store.js'
import { createImageStore, type ImageStore } from './stores/image-store.js'
import { createFailedRowStore, type FailedRowStore } from './stores/failed-row-store.js'
import { createDeliveryStore, type DeliveryStore } from './delivery/delivery-store.js'
import { createClaimStore, type ClaimStore } from './delivery/claim-store.js'
import { createExchangeStore } from './exchanges/exchange-store.js'
import { createAddressSeal, type AddressSeal } from './delivery/address-seal.js'
import type { NotificationJob } from './delivery/queue-notifications.js'
import { createAcceptedEndorsementReader, type AcceptedEndorsementReader } from './network/accepted-reader.js'
import { createCredentialIndex, type CredentialIndex } from './records/credential-index.js'
import { createRevocationReader, type RevocationReader } from './records/revocations.js'
import { createAwardKeyStore, type AwardKeyStore } from './records/award-keys.js'
import { loadLookupKey, type LookupKey } from './records/lookup-key.js'
import { createLiveStatusReader, type LiveStatusReader } from './hosted/live-status.js'
import { createIssuedCount, type IssuedCount } from './records/issued-count.js'

/** `credential.issued` (queue obp-credential-events): ids only (STYLE.md §11). */
export interface CredentialIssuedEvent { type: 'credential.issued'; credentialId: string; issuerId: string; achievementId?: string; batchId?: string }
/** `credentials.issued`: every credential a batch chunk issued, in one job (issue 20: one Redis job per chunk, not per row). */
export interface ChunkIssuedEvent { type: 'credentials.issued'; issuerId: string; batchId: string; chunk: number; credentialIds: string[] }
export type IssuedEvent = CredentialIssuedEvent | ChunkIssuedEvent
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
  /** the hosted credentials served lately (routes/hosted.ts; issued credentials never change) */
  hostedCache: TtlCache<CredentialRecord>
  idempotency: IdempotencyStore
  batches: BatchStore
  failedRows: FailedRowStore
  images: ImageStore
  /** accepted, unrevoked (status-checked) endorsements to embed: the network module's reader (docs/decisions/0005-network-and-endorsements.md) */
  endorsements: AcceptedEndorsementReader
  status: StatusAllocator
  /** records listing: the index, the revocation state it reads, duplicate-award keys, the look-up key */
  records: CredentialIndex
  revocations: RevocationReader
  awardKeys: AwardKeyStore
  lookupKey: LookupKey
  /** revoked (date, published reason) / expired / valid, read live: every public page shows it */
  liveStatus: LiveStatusReader
  /** the batch worker's signing threads (worker.ts); absent in the API, and with ISSUER_SIGNING_THREADS=0 */
  signingPool?: SigningPool
  /** credentials issued, for /metrics (a Redis HyperLogLog of their ids) */
  issuedCount: IssuedCount
  /** learner delivery: notifications' state, claim links, the sealing of addresses */
  deliveries: DeliveryStore
  claims: ClaimStore
  addressSeal: AddressSeal
  /** `statusPublish`: a wallet copy revoked at issue because its award was revoked meanwhile (oid4vci/holder-credential.ts) */
  queues: { events: Queue<IssuedEvent>; batches: Queue<BatchJob>; webhooks: Queue<WebhookJob>; notifications: Queue<NotificationJob>; statusPublish: Queue<PublishJob> }
  ensureIndexes (): Promise<void>
  close (): Promise<void>
}

export function createIssuerContext (opts: { config: IssuerConfig; secrets: Secrets; db: Db; redis: Redis; signingPool?: SigningPool }): IssuerContext {
  const { config, db, redis } = opts
  const custody = createLocalCustody({ kek: opts.secrets.kek, kekId: opts.secrets.kekId })
  const issuers = cachedIssuerStore(createIssuerStore(db), config.ISSUER_CACHE_MS)
  const prefix = config.OBP_QUEUE_PREFIX
  const queues = {
    events: createQueue<IssuedEvent>(QUEUES.credentialEvents, redis, { prefix }),
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
    }),
    statusPublish: createQueue<PublishJob>(QUEUES.statusPublish, redis, { prefix })
  }
  // one status allocator per process: awards, endorsements, live status and the network module share it
  const status = createStatusAllocator({ db, revocationPublicUrl: config.REVOCATION_PUBLIC_URL })
  const awardKeys = createAwardKeyStore(db)
  const ctx: IssuerContext = {
    config,
    db,
    custody,
    documentLoader: createDocumentLoader(),
    issuers,
    signers: createIssuerSigners({ store: issuers, custody }),
    achievements: cachedAchievementStore(createAchievementStore(db), config.ISSUER_CACHE_MS),
    credentials: createCredentialStore(db, { publicUrl: config.ISSUER_PUBLIC_URL }),
    hostedCache: new TtlCache<CredentialRecord>({ ttlMs: config.HOSTED_CACHE_MS, maxEntries: config.HOSTED_CACHE_ENTRIES }),
    idempotency: createIdempotencyStore(db, { awardKeys: awardKeys.collection }),
    batches: createBatchStore(db),
    failedRows: createFailedRowStore(db),
    images: createImageStore(db),
    // read once per ENDORSEMENT_CACHE_MS per achievement, not once per award: the look-up is not an `_id` read
    endorsements: createAcceptedEndorsementReader(db, { isRevoked: status.isRevoked, ttlMs: config.ENDORSEMENT_CACHE_MS }),
    status,
    records: createCredentialIndex(db),
    revocations: createRevocationReader(db),
    awardKeys,
    lookupKey: loadLookupKey(config, opts.secrets),
    liveStatus: createLiveStatusReader(db, { allocator: status }),
    ...(opts.signingPool ? { signingPool: opts.signingPool } : {}),
    issuedCount: createIssuedCount(redis, prefix),
    deliveries: createDeliveryStore(db),
    claims: createClaimStore(db),
    addressSeal: createAddressSeal(opts.secrets.kek),
    queues,
    async ensureIndexes () {
      await Promise.all([issuers.ensureIndexes(), ctx.achievements.ensureIndexes(), ctx.credentials.ensureIndexes(),
        ctx.idempotency.ensureIndexes(), ctx.batches.ensureIndexes(), ctx.images.ensureIndexes(), ctx.status.ensureIndexes(), ctx.records.ensureIndexes(), ctx.failedRows.ensureIndexes(),
        ctx.deliveries.ensureIndexes(), ctx.claims.ensureIndexes(), createExchangeStore(db).ensureIndexes()])
    },
    async close () {
      await status.flushCounts().catch(() => {}) // the allocation counts not yet written
      await Promise.all(Object.values(queues).map(q => q.close()))
    }
  }
  return ctx
}
