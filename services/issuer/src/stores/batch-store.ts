import { MongoBulkWriteError, type Collection, type Db, type OptionalUnlessRequiredId } from 'mongodb'
import type { IssueRequest } from '@obp/ob3'
import { DUPLICATE_KEY, isDuplicateKey } from './credential-store.js'

export type BatchState = 'queued' | 'running' | 'completed'
export type RowState = 'pending' | 'succeeded' | 'failed'

export interface BatchRecord {
  _id: string
  issuerId: string
  state: BatchState
  total: number
  chunks: number
  webhookUrl?: string
  /** HMAC key of the completion webhook (symmetric: it has to be stored to sign) */
  webhookSecret?: string
  webhook?: { state: 'pending' | 'delivered' | 'failed'; attempts: number; lastError?: string; deliveredAt?: Date }
  succeeded?: number
  failed?: number
  createdAt: Date
  startedAt?: Date
  completedAt?: Date
}

export interface RowError { code: string; message: string }

/** A row as accepted; never updated (its outcome is a `batch_results` document). */
export interface BatchRowRecord {
  _id: string // `${batchId}:${row}`
  batchId: string
  row: number
  chunk: number
  award: IssueRequest
  /** precomputed, so a re-run of the row issues the same credential (or finds it issued) */
  credentialId: string
}

/** A row's outcome, written once (the first one recorded wins): no document is ever updated per row. */
export type RowResult = { row: number; state: 'succeeded' } | { row: number; state: 'failed'; error: RowError }
export interface BatchResultRecord {
  _id: string // `${batchId}:${row}`, as the row
  batchId: string
  chunk: number
  row: number
  state: 'succeeded' | 'failed'
  error?: RowError
  at: Date
}

/** Written once when every row of a chunk has its result. */
export interface BatchChunkRecord {
  _id: string // `${batchId}:${chunk}`
  batchId: string
  chunk: number
  succeeded: number
  failed: number
  at: Date
}

const SLICE = 1000

/** insertMany that treats a duplicate `_id` as "already written" (idempotent steps). */
async function insertAll<T extends { _id: string }> (col: Collection<T>, docs: T[]): Promise<void> {
  for (let i = 0; i < docs.length; i += SLICE) {
    try {
      await col.insertMany(docs.slice(i, i + SLICE) as Array<OptionalUnlessRequiredId<T>>, { ordered: false })
    } catch (err) {
      if (!(err instanceof MongoBulkWriteError)) throw err
      const errors = Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors]
      if (errors.length === 0 || errors.some(e => e.code !== DUPLICATE_KEY)) throw err
    }
  }
}

/**
 * Batches, their rows, the rows' results and the finished chunks (STYLE.md §5). Everything a worker writes per
 * row or chunk is an insert keyed by `_id` and every read is an equality on indexed fields: no per-row update,
 * no count, no `$in` (on FerretDB 1.24 each updated document costs about a millisecond, and `$in` and counts
 * scan the collection; ARCHITECTURE.md). Counts come from the results, never from increments, so a retry
 * cannot skew them.
 */
export function createBatchStore (db: Db) {
  const batches = db.collection<BatchRecord>('batches')
  const rows = db.collection<BatchRowRecord>('batch_rows')
  const results = db.collection<BatchResultRecord>('batch_results')
  const chunks = db.collection<BatchChunkRecord>('batch_chunks')
  const finishedChunks = async (batchId: string): Promise<{ chunks: number; succeeded: number; failed: number }> => {
    const done = await chunks.find({ batchId }).toArray()
    return done.reduce((s, c) => ({ chunks: s.chunks + 1, succeeded: s.succeeded + c.succeeded, failed: s.failed + c.failed }), { chunks: 0, succeeded: 0, failed: 0 })
  }
  const resultDocs = (batchId: string, chunkOf: (row: number) => number, list: RowResult[], at: Date): BatchResultRecord[] =>
    list.map(r => ({ _id: `${batchId}:${r.row}`, batchId, chunk: chunkOf(r.row), row: r.row, state: r.state, ...(r.state === 'failed' ? { error: r.error } : {}), at }))
  return {
    async ensureIndexes (): Promise<void> {
      await batches.createIndex({ issuerId: 1, createdAt: 1 })
      await rows.createIndex({ batchId: 1, chunk: 1 })
      await results.createIndex({ batchId: 1, chunk: 1 })
      await chunks.createIndex({ batchId: 1 })
    },
    /** Rows (and the results of rows refused at validation) first, then the batch: a visible batch is whole. Safe to repeat. */
    async create (batch: BatchRecord, list: BatchRowRecord[], refused: RowResult[], chunkSize: number): Promise<void> {
      await insertAll(rows, list)
      await insertAll(results, resultDocs(batch._id, row => Math.floor(row / chunkSize), refused, batch.createdAt))
      try {
        await batches.insertOne(batch)
      } catch (err) {
        if (!isDuplicateKey(err)) throw err
      }
    },
    async get (batchId: string): Promise<BatchRecord | null> {
      return batches.findOne({ _id: batchId })
    },
    /** The chunk's rows that have no result yet. */
    async pendingRows (batchId: string, chunk: number): Promise<BatchRowRecord[]> {
      const [all, done] = await Promise.all([
        rows.find({ batchId, chunk }).toArray(),
        results.find({ batchId, chunk }, { projection: { row: 1 } }).toArray()
      ])
      const finished = new Set(done.map(r => r.row))
      return all.filter(r => !finished.has(r.row)).sort((a, b) => a.row - b.row)
    },
    async markRunning (batchId: string): Promise<void> {
      await batches.updateOne({ _id: batchId, state: 'queued' }, { $set: { state: 'running', startedAt: new Date() } })
    },
    /** Records outcomes of a chunk's rows (insert only; a row that already has one keeps it). */
    async recordResults (batchId: string, chunk: number, list: RowResult[]): Promise<void> {
      if (list.length > 0) await insertAll(results, resultDocs(batchId, () => chunk, list, new Date()))
    },
    /**
     * Marks the chunk finished (every row has its result) with its counts, then answers how many chunks of the
     * batch are finished with their summed counts. Each chunk writes before it reads, so whichever finishes
     * last sees all of them.
     */
    async finishChunk (batchId: string, chunk: number): Promise<{ chunks: number; succeeded: number; failed: number }> {
      const mine = await results.find({ batchId, chunk }, { projection: { state: 1 } }).toArray()
      const succeeded = mine.filter(r => r.state === 'succeeded').length
      await insertAll(chunks, [{ _id: `${batchId}:${chunk}`, batchId, chunk, succeeded, failed: mine.length - succeeded, at: new Date() }])
      return finishedChunks(batchId)
    },
    finishedChunks,
    /** Every row with its outcome (pending when it has none yet), in row order. */
    async results (batchId: string): Promise<Array<{ row: number; state: RowState; credentialId: string; error?: RowError }>> {
      const [all, done] = await Promise.all([
        rows.find({ batchId }, { projection: { _id: 0, row: 1, credentialId: 1 } }).toArray(),
        results.find({ batchId }, { projection: { _id: 0, row: 1, state: 1, error: 1 } }).toArray()
      ])
      const byRow = new Map(done.map(r => [r.row, r]))
      return all.sort((a, b) => a.row - b.row).map(r => {
        const result = byRow.get(r.row)
        return { row: r.row, credentialId: r.credentialId, state: result?.state ?? 'pending', ...(result?.error ? { error: result.error } : {}) }
      })
    },
    /** Completes the batch once; true only for the caller that did it. */
    async complete (batchId: string, counts: { succeeded: number; failed: number }): Promise<boolean> {
      const r = await batches.updateOne({ _id: batchId, state: { $ne: 'completed' } },
        { $set: { state: 'completed', completedAt: new Date(), ...counts } })
      return r.modifiedCount === 1
    },
    async setWebhook (batchId: string, webhook: NonNullable<BatchRecord['webhook']>): Promise<void> {
      await batches.updateOne({ _id: batchId }, { $set: { webhook } })
    }
  }
}

export type BatchStore = ReturnType<typeof createBatchStore>
