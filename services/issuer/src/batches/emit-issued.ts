// The chunk's events: one addBulk per slice instead of one round trip per credential.
import type { IssuerContext } from '../context.js'
import { credentialJobId } from '../ids.js'

const SLICE = 500

/** `credential.issued` for every stored credential of the chunk, keyed by credential id (STYLE.md §11). */
export async function emitIssued (ctx: IssuerContext, events: Array<{ credentialId: string; issuerId: string; achievementId?: string; batchId: string }>): Promise<void> {
  for (let i = 0; i < events.length; i += SLICE) {
    await ctx.queues.events.addBulk(events.slice(i, i + SLICE).map(e => ({
      name: 'credential.issued',
      data: { type: 'credential.issued' as const, ...e },
      opts: { jobId: credentialJobId(e.credentialId) }
    })))
    await ctx.issuedCount.add(events.slice(i, i + SLICE).map(e => e.credentialId))
  }
}
