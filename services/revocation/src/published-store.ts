import type { Db } from 'mongodb'
import { isDuplicateKey } from '@obp/service-kit/store'

/** A signed BitstringStatusListCredential as served, with what it shows. */
export interface PublishedList {
  _id: string // listId
  issuerId: string
  /** sha256 of the set indices it shows: a publish job whose read gives the same hash has nothing to sign */
  bitsHash: string
  /** when the publisher started reading the bits: a later read always wins */
  snapshotAt: Date
  /** the serialized signed credential, sent as is */
  body: string
  etag: string
  validUntil: Date
  publishedAt: Date
}

/** `status_list_credentials`: one document per list, only ever replaced by one read later. */
export function createPublishedStore (db: Db) {
  const col = db.collection<PublishedList>('status_list_credentials')
  return {
    async get (listId: string): Promise<PublishedList | null> {
      return col.findOne({ _id: listId })
    },
    /** false when one from a later read is already stored (two publishers raced: the newest read wins). */
    async save (doc: PublishedList): Promise<boolean> {
      try {
        const r = await col.replaceOne({ _id: doc._id, snapshotAt: { $lt: doc.snapshotAt } }, doc, { upsert: true })
        return r.modifiedCount + r.upsertedCount > 0
      } catch (err) {
        if (isDuplicateKey(err)) return false
        throw err
      }
    },
    /** lists whose signature expires before `before` (the worker refreshes them) */
    async expiring (before: Date, limit = 100): Promise<Array<Pick<PublishedList, '_id'>>> {
      return col.find({ validUntil: { $lt: before } }, { projection: { _id: 1 } }).limit(limit).toArray()
    }
  }
}

export type PublishedStore = ReturnType<typeof createPublishedStore>
