// What the issuer keeps, and for how long (ARCHITECTURE.md "Retention"). Run by the worker through service-kit's
// sweep. Expired sessions, emailed tokens and claim links are already refused on read; the sweep removes them.
// Credentials, their records listing and status entries are never swept: they are the issuer's register.
import type { Db } from 'mongodb'
import type { RetentionRule } from '@obp/service-kit'
import type { IssuerConfig } from './config.js'
import type { BatchRecord } from './stores/batch-store.js'
import { createIdempotencyStore } from './stores/idempotency-store.js'

const HOUR = 3_600_000
/** batches removed per pass: a pass stays short, the next one continues */
const BATCHES_PER_PASS = 100

const expiredAt = (db: Db, collection: string, name = collection): RetentionRule => ({
  name,
  sweep: async now => (await db.collection(collection).deleteMany({ expiresAt: { $lt: now } })).deletedCount
})

export function issuerRetentionRules (db: Db, config: Pick<IssuerConfig, 'IDEMPOTENCY_RETENTION_HOURS' | 'BATCH_RETENTION_DAYS'>): RetentionRule[] {
  return [
    // batches' records in `idempotency_keys`, single awards' in `award_keys` by the hour (stores/idempotency-store.ts)
    { name: 'idempotency_keys', sweep: async now => await createIdempotencyStore(db).sweep(new Date(now.getTime() - config.IDEMPOTENCY_RETENTION_HOURS * HOUR)) },
    expiredAt(db, 'console_sessions'),
    expiredAt(db, 'console_tokens'),
    expiredAt(db, 'claims'),
    { name: 'batches', sweep: now => sweepBatches(db, new Date(now.getTime() - config.BATCH_RETENTION_DAYS * 24 * HOUR)) }
  ]
}

/** Completed batches older than the cutoff: children first (by `_id`), the batch last, so a pass cut short resumes. */
async function sweepBatches (db: Db, cutoff: Date): Promise<number> {
  const batches = db.collection<BatchRecord>('batches')
  const failedRows = db.collection<{ _id: string; batchId: string; resolution?: unknown }>('batch_failed_rows')
  const old = await batches.find({ state: 'completed', completedAt: { $lt: cutoff } }, { projection: { _id: 1, chunks: 1 } }).limit(BATCHES_PER_PASS).toArray()
  let removed = 0
  for (const batch of old) {
    // a failed row waits for its operator's retry or dismissal (kept with a hashed identity only)
    if (await failedRows.findOne({ batchId: batch._id, resolution: { $exists: false } }, { projection: { _id: 1 } })) continue
    const ids = Array.from({ length: batch.chunks }, (_, chunk) => `${batch._id}:${chunk}`)
    for (const collection of ['batch_rows', 'batch_results', 'batch_chunks']) {
      for (const _id of ids) await db.collection<{ _id: string }>(collection).deleteOne({ _id })
    }
    await failedRows.deleteMany({ batchId: batch._id })
    removed += (await batches.deleteOne({ _id: batch._id })).deletedCount
  }
  return removed
}
