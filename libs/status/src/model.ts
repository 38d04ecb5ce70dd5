import type { Db } from 'mongodb'
import type { STATUS_PURPOSE } from './credential.js'

// Collections owned by @obp/status (ARCHITECTURE.md "Status lists"). One family of lists per issuer.

export interface StatusListRecord {
  _id: string // listId: the last path segment of the list credential URL
  issuerId: string
  purpose: typeof STATUS_PURPOSE
  /** the list's position in its issuer's family; unique per issuer so two processes never open the same next list */
  seq: number
  size: number
  /** entries handed out (a hint: the sum of `status_list_counts`); no new ones past `capacity` (allocator.ts) */
  allocated: number
  capacity: number
  state: 'open' | 'full'
  createdAt: Date
  fullAt?: Date
}

/**
 * One credential's slot. `_id` is the credential id, so a credential has at most one entry; {listId, index} is
 * unique, so a slot is never given twice. `state`: 'reserved' at allocation (before signing), 'bound' once the
 * credential is known to be stored, 'void' when the sweeper found no credential (the slot stays burnt, never reused).
 */
export interface StatusEntryRecord {
  _id: string // credentialId
  /** the last path segment of the credential id (CONTRACT.md: path parameters are last segments) */
  ref: string
  issuerId: string
  listId: string
  index: number
  state: 'reserved' | 'bound' | 'void'
  /**
   * Entries allocated together (a batch chunk): the caller stores its credentials with the same group, and the
   * sweeper settles the whole group with one read of each side and one update (sweeper.ts).
   */
  group?: string
  createdAt: Date
  updatedAt: Date
}

/**
 * One row per set bit, `_id` = `${listId}:${index}`. Setting a bit is an insert, clearing it a delete: both are
 * atomic on a MongoDB wire server without transactions, where concurrent updates of one document (an array of
 * bits, a counter) can lose writes (measured on FerretDB 1.24: 300 concurrent $inc on one document kept 21).
 */
export interface StatusRevocationRecord {
  _id: string
  listId: string
  index: number
  at: Date
  /** the reason, only when the issuer chose to publish it (public: GET /status-lists/:listId/entries/:index) */
  reason?: string
  /**
   * The change in progress on this bit, with everything its audit record needs: a status change is one unit
   * (status-store.ts). Written with the bit (revoke: in the same insert) or before it is cleared (restore), and
   * removed once the audit record exists; the revocation worker finishes any change left pending by a crash.
   */
  pending?: PendingChange
}

export interface PendingChange {
  /** the audit record's `_id`: finishing a change twice writes one record */
  changeId: string
  credentialId: string
  issuerId: string
  by: string
  at: Date
  reason?: string
  to: 'active' | 'revoked'
  /** the award whose change this one follows (a wallet copy's bit, status-store.ts): such a change does not cascade */
  award?: string
}

/**
 * A wallet copy's link to the award it was issued from (issue 17), so that revoking or restoring the award changes
 * the copy's own bit too. `_id` = `${awardId}|${n}`, n = 0, 1, 2 ...: written by an insert under the unique `_id`
 * (the next free n), found by reading `_id`s upward until a miss. FerretDB answers any other filter by scanning
 * the collection, and loses concurrent updates of one document (an array of copies on the award would).
 */
export interface StatusCopyRecord {
  _id: string
  awardId: string
  copyId: string
  issuerId: string
  createdAt: Date
}

export const copyKey = (awardId: string, n: number): string => `${awardId}|${n}`

export const revocationKey = (listId: string, index: number): string => `${listId}:${index}`

export interface StatusAuditRecord {
  _id: string
  credentialId: string
  issuerId: string
  listId: string
  /** API key id, or "admin" */
  by: string
  at: Date
  reason?: string
  from: 'active' | 'revoked'
  to: 'active' | 'revoked'
}

export function collections (db: Db) {
  return {
    lists: db.collection<StatusListRecord>('status_lists'),
    entries: db.collection<StatusEntryRecord>('status_entries'),
    audit: db.collection<StatusAuditRecord>('status_audit'),
    revocations: db.collection<StatusRevocationRecord>('status_revocations'),
    /** award -> wallet copies, read by `_id` only (no index besides it) */
    copies: db.collection<StatusCopyRecord>('status_copies'),
    /** allocation counts, one document per list and allocator instance (allocator.ts) */
    counts: db.collection<{ _id: string; listId: string; n: number }>('status_list_counts')
  }
}

/** Every index of the status collections, created in one place (STYLE.md §5). Plain unique indexes only (FerretDB). */
export async function ensureStatusIndexes (db: Db): Promise<void> {
  const { lists, entries, audit, revocations, counts } = collections(db)
  await revocations.createIndex({ listId: 1 })
  await revocations.createIndex({ 'pending.changeId': 1 })
  await counts.createIndex({ listId: 1 })
  await lists.createIndex({ issuerId: 1, purpose: 1, seq: 1 }, { unique: true })
  await lists.createIndex({ issuerId: 1, state: 1, seq: 1 })
  await entries.createIndex({ listId: 1, index: 1 }, { unique: true })
  await entries.createIndex({ issuerId: 1, ref: 1 })
  await entries.createIndex({ state: 1, createdAt: 1 })
  await entries.createIndex({ group: 1 })
  await audit.createIndex({ credentialId: 1, at: 1 })
}
