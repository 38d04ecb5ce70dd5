import { Type, type Static } from '@sinclair/typebox'
import { commonConfigProperties } from '@obp/service-kit'

export const IssuerConfig = Type.Object({
  ...commonConfigProperties,
  ISSUER_PORT: Type.Integer({ default: 3001, minimum: 0, maximum: 65535 }),
  /**
   * jsonld's fast path for signing (docs/decisions/0001-jsonld-fast-path.md): on by default; false restores stock jsonld
   * (same output, slower). Hits and fallbacks are counted on /metrics (obp_jsonld_fast_path_copies).
   */
  JSONLD_FAST_PATH_SIGNING: Type.Boolean({ default: true }),
  /**
   * Issuer API processes sharing ISSUER_PORT (Node's cluster, as the verifier). An award waits mostly on the stores,
   * so one process is the default on a small machine; each extra process is like one more replica.
   */
  ISSUER_CONCURRENCY: Type.Integer({ default: 1, minimum: 1, maximum: 64 }),
  /** BullMQ jobs the batch worker runs at once (each job is a chunk of rows). */
  ISSUER_WORKER_CONCURRENCY: Type.Integer({ default: 4, minimum: 1, maximum: 64 }),
  /** Rows per batch job: a retried or recovered job re-runs at most this many rows (already issued ones are skipped). */
  BATCH_CHUNK_SIZE: Type.Integer({ default: 200, minimum: 1, maximum: 1000 }),
  /**
   * Worker threads of the batch worker that sign a chunk's credentials (libs/signing signing-pool.ts), so that one
   * worker process uses more than one core; 0 signs in the worker's own thread. Unset: the cores this process may
   * use. On Kubernetes set it to the pod's CPU limit (a pod sees the node's cores) and scale out by replicas.
   */
  ISSUER_SIGNING_THREADS: Type.Optional(Type.Integer({ minimum: 0, maximum: 64 })),
  WORKER_HEALTH_PORT: Type.Integer({ default: 9464, minimum: 0, maximum: 65535 }),
  /** How long a worker's job lock lasts; a killed worker's jobs are recovered after about this long. */
  ISSUER_WORKER_LOCK_MS: Type.Integer({ default: 30_000, minimum: 1000 }),
  /** Host (optionally with port) of did:web issuers; defaults to ISSUER_PUBLIC_URL's host when that is https. */
  DID_WEB_HOST: Type.Optional(Type.String({ minLength: 1, pattern: '^[A-Za-z0-9.-]+(:[0-9]+)?$' })),
  /**
   * HMAC key of the recipient look-up (records search and duplicate awards): recipients' addresses are never
   * stored in clear, only keyed hashes. Base64 or hex, at least 32 bytes. Unset: generated under OBP_DATA_DIR in
   * development, derived from the key-encryption key in production. Changing it makes earlier records unsearchable
   * by recipient (and lets earlier holders be awarded again).
   */
  RECIPIENT_LOOKUP_KEY: Type.Optional(Type.String({ minLength: 1 })),
  RECIPIENT_LOOKUP_KEY_FILE: Type.Optional(Type.String({ minLength: 1 })),
  /** The network's name, as verifiers, the registry and the public pages show it. */
  NETWORK_NAME: Type.String({ default: 'Open Badges Network', minLength: 1, maxLength: 200 }),
  /** Largest uploaded badge image. */
  IMAGE_MAX_BYTES: Type.Integer({ default: 1024 * 1024, minimum: 1024 }),
  /** Largest width and height of a PNG badge image (uploads, data: URIs). Decoding takes 4+ bytes a pixel: 2048 ~0.1 s and 34 MB, 4096 ~1 s and 200 MB. */
  IMAGE_MAX_DIMENSION: Type.Integer({ default: 2048, minimum: 16, maximum: 8192 }),
  /** SMTP relay of learner notifications and console mail (`smtp://user:pass@host:587`, `smtps://...`); unset: `.eml` files under OBP_DATA_DIR/outbox. */
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  /** Sender of learner notifications (RFC 5322 mailbox). */
  MAIL_FROM: Type.String({ default: 'Open Badges <no-reply@localhost>', minLength: 3 }),
  /** Notifications sent per second at most, across all workers (BullMQ limiter): a 10,000-row batch does not flood the relay. */
  NOTIFY_RATE_PER_SECOND: Type.Integer({ default: 10, minimum: 1, maximum: 1000 }),
  /** Lifetime of a claim link, in days. */
  CLAIM_TTL_DAYS: Type.Integer({ default: 90, minimum: 1, maximum: 3650 }),
  /** The network operator's console account, created at the first start (password in OBP_DATA_DIR/console-owner). */
  CONSOLE_OPERATOR_EMAIL: Type.String({ default: 'operator@network.localhost', pattern: '^[^@\\s]+@[^@\\s]+$' }),
  /** The console's built files (services/console/dist); unset: found next to this service in the repository. */
  CONSOLE_DIST_DIR: Type.Optional(Type.String({ minLength: 1 })),
  /**
   * How long an award reuses the accepted endorsements it embeds (per achievement). A change made through this process
   * is seen at once; one made elsewhere (another replica, a revocation) within this time. 0: read on every award.
   */
  ENDORSEMENT_CACHE_MS: Type.Integer({ default: 10_000, minimum: 0 }),
  /**
   * How long this process reuses an issuer or achievement record it read (src/stores/read-cache.ts): an award then
   * reads neither. A change made through this process is seen at once; one made through another replica, within
   * this time. 0: read on every award.
   */
  ISSUER_CACHE_MS: Type.Integer({ default: 5_000, minimum: 0 }),
  /**
   * How long this process keeps a hosted credential it served (`GET /credentials/:id`, the time its answer says it
   * may be cached: `max-age=60`), for the last HOSTED_CACHE_ENTRIES served. Issued credentials never change, and
   * concurrent requests for one credential share one read. 0: read on every request. A miss is never kept.
   */
  HOSTED_CACHE_MS: Type.Integer({ default: 60_000, minimum: 0 }),
  HOSTED_CACHE_ENTRIES: Type.Integer({ default: 1000, minimum: 1 }),
  /** Retention sweep (src/retention.ts), run by the worker: how often (0: never), and how long records are kept. */
  RETENTION_SWEEP_INTERVAL_MS: Type.Integer({ default: 3_600_000, minimum: 0 }),
  /** Idempotency-Key records: a replay after this many hours is a new request. */
  IDEMPOTENCY_RETENTION_HOURS: Type.Integer({ default: 168, minimum: 1 }),
  /** A completed batch's status, rows' results and markers (not its credentials), unless failed rows still wait. */
  BATCH_RETENTION_DAYS: Type.Integer({ default: 365, minimum: 1 }),
  /** Where the issuer's /revocation/ proxy reaches the revocation service; defaults to REVOCATION_PUBLIC_URL. */
  REVOCATION_INTERNAL_URL: Type.Optional(Type.String({ pattern: '^https?://' }))
})
export type IssuerConfig = Static<typeof IssuerConfig>
