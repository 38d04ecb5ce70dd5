// Status changes and their audit trail. The truth of a bit is its `status_revocations` row (model.ts): revoking
// inserts it (unique _id: two concurrent revocations record one change), restoring deletes it.
//
// A change is one idempotent unit without transactions: the row carries the change (`pending`) from the moment
// the bit is set (revoke: the same insert) or before it is cleared (restore: an update of the row), the audit
// record is then inserted under the change's id, and only then is `pending` removed (or the row deleted). A crash
// at any step leaves a pending row; the next call on that credential or the revocation worker's sweep
// (`settlePending`) finishes it from what the row holds. So no bit is ever set without its audit record, and
// the worker's sweep also republishes any list whose published bits differ from the stored ones.
import { randomUUID } from 'node:crypto'
import type { Db } from 'mongodb'
import { isDuplicateKey, retryTransient } from '@obp/service-kit/store'
import { collections, revocationKey, type PendingChange, type StatusAuditRecord, type StatusEntryRecord, type StatusListRecord, type StatusRevocationRecord } from './model.js'

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

  function pendingOf (entry: StatusEntryRecord, change: StatusChange): PendingChange {
    return {
      changeId: randomUUID(), credentialId: entry._id, issuerId: entry.issuerId, by: change.by, at: new Date(),
      to: change.revoked ? 'revoked' : 'active', ...(change.reason !== undefined ? { reason: change.reason } : {})
    }
  }

  /** The audit record, then the row's final state. Every step can be repeated. */
  async function finish (row: Pick<StatusRevocationRecord, '_id' | 'listId'>, p: PendingChange): Promise<void> {
    const record: StatusAuditRecord = {
      _id: p.changeId, credentialId: p.credentialId, issuerId: p.issuerId, listId: row.listId, by: p.by, at: p.at,
      from: p.to === 'revoked' ? 'active' : 'revoked', to: p.to, ...(p.reason !== undefined ? { reason: p.reason } : {})
    }
    await retryTransient(async () => {
      try { await audit.insertOne(record) } catch (err) { if (!isDuplicateKey(err)) throw err }
    })
    if (p.to === 'revoked') await retryTransient(() => revocations.updateOne({ _id: row._id, 'pending.changeId': p.changeId }, { $unset: { pending: '' } }))
    else await retryTransient(() => revocations.deleteOne({ _id: row._id, 'pending.changeId': p.changeId }))
  }

  async function revoke (entry: StatusEntryRecord, change: StatusChange): Promise<boolean> {
    const _id = revocationKey(entry.listId, entry.index)
    const pending = pendingOf(entry, change)
    try {
      // a published reason sits on the bit itself (the public status record reads it); the audit keeps it either way
      const published = change.publishReason === true && change.reason !== undefined ? { reason: change.reason } : {}
      await retryTransient(() => revocations.insertOne({ _id, listId: entry.listId, index: entry.index, at: pending.at, ...published, pending }))
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
      // already revoked; a change left half-done by a crash is finished now
      const row = await revocations.findOne({ _id })
      if (row?.pending) await finish(row, row.pending)
      return false
    }
    await finish({ _id, listId: entry.listId }, pending)
    return true
  }

  async function restore (entry: StatusEntryRecord, change: StatusChange): Promise<boolean> {
    const _id = revocationKey(entry.listId, entry.index)
    for (let attempt = 0; attempt < 3; attempt++) {
      const row = await revocations.findOne({ _id })
      if (!row) return false
      if (row.pending) {
        await finish(row, row.pending)
        continue
      }
      const pending = pendingOf(entry, change)
      const marked = await retryTransient(() => revocations.updateOne({ _id, pending: { $exists: false } }, { $set: { pending } }))
      if (marked.modifiedCount === 0) continue
      await finish(row, pending)
      return true
    }
    return false
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
      const changed = change.revoked ? await revoke(entry, change) : await restore(entry, change)
      return { entry, changed }
    },

    /** Finishes the changes a crash left pending (the revocation worker's sweep); returns the lists they touch. */
    async settlePending (limit = 1000): Promise<string[]> {
      const rows = await revocations.find({ pending: { $exists: true } }).limit(limit).toArray()
      for (const row of rows) if (row.pending) await finish(row, row.pending)
      return [...new Set(rows.map(r => r.listId))]
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

    /** Every list's id (the worker's sweep compares each list's stored bits with what it last published). */
    async listIds (): Promise<string[]> {
      return (await lists.find({}, { projection: { _id: 1 } }).toArray()).map(l => l._id)
    },

    /** The set bits of a list, ascending: what its published bitstring must show. */
    async revokedIndices (listId: string): Promise<number[]> {
      const rows = await revocations.find({ listId }, { projection: { index: 1 } }).toArray()
      return rows.map(r => r.index).sort((a, b) => a - b)
    }
  }
}

export type StatusStore = ReturnType<typeof createStatusStore>
