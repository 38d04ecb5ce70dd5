import { Type, type Static } from '@sinclair/typebox'
import { commonConfigProperties } from '@obp/service-kit'

export const IssuerConfig = Type.Object({
  ...commonConfigProperties,
  ISSUER_PORT: Type.Integer({ default: 3001, minimum: 0, maximum: 65535 }),
  /** BullMQ jobs the batch worker runs at once (each job is a chunk of rows). */
  ISSUER_WORKER_CONCURRENCY: Type.Integer({ default: 4, minimum: 1, maximum: 64 }),
  /** Rows per batch job: a retried or recovered job re-runs at most this many rows (already issued ones are skipped). */
  BATCH_CHUNK_SIZE: Type.Integer({ default: 200, minimum: 1, maximum: 1000 }),
  WORKER_HEALTH_PORT: Type.Integer({ default: 9464, minimum: 0, maximum: 65535 }),
  /** How long a worker's job lock lasts; a killed worker's jobs are recovered after about this long. */
  ISSUER_WORKER_LOCK_MS: Type.Integer({ default: 30_000, minimum: 1000 }),
  /** Host (optionally with port) of did:web issuers; defaults to ISSUER_PUBLIC_URL's host when that is https. */
  DID_WEB_HOST: Type.Optional(Type.String({ minLength: 1, pattern: '^[A-Za-z0-9.-]+(:[0-9]+)?$' })),
  /** Largest uploaded badge image. */
  IMAGE_MAX_BYTES: Type.Integer({ default: 1024 * 1024, minimum: 1024 }),
  /** Outgoing mail (console invitations, password resets); unset: messages are `.eml` files under OBP_DATA_DIR/outbox. */
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  MAIL_FROM: Type.String({ default: 'Open Badges <no-reply@localhost>', minLength: 3 }),
  /** The network operator's console account, created at the first start (password in OBP_DATA_DIR/console-owner). */
  CONSOLE_OPERATOR_EMAIL: Type.String({ default: 'operator@network.localhost', pattern: '^[^@\\s]+@[^@\\s]+$' }),
  /** The console's built files (apps/console/dist); unset: found next to this service in the repository. */
  CONSOLE_DIST_DIR: Type.Optional(Type.String({ minLength: 1 })),
  /** Where the issuer's /revocation/ proxy reaches the revocation service; defaults to REVOCATION_PUBLIC_URL. */
  REVOCATION_INTERNAL_URL: Type.Optional(Type.String({ pattern: '^https?://' }))
})
export type IssuerConfig = Static<typeof IssuerConfig>
