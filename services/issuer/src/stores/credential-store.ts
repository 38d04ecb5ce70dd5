import type { Db } from 'mongodb'
import { lastSegment } from '../ids.js'

export interface CredentialRecord {
  _id: string // the full credential id
  /** last path segment of the id, for `GET /credentials/:credentialId` */
  segment: string
  issuerId: string
  achievementId?: string
  credential: Record<string, unknown>
  batchId?: string
  row?: number
  createdAt: Date
}

export const DUPLICATE_KEY = 11000

export function isDuplicateKey (err: unknown): boolean {
  return (err as { code?: unknown })?.code === DUPLICATE_KEY
}

/** Issued credentials; `_id` is the credential id, so one id is one credential, whoever retries (STYLE.md §5). */
export function createCredentialStore (db: Db) {
  const col = db.collection<CredentialRecord>('credentials')
  return {
    async ensureIndexes (): Promise<void> {
      await col.createIndex({ segment: 1 })
      await col.createIndex({ issuerId: 1, createdAt: 1 })
      await col.createIndex({ batchId: 1 })
    },
    /** Inserts; returns false when the id was already issued (the stored one wins). */
    async insert (record: Omit<CredentialRecord, 'segment' | 'createdAt'>): Promise<boolean> {
      try {
        await col.insertOne({ ...record, segment: lastSegment(record._id), createdAt: new Date() })
        return true
      } catch (err) {
        if (isDuplicateKey(err)) return false
        throw err
      }
    },
    async get (id: string): Promise<CredentialRecord | null> {
      return col.findOne({ _id: id })
    },
    async existing (ids: string[]): Promise<Set<string>> {
      const found = await col.find({ _id: { $in: ids } }, { projection: { _id: 1 } }).toArray()
      return new Set(found.map(c => c._id))
    },
    async getBySegment (segment: string): Promise<CredentialRecord | null> {
      return col.findOne({ segment })
    },
    async countByBatch (batchId: string): Promise<number> {
      return col.countDocuments({ batchId })
    }
  }
}

export type CredentialStore = ReturnType<typeof createCredentialStore>
