import { MongoServerError, type Db } from 'mongodb'

/** A signed BitstringStatusListCredential as served, with the list version it shows. */
export interface PublishedList {
  _id: string // listId
  issuerId: string
  version: number
  /** the serialized signed credential, sent as is */
  body: string
  etag: string
  validUntil: Date
  publishedAt: Date
}

/** `status_list_credentials`: one document per list, only ever replaced by a newer version or a later validUntil. */
export function createPublishedStore (db: Db) {
  const col = db.collection<PublishedList>('status_list_credentials')
  return {
    async get (listId: string): Promise<PublishedList | null> {
      return col.findOne({ _id: listId })
    },
    /** false when a newer one is already stored (two publishers raced: the newest wins). */
    async save (doc: PublishedList): Promise<boolean> {
      try {
        const r = await col.replaceOne(
          { _id: doc._id, $or: [{ version: { $lt: doc.version } }, { version: doc.version, validUntil: { $lt: doc.validUntil } }] },
          doc,
          { upsert: true }
        )
        return r.modifiedCount + r.upsertedCount > 0
      } catch (err) {
        if (err instanceof MongoServerError && err.code === 11000) return false
        throw err
      }
    },
    /** lists whose signature expires before `before` (the worker refreshes them) */
    async expiring (before: Date, limit = 100): Promise<Array<Pick<PublishedList, '_id' | 'version'>>> {
      return col.find({ validUntil: { $lt: before } }, { projection: { _id: 1, version: 1 } }).limit(limit).toArray()
    }
  }
}

export type PublishedStore = ReturnType<typeof createPublishedStore>
