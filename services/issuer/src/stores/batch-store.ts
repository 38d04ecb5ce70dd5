import type { Db } from 'mongodb'
import type { IssueRequest } from '@obp/ob3'
import { insertAll, isDuplicateKey } from '@obp/service-kit/store'
import type { SealedKey } from '@obp/signing'

export type BatchState = 'queued' | 'running' | 'completed'
export type RowState = 'pending' | 'succeeded' | 'failed'

export interface BatchRecord {
  _id: string
  issuerId: string
  state: BatchState
  total: number
  chunks: number
  webhookUrl?: string
  /** `false`: no learner is notified */
  notify?: boolean
  /** HMAC key of the completion webhook (symmetric: it has to be stored to sign), sealed under the KEK */
  webhookSecretSealed?: SealedKey
  webhook?: { state: 'pending' | 'delivered' | 'failed'; attempts: number; lastError?: string; deliveredAt?: Date }
  succeeded?: number
  failed?: number
  /** a retry batch: the batch whose failed rows it retries, and each of its rows' row there */
  retryOf?: { batchId: string; rows: number[] }
  createdAt: Date
  startedAt?: Date
  completedAt?: Date
}

export interface RowError {
  code: string
  message: string
  /** OBP_ISSUER_ALREADY_AWARDED: the credential the recipient holds */
  existingCredentialId?: string
}

/** A row as accepted; never updated (its outcome is part of its chunk's `batch_results` document). */
export interface BatchRowRecord {
  batchId: string
  row: number
  chunk: number
  award: IssueRequest
  /** precomputed, so a re-run of the row issues the same credential (or finds it issued) */
  credentialId: string
  /** why the row was refused at validation (allowPartial): it fails with this reason, nothing is issued */
  refused?: RowError
}

/**
 * `batch_rows`: the rows of one chunk in one document, as JSON text. Rows are immutable and only ever read a
 * chunk at a time by `_id`, never queried by field: on FerretDB 1.24 this costs a tenth of the CPU of a
 * document per row, to write and to read (ARCHITECTURE.md).
 */
interface BatchChunkRows {
  _id: string // `${batchId}:${chunk}`
  batchId: string
  chunk: number
  rows: string // JSON: BatchRowRecord[]
}

export type RowResult = { row: number; credentialId: string; state: 'succeeded' } | { row: number; credentialId: string; state: 'failed'; error: RowError }

/** Every row's outcome of one chunk, written once when the chunk is finished (the first write wins). */
export interface BatchResultRecord {
  _id: string // `${batchId}:${chunk}`
  batchId: string
  chunk: number
  results: RowResult[]
  at: Date
}

/** A small marker per finished chunk with its counts: what progress and completion read. */
export interface BatchChunkRecord {
  _id: string // `${batchId}:${chunk}`
  batchId: string
  chunk: number
  succeeded: number
  failed: number
  at: Date
}

export interface BatchCounts { chunks: number; succeeded: number; failed: number }

/**
 * Batches, their rows, the rows' results and the finished chunks (STYLE.md §5). Everything a worker writes per
 * row or chunk is an insert keyed by `_id` and every read is an equality on indexed fields: no per-row update,
 * no count, no `$in` (on FerretDB 1.24 each updated document costs about a millisecond, and `$in` and counts
 * scan the collection; ARCHITECTURE.md). Counts come from the results, never from increments, so a retry
 * cannot skew them.
 */
export function createBatchStore (db: Db) {
  const batches = db.collection<BatchRecord>('batches')
  const rows = db.collection<BatchChunkRows>('batch_rows')
  const results = db.collection<BatchResultRecord>('batch_results')
  const chunks = db.collection<BatchChunkRecord>('batch_chunks')
  /**
   * A batch's per-chunk documents, each by its `_id` (`batchId:chunk`): the cost follows the batch's size, never the
   * collection's (a `batchId` filter or `$in` is a scan on FerretDB, which grows with every batch ever run).
   */
  async function perChunk<T> (get: (_id: string) => Promise<T | null>, batchId: string, count: number): Promise<T[]> {
    const out: T[] = []
    for (let first = 0; first < count; first += 16) {
      const ids = Array.from({ length: Math.min(16, count - first) }, (_, i) => `${batchId}:${first + i}`)
      for (const doc of await Promise.all(ids.map(get))) if (doc) out.push(doc)
    }
    return out
  }
  const finishedChunks = async (batchId: string, count: number): Promise<BatchCounts> => {
    const done = await perChunk(_id => chunks.findOne({ _id }), batchId, count)
    return done.reduce((s, c) => ({ chunks: s.chunks + 1, succeeded: s.succeeded + c.succeeded, failed: s.failed + c.failed }), { chunks: 0, succeeded: 0, failed: 0 })
  }
  return {
    async ensureIndexes (): Promise<void> {
      await batches.createIndex({ issuerId: 1, createdAt: 1 })
      await rows.createIndex({ batchId: 1 })
      await results.createIndex({ batchId: 1 })
      await chunks.createIndex({ batchId: 1 })
    },
    /**
     * Rows first, then the batch: a visible batch is whole. Safe to repeat. A batch whose document could not be
     * written takes its rows away with it (they hold recipients' addresses and no batch would ever run them).
     */
    async create (batch: BatchRecord, list: BatchRowRecord[]): Promise<void> {
      const byChunk = new Map<number, BatchRowRecord[]>()
      for (const r of list) {
        const members = byChunk.get(r.chunk)
        if (members) members.push(r)
        else byChunk.set(r.chunk, [r])
      }
      try {
        await insertAll(rows, [...byChunk].map(([chunk, members]) => ({ _id: `${batch._id}:${chunk}`, batchId: batch._id, chunk, rows: JSON.stringify(members) })))
        await batches.insertOne(batch)
      } catch (err) {
        if (isDuplicateKey(err)) return // written before: a repeated request
        await rows.deleteMany({ batchId: batch._id }).catch(() => {})
        throw err
      }
    },
    /** An issuer's batches without their secrets (one equality: bounded by its own batches). */
    async ofIssuer (issuerId: string): Promise<BatchRecord[]> {
      return batches.find({ issuerId }, { projection: { webhookSecret: 0 } }).toArray()
    },
    async get (batchId: string): Promise<BatchRecord | null> {
      return batches.findOne({ _id: batchId })
    },
    /** The chunk's rows, unless the chunk is finished (then none). */
    async pendingRows (batchId: string, chunk: number): Promise<BatchRowRecord[]> {
      if (await chunks.findOne({ _id: `${batchId}:${chunk}` })) return []
      const doc = await rows.findOne({ _id: `${batchId}:${chunk}` })
      return doc ? JSON.parse(doc.rows) as BatchRowRecord[] : []
    },
    async markRunning (batchId: string): Promise<void> {
      await batches.updateOne({ _id: batchId, state: 'queued' }, { $set: { state: 'running', startedAt: new Date() } })
    },
    /**
     * Records a finished chunk: its rows' outcomes (one document; a chunk finished before keeps its own), then
     * its marker, then answers how many chunks of the batch are finished, with their counts. Each chunk writes
     * before it reads, so whichever finishes last sees all of them.
     */
    async finishChunk (batchId: string, chunk: number, list: RowResult[], count: number): Promise<BatchCounts> {
      const _id = `${batchId}:${chunk}`
      let kept = list
      try {
        await results.insertOne({ _id, batchId, chunk, results: list, at: new Date() })
      } catch (err) {
        if (!isDuplicateKey(err)) throw err
        kept = (await results.findOne({ _id }))?.results ?? list // finished before: its results stand
      }
      const succeeded = kept.filter(r => r.state === 'succeeded').length
      await insertAll(chunks, [{ _id, batchId, chunk, succeeded, failed: kept.length - succeeded, at: new Date() }])
      return finishedChunks(batchId, count)
    },
    finishedChunks,
    /** Every row with its outcome (pending while its chunk is not finished), in row order. */
    async results (batch: BatchRecord): Promise<Array<{ row: number; state: RowState; credentialId?: string; error?: RowError }>> {
      const out: Array<{ row: number; state: RowState; credentialId?: string; error?: RowError }> = Array.from({ length: batch.total }, (_, row) => ({ row, state: 'pending' }))
      for (const doc of await perChunk(_id => results.findOne({ _id }), batch._id, batch.chunks)) {
        for (const r of doc.results) out[r.row] = r
      }
      return out
    },
    /**
     * Deletes the batch's rows once it is completed: they hold the recipients' addresses, and everything kept
     * (results with credential ids, counts) is in the results and markers. Idempotent.
     */
    async dropRows (batchId: string): Promise<void> {
      await rows.deleteMany({ batchId })
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
