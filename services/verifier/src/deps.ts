// What the checks need from the outside world, built once per app (see create-deps.ts) and injectable in tests.
import type { DocumentLoader } from '@obp/documents'
import type { NetworkOutcome } from './checks/network.js'
import type { StatusCache, TtlCache } from './status/cache.js'
import type { Linkage } from './trust/domain-linkage.js'

/** The agreed @obp/documents GuardedFetcher surface the verifier uses. */
export interface Fetcher {
  fetchBytes(url: string, opts?: { maxBytes?: number; accept?: string; headers?: Record<string, string> }): Promise<{ status: number; body: Buffer; contentType?: string; headers: Record<string, string> }>
}

export interface VerifierDeps {
  /** bundled contexts, offline did:key/did:jwk, and did:web/https key documents through the guarded resolver */
  loader: DocumentLoader
  fetcher: Fetcher
  statusCache: StatusCache
  /** the issuer service's answers about issuers (GET /network/trust), keyed by URL */
  networkCache: TtlCache<NetworkOutcome>
  /** websites' Domain Linkage answers, keyed by DID and origin (./trust/domain-linkage.ts) */
  linkageCache: TtlCache<Linkage>
  /** the issuer service's public base URL (a trusted origin of the fetcher) */
  issuerPublicUrl: string
  /** the revocation service's public base URL (published revocation dates and reasons) */
  revocationPublicUrl: string
  /** inflated status list cap (bytes) */
  maxStatusListBytes: number
  /** any fetched document's cap (bytes) */
  maxFetchBytes: number
  clockSkewMs: number
  now: () => Date
}
