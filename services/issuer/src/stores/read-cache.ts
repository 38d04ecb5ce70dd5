// Short read-through caches of the records every award reads: its issuer and its achievement (ISSUER_CACHE_MS).
// A change made through this process is seen at once (the write drops the entry); one made through another
// replica, within ISSUER_CACHE_MS. Callers get their own copy; a missing record is never kept.
import { TtlCache } from '@obp/documents'
import type { IssuerRecord, IssuerStore } from '@obp/issuers'
import type { AchievementRecord, AchievementStore } from './achievement-store.js'

const ENTRIES = 1000

async function readThrough<V> (cache: TtlCache<V | null>, key: string, load: () => Promise<V | null>): Promise<V | null> {
  const value = await cache.get(key, load)
  if (value === null) cache.delete(key)
  return value === null ? null : structuredClone(value)
}

export function cachedIssuerStore (store: IssuerStore, ttlMs: number): IssuerStore {
  if (ttlMs <= 0) return store
  const cache = new TtlCache<IssuerRecord | null>({ ttlMs, maxEntries: ENTRIES })
  const dropping = <A extends unknown[]>(write: (issuerId: string, ...rest: A) => Promise<void>) =>
    async (issuerId: string, ...rest: A): Promise<void> => {
      try {
        await write(issuerId, ...rest)
      } finally {
        cache.delete(issuerId)
      }
    }
  return {
    ...store,
    get: async issuerId => await readThrough(cache, issuerId, async () => await store.get(issuerId)),
    remove: dropping(store.remove),
    updateProfile: dropping(store.updateProfile),
    updateNotificationSettings: dropping(store.updateNotificationSettings),
    addKey: dropping(store.addKey)
  }
}

export function cachedAchievementStore (store: AchievementStore, ttlMs: number): AchievementStore {
  if (ttlMs <= 0) return store
  const cache = new TtlCache<AchievementRecord | null>({ ttlMs, maxEntries: ENTRIES })
  const keyOf = (issuerId: string, id: string): string => `${issuerId}\n${id}`
  return {
    ...store,
    get: async (issuerId, id) => await readThrough(cache, keyOf(issuerId, id), async () => await store.get(issuerId, id)),
    async replace (issuerId, id, achievement) {
      try {
        return await store.replace(issuerId, id, achievement)
      } finally {
        cache.delete(keyOf(issuerId, id))
      }
    }
  }
}
