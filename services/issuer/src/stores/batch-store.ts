import type { Db } from 'mongodb'
import type { IssueRequest } from '@obp/ob3'
import { isDuplicateKey } from './credential-store.js'

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

export interface BatchRowRecord {
  _id: string // `${batchId}:${row}`
  batchId: string
  row: number
  chunk: number
  award: IssueRequest
  /** precomputed, so a re-run of the row issues the same credential (or finds it issued) */
  credentialId: string
  state: RowState
  error?: RowError
  doneAt?: Date
}

const SLICE = 1000

/** Batches and their rows (STYLE.md §5). Counts are read from the rows, never incremented, so a retry cannot skew them. */
export function createBatchStore (db: Db) {
  const batches = db.collection<BatchRecord>('batches')
  const rows = db.collection<BatchRowRecord>('batch_rows')
  return {
    async ensureIndexes (): Promise<void> {
      await batches.createIndex({ issuerId: 1, createdAt: 1 })
      await rows.createIndex({ batchId: 1, chunk: 1, row: 1 })
      await rows.createIndex({ batchId: 1, state: 1 })
    },
    /** Rows first, then the batch: a visible batch always has all its rows. Safe to repeat. */
    async create (batch: BatchRecord, list: BatchRowRecord[]): Promise<void> {
      for (let i = 0; i < list.length; i += SLICE) {
        try {
          await rows.insertMany(list.slice(i, i + SLICE), { ordered: false })
        } catch (err) {
          if (!isDuplicateKey(err) && !/E11000|duplicate key/.test(String((err as Error).message))) throw err
        }
      }
      try {
        await batches.insertOne(batch)
      } catch (err) {
        if (!isDuplicateKey(err)) throw err
      }
    },
    async get (batchId: string): Promise<BatchRecord | null> {
      return batches.findOne({ _id: batchId })
    },
    async pendingRows (batchId: string, chunk: number): Promise<BatchRowRecord[]> {
      return rows.find({ batchId, chunk, state: 'pending' }).sort({ row: 1 }).toArray()
    },
    async markRunning (batchId: string): Promise<void> {
      await batches.updateOne({ _id: batchId, state: 'queued' }, { $set: { state: 'running', startedAt: new Date() } })
    },
    async markRow (batchId: string, row: number, result: { state: 'succeeded' } | { state: 'failed'; error: RowError }): Promise<void> {
      await rows.updateOne({ _id: `${batchId}:${row}`, state: 'pending' }, { $set: { ...result, doneAt: new Date() } })
    },
    /** Marks many rows succeeded at once (a chunk's rows, after they are issued). */
    async markSucceeded (batchId: string, rowNumbers: number[]): Promise<void> {
      if (rowNumbers.length === 0) return
      await rows.updateMany({ _id: { $in: rowNumbers.map(r => `${batchId}:${r}`) }, state: 'pending' }, { $set: { state: 'succeeded', doneAt: new Date() } })
    },
    async pendingCount (batchId: string): Promise<number> {
      return rows.countDocuments({ batchId, state: 'pending' })
    },
    async counts (batchId: string): Promise<Record<RowState, number>> {
      const [pending, succeeded, failed] = await Promise.all((['pending', 'succeeded', 'failed'] as const)
        .map(state => rows.countDocuments({ batchId, state })))
      return { pending, succeeded, failed }
    },
    async results (batchId: string): Promise<Array<Pick<BatchRowRecord, 'row' | 'state' | 'credentialId' | 'error'>>> {
      return rows.find({ batchId }, { projection: { _id: 0, row: 1, state: 1, credentialId: 1, error: 1 } }).sort({ row: 1 }).toArray()
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
