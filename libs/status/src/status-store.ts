// Status changes and their audit trail. The truth of a bit is its `status_revocations` row (model.ts): revoking
// inserts it (unique _id: two concurrent revocations record one change), restoring deletes it. The audit record
// follows the change; a crash in between loses that one record (no transactions on the wire server), never the bit.
import { randomUUID } from 'node:crypto'
import { MongoServerError, type Db } from 'mongodb'
import { retryTransient } from './retry.js'
import { collections, revocationKey, type StatusAuditRecord, type StatusEntryRecord, type StatusListRecord, type StatusRevocationRecord } from './model.js'

export interface StatusChange {
  credentialId: string
  revoked: boolean
  /** API key id (or "admin") */
  by: string
  reason?: string
  /** publish the reason with the bit (the public status record shows it); the audit keeps it either way */
  publishReason?: boolean
}

export interface StatusChangeResult {
  entry: StatusEntryRecord
  changed: boolean
}

export function createStatusStore (db: Db) {
  const { lists, entries, audit, revocations } = collections(db)

  async function flipBit (entry: StatusEntryRecord, revoked: boolean, publicReason?: string): Promise<boolean> {
    const _id = revocationKey(entry.listId, entry.index)
    if (!revoked) return (await revocations.deleteOne({ _id })).deletedCount === 1
    try {
      await revocations.insertOne({ _id, listId: entry.listId, index: entry.index, at: new Date(), ...(publicReason !== undefined ? { reason: publicReason } : {}) })
      return true
    } catch (err) {
      if (err instanceof MongoServerError && err.code === 11000) return false
      throw err
    }
  }

  return {
    /** By full credential id, or by last path segment within one issuer (CONTRACT.md path parameters). */
    async findEntry (q: { credentialId: string; issuerId?: string }): Promise<StatusEntryRecord | null> {
      const byId = await entries.findOne({ _id: q.credentialId })
      if (byId) return q.issuerId && byId.issuerId !== q.issuerId ? null : byId
      if (!q.issuerId) return null
      return entries.findOne({ issuerId: q.issuerId, ref: q.credentialId })
    },

    /** `entry` when the caller already read it (saves a read). */
    async setRevoked (change: StatusChange, known?: StatusEntryRecord): Promise<StatusChangeResult | null> {
      const entry = known ?? await entries.findOne({ _id: change.credentialId })
      if (!entry) return null
      const publicReason = change.publishReason === true ? change.reason : undefined
      const flipped = await retryTransient(() => flipBit(entry, change.revoked, publicReason))
      const now = new Date()
      if (!flipped) return { entry, changed: false }
      const from = change.revoked ? 'active' : 'revoked'
      const to = change.revoked ? 'revoked' : 'active'
      const record: StatusAuditRecord = { _id: randomUUID(), credentialId: entry._id, issuerId: entry.issuerId, listId: entry.listId, by: change.by, at: now, from, to }
      if (change.reason !== undefined) record.reason = change.reason
      await retryTransient(() => audit.insertOne(record))
      return { entry, changed: true }
    },

    /** A slot's set bit, by `_id`: when it was revoked and the published reason; null while in force. */
    async revocationOf (listId: string, index: number): Promise<StatusRevocationRecord | null> {
      return revocations.findOne({ _id: revocationKey(listId, index) })
    },

    async history (credentialId: string): Promise<StatusAuditRecord[]> {
      return audit.find({ credentialId }).sort({ at: 1 }).toArray()
    },

    async getList (listId: string): Promise<StatusListRecord | null> {
      return lists.findOne({ _id: listId })
    },

    async listsOf (issuerId: string): Promise<StatusListRecord[]> {
      return lists.find({ issuerId }).sort({ seq: 1 }).toArray()
    },

    /** The set bits of a list, ascending: what its published bitstring must show. */
    async revokedIndices (listId: string): Promise<number[]> {
      const rows = await revocations.find({ listId }, { projection: { index: 1 } }).toArray()
      return rows.map(r => r.index).sort((a, b) => a - b)
    }
  }
}

export type StatusStore = ReturnType<typeof createStatusStore>
