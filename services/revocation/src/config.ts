import { Type, type Static } from '@sinclair/typebox'
import { commonConfigProperties, STATUS_PUBLISH_WINDOW_MS } from '@obp/service-kit'

export const RevocationConfig = Type.Object({
  ...commonConfigProperties,
  REVOCATION_PORT: Type.Integer({ default: 3003, minimum: 0, maximum: 65535 }),
  /**
   * jsonld's fast path for signing (docs/decisions/0001-jsonld-fast-path.md): on by default; false restores stock jsonld
   * (same output, slower). Hits and fallbacks are counted on /metrics (obp_jsonld_fast_path_copies).
   */
  JSONLD_FAST_PATH_SIGNING: Type.Boolean({ default: true }),
  /** validUntil of a published list = now + this; republished when a quarter of it is left */
  STATUS_LIST_TTL_SECONDS: Type.Integer({ default: 86_400, minimum: 60 }),
  /** Cache-Control max-age of GET /status-lists/:listId: small, so wallets see a revocation within seconds */
  STATUS_LIST_MAX_AGE_SECONDS: Type.Integer({ default: 5, minimum: 0, maximum: 3600 }),
  /** how long one process reuses a stored list before reading it again (keep well under the 5 s budget) */
  STATUS_LIST_CACHE_MS: Type.Integer({ default: 1000, minimum: 0, maximum: 5000 }),
  /** publish window: a burst of revocations is signed about once per window (visibility: window + signing) */
  STATUS_PUBLISH_DELAY_MS: Type.Integer({ default: STATUS_PUBLISH_WINDOW_MS, minimum: 50, maximum: 4000 }),
  /** reserved entries older than this are settled by the worker's sweeper (bound or void) */
  STATUS_RESERVED_GRACE_SECONDS: Type.Integer({ default: 900, minimum: 10 }),
  /** the worker's sweep: pending changes finished, lists whose stored bits differ from the published ones re-signed */
  STATUS_SWEEP_INTERVAL_MS: Type.Integer({ default: 30_000, minimum: 500 }),
  WORKER_HEALTH_PORT: Type.Integer({ default: 9464, minimum: 0, maximum: 65535 })
})
export type RevocationConfig = Static<typeof RevocationConfig>
