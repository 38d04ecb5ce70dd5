// A drop-in for the award path's endorsement reader (`acceptedFor(issuerId, subjectIds)`), with the status
// check of acceptedEndorsements(): the `revoked` flag of an endorsement record is only a cache, the
// endorsement's status entry is the truth (the revocation service changes it, not this collection).
import type { Db } from 'mongodb'
import { liveAccepted, type IsRevoked } from './accepted.js'

const MAX_CACHED = 1000

/**
 * `ttlMs` (default 0: no cache) lets a batch of awards of one achievement read its endorsements once per
 * `ttlMs` instead of once per row; a revocation then reaches new badges within `ttlMs`.
 */
export function createAcceptedEndorsementReader (db: Db, opts: { ttlMs?: number; isRevoked?: IsRevoked } = {}) {
  const ttl = opts.ttlMs ?? 0
  const cache = new Map<string, { at: number; value: Promise<Array<Record<string, unknown>>> }>()
  const read = async (issuerId: string, subjectIds: string[]): Promise<Array<Record<string, unknown>>> =>
    (await liveAccepted(db, issuerId, subjectIds, { isRevoked: opts.isRevoked })).flatMap(e => (e.credential ? [e.credential] : []))
  return {
    /** Signed EndorsementCredentials of `subjectIds` (achievement and/or profile ids of `issuerId`), to embed. */
    acceptedFor (issuerId: string, subjectIds: string[]): Promise<Array<Record<string, unknown>>> {
      if (ttl <= 0) return read(issuerId, subjectIds)
      const key = JSON.stringify([issuerId, subjectIds])
      const now = Date.now()
      let hit = cache.get(key)
      if (!hit || now - hit.at > ttl) {
        if (cache.size >= MAX_CACHED) cache.clear()
        const entry = { at: now, value: read(issuerId, subjectIds) }
        entry.value.catch(() => { if (cache.get(key) === entry) cache.delete(key) })
        cache.set(key, entry)
        hit = entry
      }
      return hit.value
    },
    /** forgets what was read: this process just changed an endorsement (other processes see it within `ttlMs`) */
    invalidate (): void { cache.clear() }
  }
}

export type AcceptedEndorsementReader = ReturnType<typeof createAcceptedEndorsementReader>
