import { Type, type Static } from '@sinclair/typebox'
import { commonConfigProperties } from '@obp/service-kit'

export const VerifierConfig = Type.Object({
  ...commonConfigProperties,
  VERIFIER_PORT: Type.Integer({ default: 3002, minimum: 0, maximum: 65535 }),
  /**
   * jsonld's fast path for verification, separate from signing's: on by default (the differential tests cover
   * documents beyond the OB shapes); false verifies with stock jsonld. Counted on /metrics (obp_jsonld_fast_path_copies).
   */
  JSONLD_FAST_PATH_VERIFYING: Type.Boolean({ default: true }),
  /**
   * Worker threads verifying credentials in each verifier process (./verify-pool.ts; measured choice in
   * ARCHITECTURE.md): the HTTP thread reads requests and writes answers, the threads run the checks. Verification is
   * CPU bound, so one per core: unset means the cores this process may use; 0 verifies on the HTTP thread. Set it to
   * the container's CPU limit on Kubernetes (a pod sees the node's cores) and scale out by replicas.
   */
  VERIFIER_THREADS: Type.Optional(Type.Integer({ minimum: 0, maximum: 64 })),
  /** Verifier processes sharing VERIFIER_PORT (Node's cluster), each with its threads; default 1. */
  VERIFIER_CONCURRENCY: Type.Integer({ default: 1, minimum: 1, maximum: 64 }),
  /**
   * How long a verified status list is reused (Bitstring Status List v1.0 leaves caching to the verifier). It bounds
   * how late a revocation is seen: the platform promises 5 s from revoke to a failing verification, and the list is
   * republished within about a second, so the cache stays short. Lists are small and 304s cheap.
   */
  STATUS_CACHE_TTL_SECONDS: Type.Integer({ default: 2, minimum: 0, maximum: 3600 }),
  /** Hard cap on a status list's inflated bitstring (GZIP bombs). 16 MiB = 134,217,728 entries. */
  MAX_STATUS_LIST_BYTES: Type.Integer({ default: 16 * 1024 * 1024, minimum: 16 * 1024 }),
  /** Cap on any fetched document (status list credential, DID document, credential link). */
  MAX_FETCH_BYTES: Type.Integer({ default: 1024 * 1024, minimum: 1024 }),
  FETCH_TIMEOUT_MS: Type.Integer({ default: 5000, minimum: 100, maximum: 60_000 }),
  /** Clock skew allowed on validFrom/validUntil (seconds). */
  CLOCK_SKEW_SECONDS: Type.Integer({ default: 300, minimum: 0, maximum: 3600 })
})
export type VerifierConfig = Static<typeof VerifierConfig>
