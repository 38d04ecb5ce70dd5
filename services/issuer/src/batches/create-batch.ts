// Storing a validated batch and queueing its chunks. Credential ids are decided here, once, so whatever
// re-runs a row (a retry, a recovered job after a crash) issues that same credential or finds it issued.
import { randomBytes, randomUUID } from 'node:crypto'
import type { IssueRequest } from '@obp/ob3'
import type { IssuerContext } from '../context.js'
import type { BatchCounts, BatchRecord, BatchRowRecord, RowResult } from '../stores/batch-store.js'
import { credentialUrl } from '../ids.js'
import type { RowProblem } from './validate-rows.js'
import { sealWebhookSecret } from '../webhooks/secret.js'

export interface NewBatch {
  batchId: string
  issuerId: string
  awards: unknown[]
  valid: Map<number, IssueRequest>
  problems: RowProblem[]
  webhookUrl?: string
  webhookSecret?: string
  retryOf?: BatchRecord['retryOf']
  notify?: boolean
}

export async function storeBatch (ctx: IssuerContext, b: NewBatch): Promise<BatchRecord> {
  const size = ctx.config.BATCH_CHUNK_SIZE
  // rows refused at validation (allowPartial) carry their reason: their chunk records them as failed
  const refused = new Map(b.problems.map(p => [p.row, { code: p.code, message: p.error }]))
  const rows: BatchRowRecord[] = b.awards.map((raw, row) => ({
    batchId: b.batchId, row, chunk: Math.floor(row / size),
    award: b.valid.get(row) ?? raw as IssueRequest, credentialId: credentialUrl(ctx.config.ISSUER_PUBLIC_URL, randomUUID()),
    ...(refused.has(row) ? { refused: refused.get(row) } : {})
  }))
  const batch: BatchRecord = {
    _id: b.batchId,
    issuerId: b.issuerId,
    state: 'queued',
    total: rows.length,
    chunks: Math.ceil(rows.length / size),
    createdAt: new Date(),
    ...(b.retryOf !== undefined ? { retryOf: b.retryOf } : {}),
    ...(b.notify === false ? { notify: false } : {}),
    ...(b.webhookUrl !== undefined
      ? { webhookUrl: b.webhookUrl, webhookSecretSealed: await sealWebhookSecret(ctx.custody, b.webhookSecret ?? randomBytes(32).toString('base64url')), webhook: { state: 'pending', attempts: 0 } }
      : {})
  }
  await ctx.batches.create(batch, rows)
  return (await ctx.batches.get(b.batchId)) ?? batch
}

/** One job per chunk, keyed `${batchId}-${chunk}`: queueing twice (a replayed request) adds nothing. */
export async function enqueueBatch (ctx: IssuerContext, batch: BatchRecord): Promise<void> {
  const jobs = Array.from({ length: batch.chunks }, (_, chunk) => ({
    name: 'issue-chunk',
    data: { batchId: batch._id, chunk },
    opts: { jobId: `${batch._id}-${chunk}` }
  }))
  for (let i = 0; i < jobs.length; i += 500) await ctx.queues.batches.addBulk(jobs.slice(i, i + 500))
  if (batch.chunks === 0) await completeIfAllFinished(ctx, batch, { chunks: 0, succeeded: 0, failed: 0 })
}

/**
 * Called with the outcome of every row of a chunk: records the chunk as finished and, when it is the last one,
 * completes the batch (once: the state filter decides) and queues the webhook. The webhook job is keyed by the
 * batch, so a crash between the steps is repaired when the chunk's job runs again.
 */
export async function finishChunk (ctx: IssuerContext, batch: BatchRecord, chunk: number, results: RowResult[]): Promise<boolean> {
  const done = await ctx.batches.finishChunk(batch._id, chunk, results, batch.chunks)
  return completeIfAllFinished(ctx, batch, done)
}

/** A chunk found finished by a re-run: the batch may still need completing (a crash after the chunk's marker). */
export async function completeIfDone (ctx: IssuerContext, batch: BatchRecord): Promise<boolean> {
  return completeIfAllFinished(ctx, batch, await ctx.batches.finishedChunks(batch._id, batch.chunks))
}

async function completeIfAllFinished (ctx: IssuerContext, batch: BatchRecord, done: BatchCounts): Promise<boolean> {
  if (done.chunks < batch.chunks) return false
  // every chunk has its results: the rows (recipients' addresses) are no longer needed. Deleted first, so a
  // completed batch never keeps them (a crash here is repaired by the last chunk's job running again)
  await ctx.batches.dropRows(batch._id)
  await ctx.batches.complete(batch._id, { succeeded: done.succeeded, failed: done.failed })
  if (batch.webhookUrl) await ctx.queues.webhooks.add('batch.completed', { batchId: batch._id }, { jobId: `webhook-${batch._id}` })
  return true
}
