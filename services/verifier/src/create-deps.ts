// Builds the verifier's outside world from its config: the guarded fetcher (https to public addresses only,
// except the platform's own ISSUER_PUBLIC_URL / REVOCATION_PUBLIC_URL), the guarded did:web/https resolver,
// the offline document loader, the status list cache and the network answers' cache.
import { createDocumentLoader, createGuardedFetcher, createGuardedResolver, type Resolver } from '@obp/documents'
import type { VerifierConfig } from './config.js'
import type { Fetcher, VerifierDeps } from './deps.js'
import type { NetworkOutcome } from './checks/network.js'
import { createStatusCache, createTtlCache } from './status/cache.js'
import type { Linkage } from './trust/domain-linkage.js'

export interface DepsOverrides {
  /**
   * Consulted before the guarded resolver; answers undefined for URLs it does not handle. Tests only (e.g. the
   * 1EdTech fixtures' URL-fragment keys): it is an app option, never a setting, so no deployment can turn it on.
   */
  extraResolver?: { resolve(url: string): Promise<unknown> }
  fetcher?: Fetcher & { fetchJson(url: string, opts?: { maxBytes?: number; accept?: string }): Promise<unknown> }
  now?: () => Date
}

export function createDeps (config: VerifierConfig, overrides: DepsOverrides = {}): VerifierDeps {
  const fetcher = overrides.fetcher ?? createGuardedFetcher({
    trustedOrigins: [config.ISSUER_PUBLIC_URL, config.REVOCATION_PUBLIC_URL],
    maxBytes: config.MAX_FETCH_BYTES,
    timeoutMs: config.FETCH_TIMEOUT_MS,
    maxRedirects: 3
  })
  const guarded = createGuardedResolver({ fetcher, ttlMs: config.STATUS_CACHE_TTL_SECONDS * 1000 * 10 })
  const extra = overrides.extraResolver
  const resolver: Resolver = extra === undefined
    ? guarded
    : { async resolve (url) { return (await extra.resolve(url)) ?? await guarded.resolve(url) } }
  return {
    loader: createDocumentLoader({ resolver }),
    fetcher,
    statusCache: createStatusCache(config.STATUS_CACHE_TTL_SECONDS * 1000),
    networkCache: createTtlCache<NetworkOutcome>(config.STATUS_CACHE_TTL_SECONDS * 1000),
    // a website's DID configuration changes rarely: kept as long as resolved DID documents
    linkageCache: createTtlCache<Linkage>(config.STATUS_CACHE_TTL_SECONDS * 1000 * 10),
    issuerPublicUrl: config.ISSUER_PUBLIC_URL,
    revocationPublicUrl: config.REVOCATION_PUBLIC_URL,
    maxStatusListBytes: config.MAX_STATUS_LIST_BYTES,
    maxFetchBytes: config.MAX_FETCH_BYTES,
    clockSkewMs: config.CLOCK_SKEW_SECONDS * 1000,
    now: overrides.now ?? (() => new Date())
  }
}
