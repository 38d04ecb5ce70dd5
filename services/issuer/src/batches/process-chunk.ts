// The batch worker's job: issue the still-pending rows of one chunk, in bulk (issue 10): one read of the rows,
// one look-up of those already issued, one allocateMany, build + sign in process, one unordered insertMany, one
// bind, one addBulk of events, then one mark per outcome. The same guarantees as the per-row path (issue 5):
// - exactly one credential per row: credential ids are precomputed per row, the credential `_id` is unique and
//   a duplicate on insert means an earlier attempt stored it (that one wins);
// - rows are marked succeeded only after their credential, status binding and event exist, so a crash at any
//   point leaves them pending and the re-run finds them issued and finishes the last steps;
// - a row failing for good (a 4xx error) is recorded with its reason; other errors retry the job (after the
//   rows that did succeed are recorded); on the last attempt they are recorded too: nothing is dropped.
import { UnrecoverableError } from 'bullmq'
import type { IssuerContext, BatchJob } from '../context.js'
import type { BatchRowRecord, RowError } from '../stores/batch-store.js'
import { buildAward, loadAwardBasis, type AwardBasis } from '../awards/issue-award.js'
import { SigningUnavailable } from '../errors.js'
import { finishIfDone } from './create-batch.js'
import { emitIssued, insertCredentials, markFailed } from './bulk-writes.js'
import { signRows, type RowToSign } from './sign-rows.js'

export function isPermanent (err: unknown): boolean {
  const status = (err as { statusCode?: unknown })?.statusCode
  return typeof status === 'number' && status >= 400 && status < 500
}

function reason (err: unknown): RowError {
  const e = err as { code?: unknown; message?: unknown }
  return { code: typeof e?.code === 'string' ? e.code : 'OBP_ISSUER_ROW_FAILED', message: typeof e?.message === 'string' ? e.message : String(err) }
}

/** One basis per distinct achievement of the chunk, loaded in parallel; a failed load is that basis's error. */
async function loadBases (ctx: IssuerContext, issuerId: string, rows: BatchRowRecord[]): Promise<Map<string, AwardBasis | { error: unknown }>> {
  const refs = [...new Set(rows.map(r => r.award.achievementId))]
  const loaded = await Promise.all(refs.map(ref => loadAwardBasis(ctx, issuerId, ref).catch((error: unknown) => ({ error }))))
  return new Map(refs.map((ref, i) => [ref, loaded[i]]))
}

export async function processChunk (ctx: IssuerContext, job: BatchJob, opts: { lastAttempt: boolean }): Promise<{ issued: number; failed: number }> {
  const batch = await ctx.batches.get(job.batchId)
  if (!batch) throw new UnrecoverableError(`batch ${job.batchId} not found`)
  const issuerId = batch.issuerId
  await ctx.batches.markRunning(batch._id)
  const rows = await ctx.batches.pendingRows(batch._id, job.chunk)
  const [issuedBefore, bases] = await Promise.all([ctx.credentials.existing(rows.map(r => r.credentialId)), loadBases(ctx, issuerId, rows)])

  const failures: Array<{ row: number; error: RowError }> = []
  let retryable: unknown
  const fail = (row: BatchRowRecord, err: unknown): void => {
    if (isPermanent(err) || opts.lastAttempt) failures.push({ row: row.row, error: reason(err) })
    else retryable ??= err // the row stays pending; the job is retried once the others are recorded
  }
  const done: Array<{ row: BatchRowRecord; achievementId?: string }> = []
  const fresh: Array<{ row: BatchRowRecord; basis: AwardBasis }> = []
  for (const row of rows) {
    const basis = bases.get(row.award.achievementId)
    if (issuedBefore.has(row.credentialId)) {
      // issued before a crash: only the last steps (bind, event, mark) are left, and they are idempotent
      done.push({ row, achievementId: basis && !('error' in basis) ? basis.achievement._id : undefined })
    } else if (!basis || 'error' in basis) {
      fail(row, basis?.error)
    } else {
      try {
        buildAward(basis, row.award, row.credentialId) // refuse bad awards before a status slot is spent
        fresh.push({ row, basis })
      } catch (err) { fail(row, err) }
    }
  }

  if (fresh.length > 0) {
    let active: Awaited<ReturnType<IssuerContext['signers']['signerFor']>> = null
    let signerError: unknown
    try { active = await ctx.signers.signerFor(issuerId) } catch (err) { signerError = err }
    if (!active) {
      for (const f of fresh) fail(f.row, signerError ?? new SigningUnavailable(issuerId))
    } else {
      // Status slots for the whole chunk at once (random, idempotent per credential id): libs/status allocateMany
      const statuses = await ctx.status.allocateMany({ issuerId, credentialIds: fresh.map(f => f.row.credentialId) })
      const todo: RowToSign[] = fresh.map((f, i) => ({ ...f, status: statuses[i] }))
      const signed = await signRows(ctx, active, todo)
      const stored = []
      for (const s of signed) {
        if ('error' in s) fail(s.row, s.error)
        else stored.push(s)
      }
      await insertCredentials(ctx, stored.map(s => ({
        _id: s.row.credentialId, issuerId, achievementId: s.basis.achievement._id, credential: s.credential, batchId: batch._id, row: s.row.row
      })))
      for (const s of stored) done.push({ row: s.row, achievementId: s.basis.achievement._id })
    }
  }

  const ids = done.map(d => d.row.credentialId)
  await ctx.status.bindMany(ids)
  await emitIssued(ctx, done.map(d => ({ credentialId: d.row.credentialId, issuerId, batchId: batch._id, ...(d.achievementId ? { achievementId: d.achievementId } : {}) })))
  await ctx.batches.markSucceeded(batch._id, done.map(d => d.row.row))
  await markFailed(ctx, batch._id, failures)
  if (retryable) throw retryable
  await finishIfDone(ctx, batch._id)
  return { issued: done.length, failed: failures.length }
}
