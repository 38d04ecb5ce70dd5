import type { Db } from 'mongodb'
import { insertOnce } from '@obp/service-kit/store'

export interface IdempotencyRecord {
  _id: string // `${issuerId}:${kind}:${key}`
  issuerId: string
  bodyHash: string
  /** what the first request decided: a credential id or a batch id */
  resultId: string
  createdAt: Date
}

export type Claim = { first: true; resultId: string } | { first: false; resultId: string; sameBody: boolean }

/**
 * Idempotency keys: the record is inserted before any work, with the id the work will produce, so a replay or a
 * concurrent twin finds it and finishes the same work (unique `_id`, no transactions needed).
 */
export function createIdempotencyStore (db: Db) {
  const col = db.collection<IdempotencyRecord>('idempotency_keys')
  return {
    async ensureIndexes (): Promise<void> {
      await col.createIndex({ issuerId: 1, createdAt: 1 })
    },
    async claim (opts: { issuerId: string; kind: string; key: string; bodyHash: string; resultId: string }): Promise<Claim> {
      const _id = `${opts.issuerId}:${opts.kind}:${opts.key}`
      if (await insertOnce(col, { _id, issuerId: opts.issuerId, bodyHash: opts.bodyHash, resultId: opts.resultId, createdAt: new Date() })) {
        return { first: true, resultId: opts.resultId }
      }
      const found = await col.findOne({ _id })
      if (!found) throw new Error('idempotency record vanished')
      return { first: false, resultId: found.resultId, sameBody: found.bodyHash === opts.bodyHash }
    }
  }
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>
