import type { Db } from 'mongodb'
import { insertAll, insertOnce } from '@obp/service-kit/store'
import { credentialKey } from '../ids.js'

export interface CredentialRecord {
  _id: string // the full credential id
  /** last path segment of the id, for `GET /credentials/:credentialId` */
  segment: string
  issuerId: string
  achievementId?: string
  credential: Record<string, unknown>
  batchId?: string
  row?: number
  /** a batch chunk's credentials share the status group of their entries (libs/status sweeper.ts) */
  statusGroup?: string
  createdAt: Date
}

/**
 * The stored document: the signed credential kept verbatim as the JSON text that was signed and returned
 * (`json`), never re-encoded field by field. It comes back byte for byte, and on FerretDB 1.24 a string costs
 * about a third of the CPU of the same credential as nested BSON (ARCHITECTURE.md, FerretDB notes).
 */
type StoredCredential = Omit<CredentialRecord, 'credential'> & { json: string }

const toStored = ({ credential, ...rest }: CredentialRecord): StoredCredential => ({ ...rest, json: JSON.stringify(credential) })
const fromStored = (doc: StoredCredential | null): CredentialRecord | null => {
  if (!doc) return null
  const { json, ...rest } = doc
  return { ...rest, credential: JSON.parse(json) as Record<string, unknown> }
}

/** Issued credentials; `_id` is the credential id, so one id is one credential, whoever retries (STYLE.md §5). */
export function createCredentialStore (db: Db) {
  const col = db.collection<StoredCredential>('credentials')
  return {
    async ensureIndexes (): Promise<void> {
      await col.createIndex({ segment: 1 })
      await col.createIndex({ issuerId: 1, createdAt: 1 })
      await col.createIndex({ batchId: 1 })
      await col.createIndex({ statusGroup: 1 })
    },
    /** Inserts; returns false when the id was already issued (the stored one wins). */
    async insert (record: Omit<CredentialRecord, 'segment' | 'createdAt'>): Promise<boolean> {
      return insertOnce(col, toStored({ ...record, segment: credentialKey(record._id), createdAt: new Date() }))
    },
    async get (id: string): Promise<CredentialRecord | null> {
      return fromStored(await col.findOne({ _id: id }))
    },
    /**
     * Inserts many (a batch chunk) with unordered insertMany. A duplicate `_id` was issued before (a crash
     * between insert and recording the row): the stored credential wins, as with `insert`.
     */
    async insertMany (records: Array<Omit<CredentialRecord, 'segment' | 'createdAt'>>): Promise<void> {
      const now = new Date()
      await insertAll(col, records.map(r => toStored({ ...r, segment: credentialKey(r._id), createdAt: now })))
    },
    async getBySegment (segment: string): Promise<CredentialRecord | null> {
      return fromStored(await col.findOne({ segment }))
    },
    /** The credentials of a batch, parsed (tests). */
    async byBatch (batchId: string): Promise<CredentialRecord[]> {
      return (await col.find({ batchId }).toArray()).map(d => fromStored(d) as CredentialRecord)
    }
  }
}

export type CredentialStore = ReturnType<typeof createCredentialStore>
