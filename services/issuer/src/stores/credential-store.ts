import { MongoBulkWriteError, type Collection, type Db, type OptionalUnlessRequiredId } from 'mongodb'
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
  /** a batch chunk's credentials share the status group of their entries (libs/status sweeper.ts) */
  statusGroup?: string
  /** a holder-bound copy (wallet delivery): the award it was made from, whose status entry it shares */
  derivedFrom?: string
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

export const DUPLICATE_KEY = 11000

export function isDuplicateKey (err: unknown): boolean {
  return (err as { code?: unknown })?.code === DUPLICATE_KEY
}

/**
 * Unordered insertMany in slices, where a duplicate `_id` means "written before" (an idempotent step repeated
 * after a crash): the stored document wins. Any other write error is thrown.
 */
export async function insertAll<T extends { _id: string }> (col: Collection<T>, docs: T[], slice = 500): Promise<void> {
  for (let i = 0; i < docs.length; i += slice) {
    try {
      await col.insertMany(docs.slice(i, i + slice) as Array<OptionalUnlessRequiredId<T>>, { ordered: false })
    } catch (err) {
      if (!(err instanceof MongoBulkWriteError)) throw err
      const errors = Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors]
      if (errors.length === 0 || errors.some(e => e.code !== DUPLICATE_KEY)) throw err
    }
  }
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
      try {
        await col.insertOne(toStored({ ...record, segment: lastSegment(record._id), createdAt: new Date() }))
        return true
      } catch (err) {
        if (isDuplicateKey(err)) return false
        throw err
      }
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
      await insertAll(col, records.map(r => toStored({ ...r, segment: lastSegment(r._id), createdAt: now })))
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
