// The batch worker's job: issue the still-pending rows of one chunk. Rows already issued (a re-run after a
// crash or a retry) are found by their precomputed credential id and only marked. A row failing for good
// (bad data: a 4xx error) is recorded with its reason; other errors retry the job; on the last attempt
// they are recorded too, so nothing is silently dropped and the batch always completes.
import { UnrecoverableError } from 'bullmq'
import type { IssuerContext, BatchJob } from '../context.js'
import { issueAward, loadAwardBasis, type AwardBasis } from '../awards/issue-award.js'
import { finishIfDone } from './create-batch.js'

export function isPermanent (err: unknown): boolean {
  const status = (err as { statusCode?: unknown })?.statusCode
  return typeof status === 'number' && status >= 400 && status < 500
}

function reason (err: unknown): { code: string; message: string } {
  const e = err as { code?: unknown; message?: unknown }
  return { code: typeof e?.code === 'string' ? e.code : 'OBP_ISSUER_ROW_FAILED', message: typeof e?.message === 'string' ? e.message : String(err) }
}

export async function processChunk (ctx: IssuerContext, job: BatchJob, opts: { lastAttempt: boolean }): Promise<{ issued: number; failed: number }> {
  const batch = await ctx.batches.get(job.batchId)
  if (!batch) throw new UnrecoverableError(`batch ${job.batchId} not found`)
  await ctx.batches.markRunning(batch._id)
  const rows = await ctx.batches.pendingRows(batch._id, job.chunk)
  const bases = new Map<string, Promise<AwardBasis>>()
  // Rows issued before a crash are found in one query; successes are marked together, per chunk: a row issued
  // but not yet marked when the process dies is found issued on the re-run and marked then.
  const issuedBefore = await ctx.credentials.existing(rows.map(r => r.credentialId))
  const succeeded: number[] = []
  let issued = 0
  let failed = 0
  const flush = async (): Promise<void> => { await ctx.batches.markSucceeded(batch._id, succeeded.splice(0)) }
  for (const row of rows) {
    try {
      let basis = bases.get(row.award.achievementId)
      if (!basis) {
        basis = loadAwardBasis(ctx, batch.issuerId, row.award.achievementId)
        basis.catch(() => {})
        bases.set(row.award.achievementId, basis)
      }
      await issueAward(ctx, {
        issuerId: batch.issuerId, award: row.award, credentialId: row.credentialId, batchId: batch._id, row: row.row,
        basis: await basis, knownNew: !issuedBefore.has(row.credentialId)
      })
      succeeded.push(row.row)
      issued++
      if (succeeded.length >= 10) await flush()
    } catch (err) {
      if (!isPermanent(err) && !opts.lastAttempt) {
        await flush()
        throw err
      }
      await ctx.batches.markRow(batch._id, row.row, { state: 'failed', error: reason(err) })
      failed++
    }
  }
  await flush()
  await finishIfDone(ctx, batch._id)
  return { issued, failed }
}
