// The batch worker's job: issue the rows of one chunk, in bulk (docs/decisions/0004-batches-without-updates.md). Every write is an insert keyed by `_id`
// and every read an equality on indexed fields (batch-store.ts): one read of the chunk's rows, the issuing pipeline's
// `issueMany` (src/pipeline/issue.ts: one allocateMany, build + sign on the worker's signing threads, one unordered
// insertMany of credentials), one event job, then the chunk's results (one document) and marker. Guarantees (docs/decisions/0003-one-award-path.md):
// - exactly one credential per row: credential ids are precomputed per row and are the credentials' unique
//   `_id`; a row issued before a crash is allocated the same slot again (allocateMany is idempotent per id),
//   and its re-signed duplicate loses to the stored credential on insert;
// - the chunk's results are written only after its credentials and events exist, so a crash at any point leaves
//   the chunk unfinished and the re-run finishes it;
// - a row failing for good (a 4xx error) is recorded with its reason; other errors retry the whole job (rows
//   already stored are found again); on the last attempt they are recorded too: nothing is dropped.
// Status entries stay 'reserved' with the chunk as their group; the revocation worker's sweeper binds a group in
// one update once its grace period has passed (libs/status sweeper.ts), off the batch's critical path.
import { UnrecoverableError } from 'bullmq'
import { codeOf } from '@obp/service-kit'
import type { CredentialStatus } from '@obp/status'
import type { IssuerContext, BatchJob } from '../context.js'
import type { BatchRowRecord, RowError, RowResult } from '../stores/batch-store.js'
import { alreadyAwarded, buildAward, loadAwardBasis, type AwardBasis } from '../awards/issue-award.js'
import { findDuplicates } from '../records/duplicates.js'
import { recordIssued } from '../records/record-items.js'
import { RowFailed } from '../errors.js'
import { completeIfDone, finishChunk } from './create-batch.js'
import { emitIssued } from '../pipeline/emit.js'
import { keepFailed } from './keep-failed.js'
import { queueNotifications } from '../delivery/queue-notifications.js'
import { issueMany } from '../pipeline/issue.js'

const ROW_FAILED = codeOf(RowFailed)

export function isPermanent (err: unknown): boolean {
  const status = (err as { statusCode?: unknown })?.statusCode
  return typeof status === 'number' && status >= 400 && status < 500
}

function reason (err: unknown): RowError {
  const e = err as { code?: unknown; message?: unknown; credentialId?: unknown }
  return {
    code: typeof e?.code === 'string' ? e.code : ROW_FAILED,
    message: typeof e?.message === 'string' ? e.message : String(err),
    ...(typeof e?.credentialId === 'string' ? { existingCredentialId: e.credentialId } : {})
  }
}

/** One basis per distinct achievement of the chunk, loaded in parallel; a failed load is that basis's error. */
async function loadBases (ctx: IssuerContext, issuerId: string, rows: BatchRowRecord[]): Promise<Map<string, AwardBasis | { error: unknown }>> {
  const refs = [...new Set(rows.map(r => r.award.achievementId))]
  const loaded = await Promise.all(refs.map(ref => loadAwardBasis(ctx, issuerId, ref).catch((error: unknown) => ({ error }))))
  return new Map(refs.map((ref, i) => [ref, loaded[i]]))
}

/** The status group of a chunk's entries and credentials (what the sweeper binds at once). */
export const statusGroup = (batchId: string, chunk: number): string => `${batchId}:${chunk}`

export async function processChunk (ctx: IssuerContext, job: BatchJob, opts: { lastAttempt: boolean }): Promise<{ issued: number; failed: number }> {
  const batch = await ctx.batches.get(job.batchId)
  if (!batch) throw new UnrecoverableError(`batch ${job.batchId} not found`)
  const issuerId = batch.issuerId
  const group = statusGroup(batch._id, job.chunk)
  if (batch.state === 'queued') await ctx.batches.markRunning(batch._id)
  const rows = await ctx.batches.pendingRows(batch._id, job.chunk)
  if (rows.length === 0) { // finished before (a re-run): only the batch's completion may be left
    await completeIfDone(ctx, batch)
    return { issued: 0, failed: 0 }
  }
  const bases = await loadBases(ctx, issuerId, rows.filter(r => !r.refused))

  const results: RowResult[] = []
  const issued: Array<{ row: BatchRowRecord; achievementId: string }> = []
  let retryable: unknown
  const fail = async (row: BatchRowRecord, err: unknown): Promise<void> => {
    // a row that cannot be issued now may have been issued before a crash (its achievement deleted since): keep that
    const stored = await ctx.credentials.get(row.credentialId)
    if (stored) {
      await recordIssued(ctx, issuerId, [{ credential: stored.credential, achievementKey: stored.achievementId ?? '', award: row.award, batchId: batch._id, row: row.row }], stored.createdAt)
      issued.push({ row, achievementId: stored.achievementId ?? '' })
    }
    else if (isPermanent(err) || opts.lastAttempt) results.push({ row: row.row, credentialId: row.credentialId, state: 'failed', error: reason(err) })
    else retryable ??= err // the row stays pending; the job is retried once the others are recorded
  }
  const candidates: Array<{ row: BatchRowRecord; basis: AwardBasis }> = []
  for (const row of rows) {
    if (row.refused) { results.push({ row: row.row, credentialId: row.credentialId, state: 'failed', error: row.refused }); continue }
    const basis = bases.get(row.award.achievementId)
    if (!basis || 'error' in basis) {
      await fail(row, basis?.error)
    } else {
      try {
        buildAward(basis, row.award, row.credentialId) // refuse bad awards before a status slot is spent
        candidates.push({ row, basis })
      } catch (err) { await fail(row, err) }
    }
  }
  // a recipient who already holds the achievement fails the row with the credential they hold (one claim per row)
  const held = await findDuplicates(ctx, issuerId, candidates.map(({ row, basis }) => ({
    achievementKey: basis.achievement._id, recipient: row.award.recipient, credentialId: row.credentialId, allowDuplicate: row.award.allowDuplicate
  })))
  const fresh: typeof candidates = []
  for (const [i, c] of candidates.entries()) {
    const holder = held[i]
    if (holder === undefined) fresh.push(c)
    else await fail(c.row, alreadyAwarded(holder))
  }

  // Status slots for the whole chunk at once, grouped (random, idempotent per credential id: libs/status allocateMany);
  // a duplicate `_id` is a row issued before a crash: the stored credential wins (ARCHITECTURE.md step 4)
  const outcomes = await issueMany(ctx, fresh.map(({ row, basis }) => ({
    row,
    basis,
    credentialId: row.credentialId,
    build: (credentialStatus?: CredentialStatus) => buildAward(basis, row.award, row.credentialId, credentialStatus),
    record: { achievementId: basis.achievement._id, batchId: batch._id, row: row.row }
  })), { issuerId, status: { group } })
  const stored = []
  for (const o of outcomes) {
    if ('error' in o) await fail(o.item.row, o.error)
    else stored.push({ ...o.item, credential: o.credential })
  }
  await recordIssued(ctx, issuerId, stored.map(s => ({ credential: s.credential, achievementKey: s.basis.achievement._id, award: s.row.award, batchId: batch._id, row: s.row.row })))
  for (const s of stored) issued.push({ row: s.row, achievementId: s.basis.achievement._id })

  // before the chunk's results: a crash in between re-runs the chunk, and both steps are idempotent per credential id
  await queueNotifications(ctx, issued.map(d => ({ credentialId: d.row.credentialId, issuerId, award: d.row.award, batchNotify: batch.notify })))
  if (retryable) throw retryable // the re-run finds this run's credentials stored and names them in its event
  await emitIssued(ctx, { issuerId, batchId: batch._id, chunk: job.chunk, credentialIds: issued.map(d => d.row.credentialId) })
  const failed = results.length
  for (const d of issued) results.push({ row: d.row.row, credentialId: d.row.credentialId, state: 'succeeded' })
  results.sort((a, b) => a.row - b.row)
  await keepFailed(ctx, batch._id, rows, results) // before the results: the chunk's rows are deleted once the batch completes
  await finishChunk(ctx, batch, job.chunk, results)
  return { issued: issued.length, failed }
}
