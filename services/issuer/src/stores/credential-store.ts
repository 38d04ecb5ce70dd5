import type { Db } from 'mongodb'
import { insertAll, insertOnce } from '@obp/service-kit/store'
import { credentialKey, credentialUrl, isScopedCredentialKey } from '../ids.js'

export interface CredentialRecord {
  /** the full credential id, or the issuer-scoped key when another issuer holds the id (@obp/documents ids.ts) */
  _id: string
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
  /** as read back: the signed credential's JSON text, byte for byte as it was returned when issued */
  json?: string
  createdAt: Date
}

/**
 * The stored document: the signed credential kept verbatim as the JSON text that was signed and returned
 * (`json`), never re-encoded field by field. It comes back byte for byte, and on FerretDB 1.24 a string costs
 * about a third of the CPU of the same credential as nested BSON (ARCHITECTURE.md, FerretDB notes).
 */
type StoredCredential = Omit<CredentialRecord, 'credential'> & { json: string }

const toStored = ({ credential, json: _json, ...rest }: CredentialRecord): StoredCredential => ({ ...rest, json: JSON.stringify(credential) })
/** `credential` is parsed on first use: the hosted JSON is served as the stored text (`json`), never parsed. */
const fromStored = (doc: StoredCredential | null): CredentialRecord | null => {
  if (!doc) return null
  const { json, ...rest } = doc
  let parsed: Record<string, unknown> | undefined
  return Object.defineProperty({ ...rest, json } as CredentialRecord, 'credential', {
    enumerable: true,
    get: () => (parsed ??= JSON.parse(json) as Record<string, unknown>)
  })
}

/**
 * `credential_refs`: last path segment -> credential id, for the credentials whose id is not this platform's own
 * URL (`urn:uuid:...` and other ids given to the VC-API), so that `GET /credentials/:segment` is always an `_id`
 * lookup: never a scan of `credentials`, which grows with every credential (and which a stranger's 404 would pay).
 */
interface CredentialRef { _id: string; credentialId: string }

/** Issued credentials; `_id` is the credential id, so one id is one credential, whoever retries (STYLE.md §5). */
export function createCredentialStore (db: Db, opts: { publicUrl: string }) {
  const col = db.collection<StoredCredential>('credentials')
  const refs = db.collection<CredentialRef>('credential_refs')
  /**
   * The refs a set of credentials needs: none for ids that are this platform's own URLs, and none for
   * issuer-scoped keys (the shared location belongs to the first holder of the id).
   */
  const refsOf = (ids: string[]): CredentialRef[] => ids
    .filter(id => id !== credentialUrl(opts.publicUrl, credentialKey(id)) && !isScopedCredentialKey(id))
    .map(id => ({ _id: credentialKey(id), credentialId: id }))
  return {
    async ensureIndexes (): Promise<void> {
      await col.createIndex({ segment: 1 })
      await col.createIndex({ issuerId: 1, createdAt: 1 })
      await col.createIndex({ batchId: 1 })
      await col.createIndex({ statusGroup: 1 })
    },
    /** Inserts; returns false when the id was already issued (the stored one wins). */
    async insert (record: Omit<CredentialRecord, 'segment' | 'createdAt'>): Promise<boolean> {
      // the ref first: once the credential exists, so does the way to find it (a duplicate ref is a retry, or
      // another credential with the same key, which keeps it)
      await insertAll(refs, refsOf([record._id]))
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
      await insertAll(refs, refsOf(records.map(r => r._id)))
      await insertAll(col, records.map(r => toStored({ ...r, segment: credentialKey(r._id), createdAt: now })))
    },
    /** A credential whose id is not this platform's URL, by its last segment (two `_id` lookups). */
    async getBySegment (segment: string): Promise<CredentialRecord | null> {
      const ref = await refs.findOne({ _id: segment })
      return ref ? fromStored(await col.findOne({ _id: ref.credentialId })) : null
    },
    /** The credentials of a batch, parsed (tests). */
    async byBatch (batchId: string): Promise<CredentialRecord[]> {
      return (await col.find({ batchId }).toArray()).map(d => fromStored(d) as CredentialRecord)
    }
  }
}

export type CredentialStore = ReturnType<typeof createCredentialStore>
