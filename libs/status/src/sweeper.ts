// Crash safety: an entry is allocated before its credential is signed and stored (so a stored credential always
// has an entry). If the issuer crashes in between, the entry is 'reserved' and points at nothing. The sweeper
// settles every reserved entry older than a grace period: 'bound' when the credential exists in the issuer's
// `credentials` collection, 'void' when it does not. A void slot is never reused (its bit stays 0); a retried
// issuance with the same credential id takes it back (allocator.ts), which sets `updatedAt`: only entries
// unchanged for the whole grace period are settled.
//
// Entries allocated with a `group` (a batch chunk, or the single awards of a few seconds, whose credentials carry
// the same group) are settled a group at a time: one read of the group's entries, one of its credentials, the
// entries without a credential one by one, and one update for the others. That keeps issuance free of per-credential
// updates (each costs about a millisecond on FerretDB 1.24) and avoids `$in`, which FerretDB answers by scanning
// the collection. Other entries (those their callers bind, as endorsements) are settled one by one, by `_id`.
import type { Db } from 'mongodb'
import { collections } from './model.js'

export interface SweepResult { bound: number; voided: number }

export interface SweepOptions {
  db: Db
  olderThanMs: number
  /** reserved entries read per round (default 1000) */
  limit?: number
  /** rounds per call while a round finds a full page (default 10) */
  maxRounds?: number
  credentialsCollection?: string
  /** the credentials' field holding the group given to allocateMany (default `statusGroup`) */
  credentialsGroupField?: string
}

export async function sweepReservedEntries (opts: SweepOptions): Promise<SweepResult> {
  const { entries } = collections(opts.db)
  const credentials = opts.db.collection<{ _id: string }>(opts.credentialsCollection ?? 'credentials')
  const groupField = opts.credentialsGroupField ?? 'statusGroup'
  const limit = opts.limit ?? 1000
  const total: SweepResult = { bound: 0, voided: 0 }
  const settle = async (id: string, state: 'bound' | 'void', cutoff: Date): Promise<void> => {
    const r = await entries.updateOne({ _id: id, state: 'reserved', updatedAt: { $lt: cutoff } }, { $set: { state, updatedAt: new Date() } })
    if (r.modifiedCount === 1) total[state === 'bound' ? 'bound' : 'voided']++
  }

  for (let round = 0; round < (opts.maxRounds ?? 10); round++) {
    const cutoff = new Date(Date.now() - opts.olderThanMs)
    const page = await entries.find({ state: 'reserved', createdAt: { $lt: cutoff } }, { projection: { _id: 1, group: 1 } }).limit(limit).toArray()
    const groups = new Set<string>()
    for (const e of page) {
      if (typeof e.group === 'string') { groups.add(e.group); continue }
      await settle(e._id, await credentials.findOne({ _id: e._id }, { projection: { _id: 1 } }) ? 'bound' : 'void', cutoff)
    }
    for (const group of groups) {
      const members = await entries.find({ group, state: 'reserved' }, { projection: { _id: 1, updatedAt: 1 } }).toArray()
      const due = members.filter(e => e.updatedAt < cutoff)
      const stored = new Set((await credentials.find({ [groupField]: group }, { projection: { _id: 1 } }).toArray()).map(c => String(c._id)))
      // a due entry whose credential is not in the group (a row or an award that failed after its allocation, a
      // crash, a retry that stored it under another group) is settled on its own first; then every entry of the
      // group still reserved and unchanged since the cutoff has its credential, and one update binds them (entries
      // allocated or taken back since the cutoff are newer than it, so the update leaves them for a later round)
      for (const e of due) {
        if (!stored.has(e._id)) await settle(e._id, await credentials.findOne({ _id: e._id }, { projection: { _id: 1 } }) ? 'bound' : 'void', cutoff)
      }
      if (due.some(e => stored.has(e._id))) {
        const r = await entries.updateMany({ group, state: 'reserved', updatedAt: { $lt: cutoff } }, { $set: { state: 'bound', updatedAt: new Date() } })
        total.bound += r.modifiedCount
      }
    }
    if (page.length < limit) break
  }
  return total
}
