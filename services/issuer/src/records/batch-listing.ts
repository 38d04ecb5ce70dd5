// GET /issuers/:issuerId/batches: newest first. One equality on `batches.issuerId` reads the issuer's batches
// (a small document each, bounded by its own batches, not the collection); counts of unfinished batches come
// from their finished chunks.
import type { IssuerContext } from '../context.js'
import type { BatchRecord } from '../stores/batch-store.js'
import { InvalidCursor } from '../errors.js'

export interface ListedBatch {
  batchId: string
  state: string
  total: number
  succeeded: number
  failed: number
  pending: number
  /** failed rows neither retried nor dismissed */
  unresolved?: number
  createdAt: string
  completedAt?: string
  retryOf?: string
}

const position = (b: BatchRecord): string => `${b.createdAt.toISOString()}|${b._id}`

export async function listBatches (ctx: IssuerContext, issuerId: string, limit: number, cursor?: string): Promise<{ items: ListedBatch[]; next?: string }> {
  let from: string | undefined
  if (cursor !== undefined) {
    from = Buffer.from(cursor, 'base64url').toString('utf8')
    if (!/^\d{4}-\d\d-\d\dT[\d:.]+Z\|/.test(from)) throw new InvalidCursor()
  }
  const all = (await ctx.batches.ofIssuer(issuerId)).map(b => ({ b, p: position(b) }))
    .filter(x => from === undefined || x.p < from)
    .sort((x, y) => (x.p < y.p ? 1 : x.p > y.p ? -1 : 0))
  const page = all.slice(0, limit)
  const items = await Promise.all(page.map(async ({ b }) => view(ctx, b)))
  return { items, ...(all.length > limit ? { next: Buffer.from(page[page.length - 1].p, 'utf8').toString('base64url') } : {}) }
}

async function view (ctx: IssuerContext, b: BatchRecord): Promise<ListedBatch> {
  const counts = b.state === 'completed' ? { succeeded: b.succeeded ?? 0, failed: b.failed ?? 0 } : await ctx.batches.finishedChunks(b._id, b.chunks)
  const unresolved = counts.failed > 0 ? (await ctx.failedRows.ofBatch(b._id)).filter(r => r.resolution === undefined).length : 0
  return {
    batchId: b._id,
    state: b.state,
    total: b.total,
    succeeded: counts.succeeded,
    failed: counts.failed,
    pending: b.total - counts.succeeded - counts.failed,
    ...(counts.failed > 0 ? { unresolved } : {}),
    createdAt: b.createdAt.toISOString(),
    ...(b.completedAt ? { completedAt: b.completedAt.toISOString() } : {}),
    ...(b.retryOf ? { retryOf: b.retryOf.batchId } : {})
  }
}
