// What is true of a credential now (issue 18 "Public pages say what is true now"), for every public page of the
// issuer service (the hosted credential page, the learner's claim page): revoked (since when, and the reason
// when the issuer published it), expired, or valid. Read live on each call from the revocation rows the status
// lists are published from (@obp/status: one row per set bit, `_id` = list:index), so a page never shows a
// revoked badge as valid while a cached list catches up. Two reads by `_id`.
import type { Db } from 'mongodb'
import { createStatusAllocator, createStatusStore, type StatusAllocator, type StatusStore } from '@obp/status'

export type LiveStatus =
  | { state: 'revoked'; revokedAt: string; reason?: string; validUntil?: string }
  | { state: 'expired'; validUntil: string }
  | { state: 'valid'; validUntil?: string }

export interface LiveStatusReader { statusOf (credential: Record<string, any>): Promise<LiveStatus> }

export function createLiveStatusReader (db: Db, deps: { allocator?: StatusAllocator; store?: StatusStore } = {}): LiveStatusReader {
  // the list URL base is not used for reading entries
  const allocator = deps.allocator ?? createStatusAllocator({ db, revocationPublicUrl: 'http://unused.invalid' })
  const store = deps.store ?? createStatusStore(db)
  return {
    async statusOf (credential) {
      const validUntil = typeof credential.validUntil === 'string' ? credential.validUntil : typeof credential.expirationDate === 'string' ? credential.expirationDate : undefined
      const entry = typeof credential.id === 'string' ? await allocator.entryOf(credential.id) : null
      const bit = entry ? await store.revocationOf(entry.listId, entry.index) : null
      if (bit) return { state: 'revoked', revokedAt: bit.at.toISOString(), ...(bit.reason !== undefined ? { reason: bit.reason } : {}), ...(validUntil !== undefined ? { validUntil } : {}) }
      if (validUntil !== undefined && Date.parse(validUntil) <= Date.now()) return { state: 'expired', validUntil }
      return { state: 'valid', ...(validUntil !== undefined ? { validUntil } : {}) }
    }
  }
}
