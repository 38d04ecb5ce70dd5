// The registry of network members (docs/decisions/0005-network-and-endorsements.md, "The network"). One document per issuer that was ever a member:
// removal sets `removedAt` and appends to `history`, so the record of who was a member, and when, is kept.
import type { Collection, Db } from 'mongodb'
import { isDuplicateKey } from '@obp/service-kit/store'

export interface MemberEvent { action: 'added' | 'removed'; at: Date }

export interface MemberRecord {
  _id: string // issuerId
  /** The issuer's DID (its Profile id), so readers holding only a credential (the verifier) can look it up. */
  did: string
  /** Start of the current membership. */
  since: Date
  removedAt?: Date
  history: MemberEvent[]
}

export type AddResult = { outcome: 'added' | 'readded' | 'existing'; member: MemberRecord }


export function createMemberStore (db: Db) {
  const members: Collection<MemberRecord> = db.collection<MemberRecord>('network_members')
  return {
    async ensureIndexes (): Promise<void> {
      await members.createIndex({ did: 1 })
      await members.createIndex({ since: 1 })
    },
    /** Idempotent: adding a current member changes nothing; re-adding a removed one starts a new membership. */
    async add (issuerId: string, did: string): Promise<AddResult> {
      const now = new Date()
      try {
        const member: MemberRecord = { _id: issuerId, did, since: now, history: [{ action: 'added', at: now }] }
        await members.insertOne(member)
        return { outcome: 'added', member }
      } catch (err) {
        if (!isDuplicateKey(err)) throw err
      }
      // Only a removed member is re-added; the filter makes a concurrent re-add a no-op.
      const readded = await members.findOneAndUpdate(
        { _id: issuerId, removedAt: { $exists: true } },
        { $set: { since: now, did }, $unset: { removedAt: '' }, $push: { history: { action: 'added', at: now } } },
        { returnDocument: 'after' }
      )
      if (readded) return { outcome: 'readded', member: readded }
      const existing = await members.findOne({ _id: issuerId })
      if (!existing) throw new Error(`network member ${issuerId} vanished during add`)
      return { outcome: 'existing', member: existing }
    },
    /** Returns false when the issuer is not a current member. */
    async remove (issuerId: string): Promise<boolean> {
      const now = new Date()
      const r = await members.updateOne(
        { _id: issuerId, removedAt: { $exists: false } },
        { $set: { removedAt: now }, $push: { history: { action: 'removed', at: now } } }
      )
      return r.matchedCount === 1
    },
    async get (issuerId: string): Promise<MemberRecord | null> {
      return members.findOne({ _id: issuerId })
    },
    async isMember (issuerId: string): Promise<boolean> {
      return (await members.countDocuments({ _id: issuerId, removedAt: { $exists: false } }, { limit: 1 })) === 1
    },
    /** Current members, oldest membership first. */
    async current (limit = 1000): Promise<MemberRecord[]> {
      return members.find({ removedAt: { $exists: false } }).sort({ since: 1 }).limit(limit).toArray()
    },
    async currentIds (): Promise<Set<string>> {
      const list = await members.find({ removedAt: { $exists: false } }, { projection: { _id: 1 } }).toArray()
      return new Set(list.map(m => m._id))
    }
  }
}

export type MemberStore = ReturnType<typeof createMemberStore>
