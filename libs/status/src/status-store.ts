// Status changes and their audit trail. The list document is the truth of the bits: one conditional, atomic
// update flips the bit and bumps the list's version (two concurrent revocations of one credential record one
// change). The entry's `revoked` mirror and the audit record follow; a retry after a crash in between finds the
// bit already flipped but the mirror not, and completes the change.
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

  async function flipBit (entry: StatusEntryRecord, revoked: boolean): Promise<number | undefined> {
    const filter = revoked ? { _id: entry.listId, revoked: { $ne: entry.index } } : { _id: entry.listId, revoked: entry.index }
    const update = revoked
      ? { $addToSet: { revoked: entry.index }, $inc: { version: 1 } }
      : { $pull: { revoked: entry.index }, $inc: { version: 1 } }
    const after = await lists.findOneAndUpdate(filter, update, { returnDocument: 'after' })
    return after?.version
  }

  return {
    /** By full credential id, or by last path segment within one issuer (CONTRACT.md path parameters). */
    async findEntry (q: { credentialId: string; issuerId?: string }): Promise<StatusEntryRecord | null> {
      const byId = await entries.findOne({ _id: q.credentialId })
      if (byId) return q.issuerId && byId.issuerId !== q.issuerId ? null : byId
      if (!q.issuerId) return null
      return entries.findOne({ issuerId: q.issuerId, ref: q.credentialId })
    },

    async setRevoked (change: StatusChange): Promise<StatusChangeResult | null> {
      const entry = await entries.findOne({ _id: change.credentialId })
      if (!entry) return null
      const version = await flipBit(entry, change.revoked)
      const now = new Date()
      const mirror = await entries.updateOne({ _id: entry._id, revoked: !change.revoked }, { $set: { revoked: change.revoked, updatedAt: now } })
      const current = { ...entry, revoked: change.revoked }
      if (version === undefined && mirror.modifiedCount === 0) return { entry: current, changed: false }
      const from = change.revoked ? 'active' : 'revoked'
      const to = change.revoked ? 'revoked' : 'active'
      const record: StatusAuditRecord = { _id: randomUUID(), credentialId: entry._id, issuerId: entry.issuerId, listId: entry.listId, by: change.by, at: now, from, to }
      if (change.reason !== undefined) record.reason = change.reason
      await audit.insertOne(record)
      return { entry: current, changed: true, version }
    },

    async history (credentialId: string): Promise<StatusAuditRecord[]> {
      return audit.find({ credentialId }).sort({ at: 1 }).toArray()
    },

    async getList (listId: string): Promise<StatusListRecord | null> {
      return lists.findOne({ _id: listId })
    },

    async listsOf (issuerId: string): Promise<StatusListRecord[]> {
      return lists.find({ issuerId }).sort({ seq: 1 }).toArray()
    }
  }
}

export type StatusStore = ReturnType<typeof createStatusStore>
