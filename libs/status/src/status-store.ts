// Status changes and their audit trail. The truth of a bit is its `status_revocations` row (model.ts): revoking
// inserts it (unique _id: two concurrent revocations record one change), restoring deletes it.
//
// A change is one idempotent unit without transactions: the row carries the change (`pending`) from the moment
// the bit is set (revoke: the same insert) or before it is cleared (restore: an update of the row), the audit
// record is then inserted under the change's id, and only then is `pending` removed (or the row deleted). A crash
// at any step leaves a pending row; the next call on that credential or the revocation worker's sweep
// (`settlePending`) finishes it from what the row holds. So no bit is ever set without its audit record, and
// the worker's sweep also republishes any list whose published bits differ from the stored ones.
//
// Wallet copies (issue 17) have their own entries, linked to their award in `status_copies` (model.ts). A change of
// the award changes every copy's bit as part of the award's unit: the copies follow after the award's audit
// record and before its `pending` is removed, so a crash in between is finished, copies included, by whoever
// finishes the award's change. Each copy's change is itself such a unit, so running the cascade again changes
// nothing twice.
import { randomUUID } from 'node:crypto'
import type { Db } from 'mongodb'
import { insertOnce, isDuplicateKey, retryTransient } from '@obp/service-kit/store'
import { scopedCredentialKey } from '@obp/documents'
import { collections, copyKey, revocationKey, type PendingChange, type StatusAuditRecord, type StatusEntryRecord, type StatusListRecord, type StatusRevocationRecord } from './model.js'

export interface StatusChange {
  credentialId: string
  revoked: boolean
  /** API key id (or "admin") */
  by: string
  reason?: string
  /** publish the reason with the bit (the public status record shows it); the audit keeps it either way */
  publishReason?: boolean
  /** the award this change follows (a wallet copy's bit, changed by the cascade or `followAward`) */
  award?: string
}

export interface StatusChangeResult {
  entry: StatusEntryRecord
  changed: boolean
  /** every list the change touched, the credential's first, then its wallet copies': each needs its publish */
  lists: string[]
}

interface Outcome { changed: boolean; lists: string[] }

/** The audit reason of a copy's change names the award it follows. */
const followReason = (reason: string | undefined, award: string): string => reason === undefined ? `follows award ${award}` : `${reason} (follows award ${award})`

export function createStatusStore (db: Db) {
  const { lists, entries, audit, revocations, copies } = collections(db)

  function pendingOf (entry: StatusEntryRecord, change: StatusChange): PendingChange {
    const reason = change.award !== undefined ? followReason(change.reason, change.award) : change.reason
    return {
      changeId: randomUUID(), credentialId: entry._id, issuerId: entry.issuerId, by: change.by, at: new Date(),
      to: change.revoked ? 'revoked' : 'active', ...(reason !== undefined ? { reason } : {}), ...(change.award !== undefined ? { award: change.award } : {})
    }
  }

  /** The wallet copies of an award: `_id`s read upward from n = 0 until a miss (model.ts StatusCopyRecord). */
  async function copiesOf (awardId: string): Promise<string[]> {
    const out: string[] = []
    for (let n = 0; ; n++) {
      const link = await copies.findOne({ _id: copyKey(awardId, n) })
      if (!link) return out
      out.push(link.copyId)
    }
  }

  /** The award's change applied to each of its copies (same principal, reason and published reason); their lists. */
  async function cascade (row: Pick<StatusRevocationRecord, 'reason'>, p: PendingChange): Promise<string[]> {
    const touched = new Set<string>()
    for (const copyId of await copiesOf(p.credentialId)) {
      // a link is written before its copy's entry: no entry yet means the copy's issuance re-checks the award (followAward)
      const entry = await entries.findOne({ _id: copyId })
      if (!entry || entry.state === 'void') continue
      const change: StatusChange = { credentialId: copyId, revoked: p.to === 'revoked', by: p.by, reason: p.reason, publishReason: row.reason !== undefined, award: p.credentialId }
      await (change.revoked ? revoke(entry, change) : restore(entry, change))
      touched.add(entry.listId)
    }
    return [...touched]
  }

  /** The audit record, the copies, then the row's final state. Every step can be repeated. */
  async function finish (row: Pick<StatusRevocationRecord, '_id' | 'listId' | 'reason'>, p: PendingChange): Promise<string[]> {
    const record: StatusAuditRecord = {
      _id: p.changeId, credentialId: p.credentialId, issuerId: p.issuerId, listId: row.listId, by: p.by, at: p.at,
      from: p.to === 'revoked' ? 'active' : 'revoked', to: p.to, ...(p.reason !== undefined ? { reason: p.reason } : {})
    }
    await retryTransient(async () => {
      try { await audit.insertOne(record) } catch (err) { if (!isDuplicateKey(err)) throw err }
    })
    const touched = p.award === undefined ? await cascade(row, p) : []
    if (p.to === 'revoked') await retryTransient(() => revocations.updateOne({ _id: row._id, 'pending.changeId': p.changeId }, { $unset: { pending: '' } }))
    else await retryTransient(() => revocations.deleteOne({ _id: row._id, 'pending.changeId': p.changeId }))
    return touched
  }

  async function revoke (entry: StatusEntryRecord, change: StatusChange): Promise<Outcome> {
    const _id = revocationKey(entry.listId, entry.index)
    const pending = pendingOf(entry, change)
    // a published reason sits on the bit itself (the public status record reads it); the audit keeps it either way
    const published: { reason?: string } = change.publishReason === true && change.reason !== undefined ? { reason: change.reason } : {}
    try {
      await retryTransient(() => revocations.insertOne({ _id, listId: entry.listId, index: entry.index, at: pending.at, ...published, pending }))
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
      // already revoked; a change left half-done by a crash is finished now
      const row = await revocations.findOne({ _id })
      return { changed: false, lists: row?.pending ? await finish(row, row.pending) : [] }
    }
    return { changed: true, lists: await finish({ _id, listId: entry.listId, ...published }, pending) }
  }

  async function restore (entry: StatusEntryRecord, change: StatusChange): Promise<Outcome> {
    const _id = revocationKey(entry.listId, entry.index)
    const touched = new Set<string>()
    for (let attempt = 0; attempt < 3; attempt++) {
      const row = await revocations.findOne({ _id })
      if (!row) break
      if (row.pending) {
        for (const l of await finish(row, row.pending)) touched.add(l)
        continue
      }
      const pending = pendingOf(entry, change)
      const marked = await retryTransient(() => revocations.updateOne({ _id, pending: { $exists: false } }, { $set: { pending } }))
      if (marked.modifiedCount === 0) continue
      for (const l of await finish(row, pending)) touched.add(l)
      return { changed: true, lists: [...touched] }
    }
    return { changed: false, lists: [...touched] }
  }

  return {
    /**
     * By full credential id, or by last path segment within one issuer (CONTRACT.md path parameters). Within an
     * issuer, its credential with an id another issuer held first is under its issuer-scoped key (@obp/documents
     * `scopedCredentialKey`): read only when the id itself is not this issuer's, so the usual revoke is one `_id` read.
     */
    async findEntry (q: { credentialId: string; issuerId?: string }): Promise<StatusEntryRecord | null> {
      const byId = await entries.findOne({ _id: q.credentialId })
      if (byId && (!q.issuerId || byId.issuerId === q.issuerId)) return byId
      if (!q.issuerId) return null
      const scoped = await entries.findOne({ _id: scopedCredentialKey(q.issuerId, q.credentialId) })
      if (scoped || byId) return scoped
      return entries.findOne({ issuerId: q.issuerId, ref: q.credentialId })
    },

    /** `entry` when the caller already read it (saves a read). */
    async setRevoked (change: StatusChange, known?: StatusEntryRecord): Promise<StatusChangeResult | null> {
      const entry = known ?? await entries.findOne({ _id: change.credentialId })
      if (!entry) return null
      const { changed, lists: copyLists } = change.revoked ? await revoke(entry, change) : await restore(entry, change)
      return { entry, changed, lists: [...new Set([entry.listId, ...copyLists])] }
    },

    /** Finishes the changes a crash left pending (the revocation worker's sweep), copies included; returns the lists they touch. */
    async settlePending (limit = 1000): Promise<string[]> {
      const rows = await revocations.find({ pending: { $exists: true } }).limit(limit).toArray()
      const touched = new Set(rows.map(r => r.listId))
      for (const row of rows) if (row.pending) for (const l of await finish(row, row.pending)) touched.add(l)
      return [...touched]
    },

    /**
     * Links a wallet copy to its award, before the copy's entry exists: the next free `${awardId}|${n}`, taken by an
     * insert under the unique `_id` (a concurrent copy that took n makes this one try n + 1).
     */
    async linkCopy (link: { awardId: string; copyId: string; issuerId: string }): Promise<void> {
      for (let n = 0; ; n++) {
        if (await retryTransient(() => insertOnce(copies, { _id: copyKey(link.awardId, n), ...link, createdAt: new Date() }))) return
      }
    },

    copiesOf,

    /**
     * A copy stored while its award was being revoked (services/issuer holder-credential.ts): the cascade may have
     * read the links before this copy's entry existed, so the issuance re-checks the award once the copy is stored
     * and linked. A set bit is applied to the copy (the revoking principal and reason, from the pending change or
     * the award's audit); a restore of the award seen after that is applied too. Returns the copy's list when its
     * bit changed (its publish is the caller's), else null.
     */
    async followAward (q: { awardId: string; copyId: string }): Promise<string | null> {
      const [award, copy] = await Promise.all([entries.findOne({ _id: q.awardId }), entries.findOne({ _id: q.copyId })])
      if (!award || !copy) return null
      const key = revocationKey(award.listId, award.index)
      const row = await revocations.findOne({ _id: key })
      if (!row || row.pending?.to === 'active') return null // in force, or being restored
      const last = row.pending ?? (await audit.find({ credentialId: q.awardId, to: 'revoked' }).sort({ at: -1 }).limit(1).toArray())[0]
      const change: StatusChange = { credentialId: q.copyId, revoked: true, by: last?.by ?? 'system', reason: last?.reason, publishReason: row.reason !== undefined, award: q.awardId }
      const revoked = await revoke(copy, change)
      // a restore of the award that read the links before this bit existed did not see it: follow it too
      const now = await revocations.findOne({ _id: key })
      if (!now || now.pending?.to === 'active') {
        const restored = await restore(copy, { ...change, revoked: false })
        return restored.changed || revoked.changed ? copy.listId : null
      }
      return revoked.changed ? copy.listId : null
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
