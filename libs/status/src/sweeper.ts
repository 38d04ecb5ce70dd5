// Crash safety: an entry is allocated before its credential is signed and stored (so a stored credential always
// has an entry). If the issuer crashes in between, the entry is 'reserved' and points at nothing. The sweeper
// settles every reserved entry older than a grace period: 'bound' when the credential exists in the issuer's
// `credentials` collection, 'void' when it does not. A void slot is never reused (its bit stays 0); a retried
// issuance with the same credential id takes it back (allocator.ts).
import type { Db } from 'mongodb'
import { collections } from './model.js'

export interface SweepResult { bound: number; voided: number }

export async function sweepReservedEntries (opts: { db: Db; olderThanMs: number; limit?: number; credentialsCollection?: string }): Promise<SweepResult> {
  const { entries } = collections(opts.db)
  const credentials = opts.db.collection<{ _id: string }>(opts.credentialsCollection ?? 'credentials')
  const cutoff = new Date(Date.now() - opts.olderThanMs)
  const reserved = await entries.find({ state: 'reserved', createdAt: { $lt: cutoff } }, { projection: { _id: 1 } }).limit(opts.limit ?? 1000).toArray()
  if (reserved.length === 0) return { bound: 0, voided: 0 }
  const ids = reserved.map(e => e._id)
  const stored = new Set((await credentials.find({ _id: { $in: ids } }, { projection: { _id: 1 } }).toArray()).map(c => c._id))
  const bind = ids.filter(id => stored.has(id))
  const voids = ids.filter(id => !stored.has(id))
  const now = new Date()
  if (bind.length) await entries.updateMany({ _id: { $in: bind }, state: 'reserved' }, { $set: { state: 'bound', updatedAt: now } })
  if (voids.length) await entries.updateMany({ _id: { $in: voids }, state: 'reserved' }, { $set: { state: 'void', updatedAt: now } })
  return { bound: bind.length, voided: voids.length }
}
