// Revocation state as the revocation service keeps it (libs/status collections, same database), read for a
// listing rather than copied into it: no second copy to keep in step with revoke and restore. The truth of a bit
// is its `status_revocations` row; its reason is in the audit trail.
import type { Db } from 'mongodb'
import { revocationKey, type StatusAuditRecord, type StatusListRecord, type StatusRevocationRecord } from '@obp/status'

export interface Revoked { at: Date; reason?: string }

export function createRevocationReader (db: Db) {
  const lists = db.collection<StatusListRecord>('status_lists')
  const revocations = db.collection<StatusRevocationRecord>('status_revocations')
  const audit = db.collection<StatusAuditRecord>('status_audit')
  return {
    /**
     * The set bits of every list of an issuer, by `listId:index`: equalities only (one per list; an issuer has a
     * few lists), bounded by how many of its credentials are revoked, not by how many exist.
     */
    async revokedOf (issuerId: string): Promise<Map<string, Date>> {
      const ids = (await lists.find({ issuerId }, { projection: { _id: 1 } }).toArray()).map(l => l._id)
      const rows = (await Promise.all(ids.map(listId => revocations.find({ listId }).toArray()))).flat()
      return new Map(rows.map(r => [revocationKey(r.listId, r.index), r.at]))
    },
    /** The reason given when a credential was last revoked, if any. */
    async reasonOf (credentialId: string): Promise<string | undefined> {
      const trail = await audit.find({ credentialId }).toArray()
      const last = trail.filter(a => a.to === 'revoked').sort((x, y) => y.at.getTime() - x.at.getTime())[0]
      return last?.reason
    }
  }
}

export type RevocationReader = ReturnType<typeof createRevocationReader>
