// Idempotency keys (draft-ietf-httpapi-idempotency-key-header): the record is inserted before the work, with the id
// the work will produce, so a replay or a concurrent twin finds it and finishes the same work (unique `_id`, no
// transactions needed).
// A single award's record is kept in `award_keys`, beside the award's own claim (`_id` `issuer:award:key`, where an
// award key is `issuer|achievement|recipient`): both are claimed at once, and the group commit (service-kit store.ts)
// sends them as one insert, so an award with an Idempotency-Key costs no command of its own (measured on the issuer
// bench: one command fewer per award, about a tenth of the throughput of the API's thread on FerretDB). A batch's
// record stays in `idempotency_keys`.
// Retention (retention.ts): records older than IDEMPOTENCY_RETENTION_HOURS go. Those in `award_keys` are found by
// their hour (an equality, which every store answers from an index), through one marker per hour in
// `idempotency_keys`, written before the hour's first record; `award_keys` itself is never scanned.
import type { Collection, Db } from 'mongodb'
import { insertOnce } from '@obp/service-kit/store'

export interface IdempotencyRecord {
  _id: string // `${issuerId}:${kind}:${key}`
  issuerId: string
  bodyHash: string
  /** what the first request decided: a credential id or a batch id */
  resultId: string
  createdAt: Date
  /** UTC hour of `createdAt` (`YYYY-MM-DDTHH`): what the retention sweep of `award_keys` looks records up by */
  hour: string
}

/** One per hour with award records in `award_keys`, in `idempotency_keys`. */
interface HourMarker { _id: string; marks: 'award_keys'; hour: string; createdAt: Date }

export type Claim = { first: true; resultId: string } | { first: false; resultId: string; sameBody: boolean }

export interface ClaimRequest { issuerId: string; kind: string; key: string; bodyHash: string; resultId: string }

const hourOf = (at: Date): string => at.toISOString().slice(0, 13)
const HOUR_MS = 3_600_000

export function createIdempotencyStore (db: Db, opts: { awardKeys?: Collection<any> } = {}) {
  const col = db.collection<IdempotencyRecord | HourMarker>('idempotency_keys')
  // the award key store's own Collection object: the group commit batches per object
  const awards = (opts.awardKeys ?? db.collection('award_keys')) as Collection<IdempotencyRecord>
  const markedHours = new Set<string>()

  async function mark (hour: string): Promise<void> {
    await insertOnce(col, { _id: `hour:award_keys:${hour}`, marks: 'award_keys', hour, createdAt: new Date(`${hour}:00:00Z`) })
    if (markedHours.size > 1000) markedHours.clear()
    markedHours.add(hour)
  }

  async function insertClaim (target: Collection<IdempotencyRecord>, c: ClaimRequest, at: Date): Promise<Claim> {
    const _id = `${c.issuerId}:${c.kind}:${c.key}`
    // no await before the insert: claimed in the caller's turn of the event loop, so that it joins the award's claim
    if (await insertOnce(target, { _id, issuerId: c.issuerId, bodyHash: c.bodyHash, resultId: c.resultId, createdAt: at, hour: hourOf(at) })) {
      return { first: true, resultId: c.resultId }
    }
    const found = await target.findOne({ _id })
    if (!found) throw new Error('idempotency record vanished')
    return { first: false, resultId: found.resultId, sameBody: found.bodyHash === c.bodyHash }
  }

  return {
    async ensureIndexes (): Promise<void> {
      await Promise.all([col.createIndex({ issuerId: 1, createdAt: 1 }), col.createIndex({ marks: 1 }), awards.createIndex({ hour: 1 })])
    },
    /**
     * Claims the key for `resultId`: first, or the first request's id and whether its body was the same. An award's
     * claim (`kind: 'award'`) is inserted in the caller's turn of the event loop (once the hour is marked).
     */
    claim (c: ClaimRequest): Promise<Claim> {
      const at = new Date()
      if (c.kind !== 'award') return insertClaim(col as Collection<IdempotencyRecord>, c, at)
      const hour = hourOf(at)
      return markedHours.has(hour) ? insertClaim(awards, c, at) : mark(hour).then(async () => await insertClaim(awards, c, at))
    },
    /** Removes the records created before `cutoff` (an hour of award records once all of it is before); returns how many. */
    async sweep (cutoff: Date): Promise<number> {
      let removed = 0
      const markers = await col.find({ marks: 'award_keys' } as object).toArray() as HourMarker[]
      for (const m of markers.sort((a, b) => a.hour.localeCompare(b.hour))) {
        if (m.createdAt.getTime() + HOUR_MS > cutoff.getTime()) continue
        removed += (await awards.deleteMany({ hour: m.hour })).deletedCount
        await col.deleteOne({ _id: m._id })
        markedHours.delete(m.hour)
      }
      removed += (await col.deleteMany({ createdAt: { $lt: cutoff }, marks: { $exists: false } } as object)).deletedCount
      return removed
    }
  }
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>
