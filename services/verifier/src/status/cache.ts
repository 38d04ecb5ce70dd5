// Short-lived, per-process caches keyed by URL: verified status lists (Bitstring Status List v1.0 §6.2 allows
// caching; the TTL bounds how late a revocation is seen) and the network's answers about an issuer.
// Concurrent look-ups of one key share a load; a load that throws is not cached.
export interface CachedList {
  /** id of the list credential's issuer */
  issuerId: string
  statusPurpose: string[]
  bits: Uint8Array
  /** validUntil of the list credential, if any (ms) */
  validUntil?: number
}

export interface TtlCache<T> {
  get(key: string, load: () => Promise<T>): Promise<T>
  clear(): void
  readonly size: number
}

export type StatusCache = TtlCache<CachedList>

export function createTtlCache<T> (ttlMs: number, maxEntries = 1000): TtlCache<T> {
  const entries = new Map<string, { expires: number; value: T }>()
  const inflight = new Map<string, Promise<T>>()
  return {
    async get (key, load) {
      const hit = entries.get(key)
      if (hit !== undefined && hit.expires > Date.now()) return hit.value
      const pending = inflight.get(key)
      if (pending !== undefined) return await pending
      const promise = load().then(value => {
        if (ttlMs > 0) {
          entries.delete(key)
          if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string)
          entries.set(key, { expires: Date.now() + ttlMs, value })
        }
        return value
      }).finally(() => inflight.delete(key))
      inflight.set(key, promise)
      return await promise
    },
    clear () { entries.clear() },
    get size () { return entries.size }
  }
}

export function createStatusCache (ttlMs: number, maxEntries = 1000): StatusCache {
  return createTtlCache<CachedList>(ttlMs, maxEntries)
}
