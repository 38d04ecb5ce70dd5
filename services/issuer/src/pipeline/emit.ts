// The pipeline's last step (docs/decisions/0003-one-award-path.md): count the credential (/metrics) and queue its
// event. Both are idempotent per credential id, so a retry or a replay may run them again.
// A single credential is one `credential.issued` job keyed by its id; a batch chunk is one `credentials.issued` job
// naming every credential it issued (one Redis job per chunk, not per row), keyed by the chunk, queued once the
// chunk has nothing left to retry, just before its results: a re-run after a crash in between queues the same job
// id, which BullMQ keeps once (STYLE.md §11).
import type { IssuerContext } from '../context.js'
import { credentialIdOfKey, credentialJobId, sha256Hex } from '../ids.js'

export interface IssuedEventFields { achievementId?: string; batchId?: string }

/**
 * Count and queue the event of one credential, in one round trip. `key` is the credential's storage key (its id,
 * or the issuer-scoped key); the event names the id.
 */
export async function emitOne (ctx: Pick<IssuerContext, 'issuedCount' | 'queues'>, key: string, opts: { issuerId: string; emit: IssuedEventFields }): Promise<void> {
  await Promise.all([
    ctx.issuedCount.add([key]),
    ctx.queues.events.add('credential.issued', { type: 'credential.issued', credentialId: credentialIdOfKey(key), issuerId: opts.issuerId, ...opts.emit }, { jobId: credentialJobId(key) })
  ])
}

/** BullMQ custom job ids may not contain `:`. */
export const chunkJobId = (batchId: string, chunk: number): string => 'chunk-' + sha256Hex(`${batchId}:${chunk}`).slice(0, 40)

export async function emitIssued (ctx: Pick<IssuerContext, 'issuedCount' | 'queues'>, event: { issuerId: string; batchId: string; chunk: number; credentialIds: string[] }): Promise<void> {
  if (event.credentialIds.length === 0) return
  await ctx.queues.events.add('credentials.issued', { type: 'credentials.issued', ...event }, { jobId: chunkJobId(event.batchId, event.chunk) })
  await ctx.issuedCount.add(event.credentialIds)
}
