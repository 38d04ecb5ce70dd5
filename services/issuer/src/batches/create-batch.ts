// Storing a validated batch and queueing its chunks. Credential ids are decided here, once, so whatever
// re-runs a row (a retry, a recovered job after a crash) issues that same credential or finds it issued.
import { randomBytes, randomUUID } from 'node:crypto'
import type { IssueRequest } from '@obp/ob3'
import type { IssuerContext } from '../context.js'
import type { BatchRecord, BatchRowRecord } from '../stores/batch-store.js'
import { credentialUrl } from '../ids.js'
import type { RowProblem } from './validate-rows.js'

export interface NewBatch {
  batchId: string
  issuerId: string
  awards: unknown[]
  valid: Map<number, IssueRequest>
  problems: RowProblem[]
  webhookUrl?: string
  webhookSecret?: string
}

export async function storeBatch (ctx: IssuerContext, b: NewBatch): Promise<BatchRecord> {
  const size = ctx.config.BATCH_CHUNK_SIZE
  const failed = new Map(b.problems.map(p => [p.row, p]))
  const rows: BatchRowRecord[] = b.awards.map((raw, row) => {
    const problem = failed.get(row)
    const base = { _id: `${b.batchId}:${row}`, batchId: b.batchId, row, chunk: Math.floor(row / size), credentialId: credentialUrl(ctx.config.ISSUER_PUBLIC_URL, randomUUID()) }
    return problem
      ? { ...base, award: raw as IssueRequest, state: 'failed', error: { code: problem.code, message: problem.error }, doneAt: new Date() }
      : { ...base, award: b.valid.get(row) as IssueRequest, state: 'pending' }
  })
  const batch: BatchRecord = {
    _id: b.batchId,
    issuerId: b.issuerId,
    state: 'queued',
    total: rows.length,
    chunks: Math.ceil(rows.length / size),
    createdAt: new Date(),
    ...(b.webhookUrl !== undefined
      ? { webhookUrl: b.webhookUrl, webhookSecret: b.webhookSecret ?? randomBytes(32).toString('base64url'), webhook: { state: 'pending', attempts: 0 } }
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
  if (batch.chunks === 0) await finishIfDone(ctx, batch._id)
}

/**
 * Completes the batch when no row is pending (once: the state filter decides), then queues the webhook. The
 * webhook job is keyed by the batch, so a crash between the two steps is repaired by the next caller.
 */
export async function finishIfDone (ctx: IssuerContext, batchId: string): Promise<boolean> {
  if (await ctx.batches.pendingCount(batchId) > 0) return false
  const counts = await ctx.batches.counts(batchId)
  await ctx.batches.complete(batchId, { succeeded: counts.succeeded, failed: counts.failed })
  const batch = await ctx.batches.get(batchId)
  if (batch?.webhookUrl) await ctx.queues.webhooks.add('batch.completed', { batchId }, { jobId: `webhook-${batchId}` })
  return true
}
