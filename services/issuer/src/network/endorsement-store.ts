// The `endorsements` collection (shared data model): one document per endorsement, from the request (if any)
// through issue to acceptance by the endorsed issuer. `_id` is the uuid that ends the EndorsementCredential id,
// so a request's id is also the id of the endorsement issued for it.
import type { Collection, Db, Filter } from 'mongodb'
import { isDuplicateKey } from '@obp/service-kit/store'

export type EndorsementState = 'requested' | 'issued' | 'accepted' | 'declined'
export type SubjectKind = 'achievement' | 'profile'

export interface EndorsementRecord {
  _id: string
  endorserIssuerId: string
  subjectId: string
  subjectIssuerId: string
  subjectKind: SubjectKind
  credential?: Record<string, unknown> & { id: string }
  state: EndorsementState
  revoked?: boolean
  /**
   * `${endorserIssuerId} ${subjectId}` while the endorsement is live (issued or accepted, not known revoked), else
   * its own `_id`. A plain unique index on it keeps one live endorsement per endorser and subject under
   * concurrency (FerretDB has no partial indexes, and a sparse one would collide on null).
   */
  liveSlot: string
  /** The requester's note to the endorser (requests only). */
  message?: string
  createdAt: Date
  issuedAt?: Date
  acceptedAt?: Date
  declinedAt?: Date
}

export type NewEndorsement = Pick<EndorsementRecord, '_id' | 'endorserIssuerId' | 'subjectId' | 'subjectIssuerId' | 'subjectKind'>

export const liveSlotOf = (e: Pick<EndorsementRecord, 'endorserIssuerId' | 'subjectId'>): string => `${e.endorserIssuerId} ${e.subjectId}`

/** Thrown when the pair already has a live endorsement: `holder` is its id. */
export class LiveSlotTaken extends Error {
  constructor (readonly holder: string) { super(`live endorsement ${holder}`) }
}

export function createEndorsementStore (db: Db) {
  const col: Collection<EndorsementRecord> = db.collection<EndorsementRecord>('endorsements')
  return {
    async ensureIndexes (): Promise<void> {
      await col.createIndex({ subjectIssuerId: 1, state: 1 })
      await col.createIndex({ endorserIssuerId: 1, state: 1 })
      await col.createIndex({ subjectId: 1 })
      await col.createIndex({ liveSlot: 1 }, { unique: true })
    },
    /**
     * Runs `write`, which takes the pair's live slot. When the slot is held by an endorsement that `isRevoked`
     * says is revoked, the slot is released (given back to the holder's own id) and `write` runs once more;
     * otherwise LiveSlotTaken names the holder.
     */
    async withLiveSlot<T> (pair: string, isRevoked: (credentialId: string) => Promise<boolean | null>, write: () => Promise<T>): Promise<T> {
      for (let attempt = 0; ; attempt++) {
        try {
          return await write()
        } catch (err) {
          if (!isDuplicateKey(err)) throw err
          const holder = await col.findOne({ liveSlot: pair })
          if (!holder) { if (attempt < 2) continue; throw err }
          if (attempt >= 2 || !holder.credential || await isRevoked(holder.credential.id) !== true) throw new LiveSlotTaken(holder._id)
          await col.updateOne({ _id: holder._id, liveSlot: pair }, { $set: { liveSlot: holder._id, revoked: true } })
        }
      }
    },
    async get (id: string): Promise<EndorsementRecord | null> {
      return col.findOne({ _id: id })
    },
    async insertRequest (e: NewEndorsement, message?: string): Promise<EndorsementRecord> {
      const record: EndorsementRecord = { ...e, state: 'requested', liveSlot: e._id, createdAt: new Date(), ...(message ? { message } : {}) }
      await col.insertOne(record)
      return record
    },
    async insertIssued (e: NewEndorsement, credential: EndorsementRecord['credential']): Promise<EndorsementRecord> {
      const now = new Date()
      const record: EndorsementRecord = { ...e, state: 'issued', liveSlot: liveSlotOf(e), credential, createdAt: now, issuedAt: now }
      await col.insertOne(record)
      return record
    },
    /** requested -> issued; null when the request was no longer pending (a concurrent issue or decline). */
    async issueRequest (id: string, endorserIssuerId: string, credential: EndorsementRecord['credential'], liveSlot: string): Promise<EndorsementRecord | null> {
      return col.findOneAndUpdate(
        { _id: id, endorserIssuerId, state: 'requested' },
        { $set: { state: 'issued', credential, issuedAt: new Date(), liveSlot } },
        { returnDocument: 'after' }
      )
    },
    async decline (id: string, endorserIssuerId: string): Promise<EndorsementRecord | null> {
      return col.findOneAndUpdate(
        { _id: id, endorserIssuerId, state: 'requested' },
        { $set: { state: 'declined', declinedAt: new Date() } },
        { returnDocument: 'after' }
      )
    },
    /** issued -> accepted; accepting an accepted one keeps its first date. Returns the record as it now is. */
    async accept (id: string, subjectIssuerId: string): Promise<EndorsementRecord | null> {
      await col.updateOne({ _id: id, subjectIssuerId, state: 'issued' }, { $set: { state: 'accepted', acceptedAt: new Date() } })
      return col.findOne({ _id: id, subjectIssuerId })
    },
    /** accepted -> issued: the endorsed issuer stops showing it. */
    async hide (id: string, subjectIssuerId: string): Promise<EndorsementRecord | null> {
      return col.findOneAndUpdate(
        { _id: id, subjectIssuerId, state: { $in: ['issued', 'accepted'] } },
        { $set: { state: 'issued' }, $unset: { acceptedAt: '' } },
        { returnDocument: 'after' }
      )
    },
    /** The `revoked` hint (the status entry is the truth). */
    async markRevoked (ids: string[], revoked: boolean): Promise<void> {
      if (ids.length > 0) await col.updateMany({ _id: { $in: ids } }, { $set: { revoked } })
    },
    async find (filter: Filter<EndorsementRecord>, limit = 500): Promise<EndorsementRecord[]> {
      return col.find(filter).sort({ createdAt: 1 }).limit(limit).toArray()
    }
  }
}

export type EndorsementStore = ReturnType<typeof createEndorsementStore>
