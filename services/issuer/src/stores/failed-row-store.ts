// `batch_failed_rows`: each failed row's input, kept after its batch completes (the batch's rows, which hold
// addresses, are deleted then) until the operator retries or dismisses it. The recipient's email or sourcedId is
// replaced by its keyed hash (records/lookup-key.ts): the row can be recognised, never read back.
import type { Db } from 'mongodb'
import { insertAll } from '@obp/service-kit/store'
import type { RowError } from './batch-store.js'

export type Resolution = { action: 'retried'; batchId: string; row: number; at: Date } | { action: 'dismissed'; at: Date }

export interface FailedRowRecord {
  _id: string // `${batchId}:${row}`
  batchId: string
  row: number
  /** the award as sent, the recipient's address replaced by `recipientHash` */
  input: Record<string, unknown>
  error: RowError
  /** whether the kept input can be issued as it is (a DID recipient): others need the corrected row */
  complete: boolean
  resolution?: Resolution
  at: Date
}

export function createFailedRowStore (db: Db) {
  const col = db.collection<FailedRowRecord>('batch_failed_rows')
  return {
    async ensureIndexes (): Promise<void> {
      await col.createIndex({ batchId: 1 })
    },
    /** Written by the chunk that failed them, before its results: a re-run writes the same `_id`s (kept). */
    async keep (rows: FailedRowRecord[]): Promise<void> {
      await insertAll(col, rows)
    },
    async ofBatch (batchId: string): Promise<FailedRowRecord[]> {
      return (await col.find({ batchId }).toArray()).sort((a, b) => a.row - b.row)
    },
    /** Resolves an unresolved row once (the filter decides); false when it was resolved already. */
    async resolve (batchId: string, row: number, resolution: Resolution): Promise<boolean> {
      const r = await col.updateOne({ _id: `${batchId}:${row}`, resolution: { $exists: false } }, { $set: { resolution } })
      return r.modifiedCount === 1
    }
  }
}

export type FailedRowStore = ReturnType<typeof createFailedRowStore>
