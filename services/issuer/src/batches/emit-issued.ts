// The chunk's event: one `credentials.issued` job carrying the ids of every credential the chunk issued (issue 20),
// instead of a job per credential. It is queued once the chunk has nothing left to retry, just before its results
// are written, keyed by the chunk: a re-run after a crash between the two queues the same job id, which BullMQ
// keeps once (STYLE.md §11).
import type { IssuerContext } from '../context.js'
import { sha256Hex } from '../ids.js'

/** BullMQ custom job ids may not contain `:`. */
export const chunkJobId = (batchId: string, chunk: number): string => 'chunk-' + sha256Hex(`${batchId}:${chunk}`).slice(0, 40)

export async function emitIssued (ctx: IssuerContext, event: { issuerId: string; batchId: string; chunk: number; credentialIds: string[] }): Promise<void> {
  if (event.credentialIds.length === 0) return
  await ctx.queues.events.add('credentials.issued', { type: 'credentials.issued', ...event }, { jobId: chunkJobId(event.batchId, event.chunk) })
  await ctx.issuedCount.add(event.credentialIds)
}
