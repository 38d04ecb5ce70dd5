// Chunk-level writes of the batch worker (issue 10): one round trip per chunk and step instead of one per row.
// Each is idempotent under the collections' unique `_id`s, so a re-run after a crash repeats them harmlessly.
// (They work on the same collections and record shapes as stores/credential-store.ts and batch-store.ts.)
import { MongoBulkWriteError } from 'mongodb'
import type { IssuerContext } from '../context.js'
import type { CredentialRecord } from '../stores/credential-store.js'
import type { BatchRowRecord, RowError } from '../stores/batch-store.js'
import { DUPLICATE_KEY } from '../stores/credential-store.js'
import { credentialJobId, lastSegment } from '../ids.js'

const SLICE = 500

/**
 * Inserts the chunk's signed credentials with unordered insertMany. A duplicate `_id` means the row was issued
 * before (a crash between insert and marking): the stored credential wins, as in `issueAward` (ARCHITECTURE.md step 4).
 */
export async function insertCredentials (ctx: IssuerContext, records: Array<Omit<CredentialRecord, 'segment' | 'createdAt'>>): Promise<void> {
  const col = ctx.db.collection<CredentialRecord>('credentials')
  const now = new Date()
  for (let i = 0; i < records.length; i += SLICE) {
    const docs = records.slice(i, i + SLICE).map(r => ({ ...r, segment: lastSegment(r._id), createdAt: now }))
    try {
      await col.insertMany(docs, { ordered: false })
    } catch (err) {
      if (!(err instanceof MongoBulkWriteError)) throw err
      const errors = Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors]
      if (errors.length === 0 || errors.some(e => e.code !== DUPLICATE_KEY)) throw err
    }
  }
}

/** Rows that failed for good, each with its reason: one bulkWrite (only pending rows change). */
export async function markFailed (ctx: IssuerContext, batchId: string, failures: Array<{ row: number; error: RowError }>): Promise<void> {
  if (failures.length === 0) return
  const now = new Date()
  await ctx.db.collection<BatchRowRecord>('batch_rows').bulkWrite(failures.map(f => ({
    updateOne: { filter: { _id: `${batchId}:${f.row}`, state: 'pending' }, update: { $set: { state: 'failed', error: f.error, doneAt: now } } }
  })), { ordered: false })
}

/** `credential.issued` for every stored credential of the chunk, keyed by credential id (STYLE.md §11). */
export async function emitIssued (ctx: IssuerContext, events: Array<{ credentialId: string; issuerId: string; achievementId?: string; batchId: string }>): Promise<void> {
  for (let i = 0; i < events.length; i += SLICE) {
    await ctx.queues.events.addBulk(events.slice(i, i + SLICE).map(e => ({
      name: 'credential.issued',
      data: { type: 'credential.issued' as const, ...e },
      opts: { jobId: credentialJobId(e.credentialId) }
    })))
  }
}
