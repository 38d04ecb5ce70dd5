// A short-lived, per-process cache of verified status lists, keyed by URL (Bitstring Status List v1.0 §6.2
// allows caching; the TTL bounds how late a revocation is seen). Concurrent look-ups of one URL share a fetch.
export interface CachedList {
  /** id of the list credential's issuer */
  issuerId: string
  statusPurpose: string[]
  bits: Buffer
  /** validUntil of the list credential, if any (ms) */
  validUntil?: number
}

export interface StatusCache {
  get(url: string, load: () => Promise<CachedList>): Promise<CachedList>
  clear(): void
  readonly size: number
}

export function createStatusCache (ttlMs: number, maxEntries = 1000): StatusCache {
  const entries = new Map<string, { expires: number; value: CachedList }>()
  const inflight = new Map<string, Promise<CachedList>>()
  return {
    async get (url, load) {
      const hit = entries.get(url)
      if (hit !== undefined && hit.expires > Date.now()) return hit.value
      const pending = inflight.get(url)
      if (pending !== undefined) return await pending
      const promise = load().then(value => {
        if (ttlMs > 0) {
          if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string)
          entries.set(url, { expires: Date.now() + ttlMs, value })
        }
        return value
      }).finally(() => inflight.delete(url))
      inflight.set(url, promise)
      return await promise
    },
    clear () { entries.clear() },
    get size () { return entries.size }
  }
}
