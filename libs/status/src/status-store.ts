// Status changes, their audit trail, and what the publisher reads. Each change is one conditional update of the
// entry (so two concurrent revocations record one change), then an audit record, then the list's version bump
// that tells the publisher to re-sign.
import { randomUUID } from 'node:crypto'
import type { Db } from 'mongodb'
import { collections, type StatusAuditRecord, type StatusEntryRecord, type StatusListRecord } from './model.js'

export interface StatusChange {
  credentialId: string
  revoked: boolean
  /** API key id (or "admin") */
  by: string
  reason?: string
}

export interface StatusChangeResult {
  entry: StatusEntryRecord
  changed: boolean
  /** the list version after the change (publish at least this one) */
  version?: number
}

export function createStatusStore (db: Db) {
  const { lists, entries, audit } = collections(db)
  return {
    /** By full credential id, or by last path segment within one issuer (CONTRACT.md path parameters). */
    async findEntry (q: { credentialId: string; issuerId?: string }): Promise<StatusEntryRecord | null> {
      const byId = await entries.findOne({ _id: q.credentialId })
      if (byId) return q.issuerId && byId.issuerId !== q.issuerId ? null : byId
      if (!q.issuerId) return null
      return entries.findOne({ issuerId: q.issuerId, ref: q.credentialId })
    },

    async setRevoked (change: StatusChange): Promise<StatusChangeResult | null> {
      const now = new Date()
      const updated = await entries.findOneAndUpdate(
        { _id: change.credentialId, revoked: !change.revoked },
        { $set: { revoked: change.revoked, updatedAt: now } },
        { returnDocument: 'after' }
      )
      if (!updated) {
        const entry = await entries.findOne({ _id: change.credentialId })
        return entry ? { entry, changed: false } : null
      }
      const from = change.revoked ? 'active' : 'revoked'
      const to = change.revoked ? 'revoked' : 'active'
      const record: StatusAuditRecord = { _id: randomUUID(), credentialId: updated._id, issuerId: updated.issuerId, listId: updated.listId, by: change.by, at: now, from, to }
      if (change.reason !== undefined) record.reason = change.reason
      await audit.insertOne(record)
      const list = await lists.findOneAndUpdate({ _id: updated.listId }, { $inc: { version: 1 } }, { returnDocument: 'after', projection: { version: 1 } })
      return { entry: updated, changed: true, version: list?.version }
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

    /** The revoked slots of a list (what its bitstring shows). */
    async revokedIndices (listId: string): Promise<number[]> {
      const rows = await entries.find({ listId, revoked: true }, { projection: { index: 1 } }).toArray()
      return rows.map(r => r.index)
    }
  }
}

export type StatusStore = ReturnType<typeof createStatusStore>
