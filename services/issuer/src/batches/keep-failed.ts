// The input of a chunk's failed rows, kept for retry (stores/failed-row-store.ts) with hashed identities only.
import type { IssuerContext } from '../context.js'
import type { BatchRowRecord, RowResult } from '../stores/batch-store.js'
import { recipientHash } from '../records/lookup-key.js'

/** The award with its recipient's email or sourcedId replaced by the keyed hash; a DID stays (it is public). */
export function keptInput (ctx: IssuerContext, award: unknown): { input: Record<string, unknown>; complete: boolean } {
  const a = (award !== null && typeof award === 'object' ? award : {}) as Record<string, unknown>
  const r = (a.recipient !== null && typeof a.recipient === 'object' ? a.recipient : {}) as Record<string, unknown>
  const { email, sourcedId, ...rest } = r
  const address = [email, sourcedId].find((v): v is string => typeof v === 'string')
  const recipient = address !== undefined ? { ...rest, recipientHash: recipientHash(ctx.lookupKey, address) } : rest
  return { input: { ...a, recipient }, complete: address === undefined && typeof rest.did === 'string' }
}

export async function keepFailed (ctx: IssuerContext, batchId: string, rows: BatchRowRecord[], results: RowResult[]): Promise<void> {
  const byRow = new Map(rows.map(r => [r.row, r]))
  const at = new Date()
  await ctx.failedRows.keep(results.flatMap(r => {
    if (r.state !== 'failed') return []
    return [{ _id: `${batchId}:${r.row}`, batchId, row: r.row, ...keptInput(ctx, byRow.get(r.row)?.award), error: r.error, at }]
  }))
}
