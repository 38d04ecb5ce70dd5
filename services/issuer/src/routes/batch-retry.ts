// A batch's failed rows after it completes: retried (a new batch of those rows, possibly corrected) or
// dismissed. Each failed row is resolved once; its kept input holds no address (stores/failed-row-store.ts),
// so a row whose recipient is an email or sourcedId is retried from the corrected row the operator sends.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { answer, codeOf, open, problems, withProblemMembers } from '@obp/service-kit'
import type { IssueRequest } from '@obp/ob3'
import { batchUrl } from '../ids.js'
import { BatchInvalid, BatchNotFound, BatchRowsNotFailed, RowNeedsInput } from '../errors.js'
import { validateRows, type RowProblem } from '../batches/validate-rows.js'
import { enqueueBatch, storeBatch } from '../batches/create-batch.js'
import type { FailedRowRecord } from '../stores/failed-row-store.js'
import { checkWebhookUrl } from '../webhooks/url-guard.js'
import { actingIssuer } from './guards.js'

const params = {
  type: 'object',
  properties: { issuerId: { type: 'string', minLength: 1, maxLength: 2048 }, batchId: { type: 'string', minLength: 1, maxLength: 64 } },
  required: ['issuerId', 'batchId']
} as const
const rowList = { type: 'array', items: { type: 'integer', minimum: 0 }, maxItems: 10_000, uniqueItems: true } as const

interface Params { issuerId: string; batchId: string }
interface RetryBody { rows?: number[]; awards?: Array<{ row: number } & Record<string, unknown>>; webhookUrl?: string }

/** A refusal that names each row (the one error handler adds `errors` to the problem body). */
const refuse = (err: Error, errors: RowProblem[]): Error => withProblemMembers(err, { errors })
const ROWS_NOT_FAILED = codeOf(BatchRowsNotFailed)

export default async function batchRetryRoutes (app: FastifyInstance): Promise<void> {
  const ctx = app.issuerContext

  async function unresolvedRows (request: FastifyRequest<{ Params: Params }>): Promise<{ issuerId: string; rows: Map<number, FailedRowRecord> }> {
    const issuer = await actingIssuer(ctx, request, request.params.issuerId)
    const batch = await ctx.batches.get(request.params.batchId)
    if (!batch || batch.issuerId !== issuer._id) throw new BatchNotFound(request.params.batchId)
    const failed = await ctx.failedRows.ofBatch(batch._id)
    return { issuerId: issuer._id, rows: new Map(failed.filter(r => r.resolution === undefined).map(r => [r.row, r])) }
  }

  const notWaiting = (batchId: string, row: number, waiting: Map<number, FailedRowRecord>): RowProblem => ({
    row,
    code: ROWS_NOT_FAILED,
    error: `Row ${row} of batch ${batchId} is not a failed row waiting for a retry or dismissal. ` +
      (waiting.size > 0 ? `Rows waiting: ${[...waiting.keys()].join(', ')}.` : 'No row of this batch is waiting.')
  })

  app.post<{ Params: Params; Body: RetryBody }>('/issuers/:issuerId/batches/:batchId/retry', {
    onRequest: app.requireScope('issue'),
    schema: {
      tags: ['batches'], security: [{ bearer: [] }], params,
      body: {
        type: 'object',
        properties: {
          rows: rowList,
          awards: { type: 'array', maxItems: 10_000, items: { type: 'object', properties: { row: { type: 'integer', minimum: 0 } }, required: ['row'] } },
          webhookUrl: { type: 'string', maxLength: 2048 }
        }
      },
      description: 'Retries failed rows of a batch as a new batch (202 {batchId, statusUrl, total, retried, needsInput}). `awards`: corrected ' +
        'rows, each an award body plus the `row` it replaces; `rows`: rows to retry as they were kept. Without either, every waiting row ' +
        'that can be retried as kept (a DID recipient) is; rows whose recipient was an email or sourcedId are listed in `needsInput`: send them ' +
        'corrected in `awards` (addresses are not kept). Each failed row is retried or dismissed once.',
      response: {
        202: answer('Accepted: a new batch of the retried rows', open('The new batch', { batchId: { type: 'string' }, statusUrl: { type: 'string' }, total: { type: 'integer' }, retried: { type: 'array', items: { type: 'integer' } }, needsInput: { type: 'array', items: { type: 'integer' } } })),
        ...problems([400], { 400: 'Rows not waiting, rows needing their corrected input, or invalid corrected rows (`errors` per row); nothing retried' })
      }
    }
  }, async (request, reply) => {
    const { issuerId, rows: waiting } = await unresolvedRows(request)
    const batchId = request.params.batchId
    const corrected = new Map((request.body?.awards ?? []).map(({ row, ...award }) => [row, award]))
    const chosen = request.body?.rows !== undefined || corrected.size > 0
    const wanted = chosen ? [...new Set([...(request.body?.rows ?? []), ...corrected.keys()])].sort((a, b) => a - b) : [...waiting.keys()]
    const problems: RowProblem[] = []
    const needsInput: number[] = []
    const retried: number[] = []
    for (const row of wanted) {
      const kept = waiting.get(row)
      if (!kept) problems.push(notWaiting(batchId, row, waiting))
      else if (corrected.has(row) || kept.complete) retried.push(row)
      else if (chosen) { const e = new RowNeedsInput(row, row); problems.push({ row, code: e.code, error: e.message }) }
      else needsInput.push(row)
    }
    if (problems.length > 0) throw refuse(new BatchRowsNotFailed(`${problems.length} of the rows asked cannot be retried; nothing was retried`), problems)
    if (retried.length === 0) throw new BatchRowsNotFailed(needsInput.length > 0 ? `Rows ${needsInput.join(', ')} need their corrected input in \`awards\` (addresses are not kept)` : 'No failed row of this batch is waiting for a retry')
    const awards: unknown[] = retried.map(row => corrected.get(row) ?? waiting.get(row)?.input)
    const { valid, problems: invalid } = await validateRows(ctx, issuerId, awards)
    if (invalid.length > 0) {
      throw refuse(new BatchInvalid(`${invalid.length} corrected rows are invalid; nothing was retried`), invalid.map(p => ({ ...p, row: retried[p.row] })))
    }
    if (request.body?.webhookUrl !== undefined) checkWebhookUrl(request.body.webhookUrl, ctx.config)
    // the rows are claimed first (each resolves once): two retries sent together retry each row once
    const next = randomUUID()
    const at = new Date()
    const claimed = await Promise.all(retried.map((row, i) => ctx.failedRows.resolve(batchId, row, { action: 'retried', batchId: next, row: i, at })))
    if (claimed.some(c => !c)) {
      throw new BatchRowsNotFailed(`Rows ${retried.filter((_, i) => !claimed[i]).join(', ')} were retried or dismissed by another request meanwhile; nothing was retried`)
    }
    const batch = await storeBatch(ctx, { batchId: next, issuerId, awards, valid: valid as Map<number, IssueRequest>, problems: [], webhookUrl: request.body?.webhookUrl, retryOf: { batchId, rows: retried } })
    await enqueueBatch(ctx, batch)
    return reply.code(202).send({ batchId: next, statusUrl: batchUrl(ctx.config.ISSUER_PUBLIC_URL, next), total: batch.total, retried, needsInput })
  })

  app.post<{ Params: Params; Body: { rows?: number[] } }>('/issuers/:issuerId/batches/:batchId/dismiss', {
    onRequest: app.requireScope('issue'),
    schema: {
      tags: ['batches'], security: [{ bearer: [] }], params,
      body: { type: 'object', properties: { rows: rowList } },
      description: 'Dismisses failed rows (all waiting ones without `rows`): they stay in the results, no longer waiting. 200 {dismissed}.',
      response: {
        200: answer('The rows dismissed', open('Dismissed rows', { dismissed: { type: 'array', items: { type: 'integer' } } })),
        ...problems([400], { 400: 'Some rows asked are not waiting (`errors` per row); nothing dismissed' })
      }
    }
  }, async (request) => {
    const { rows: waiting } = await unresolvedRows(request)
    const wanted = request.body?.rows ?? [...waiting.keys()]
    const problems = wanted.filter(row => !waiting.has(row)).map(row => notWaiting(request.params.batchId, row, waiting))
    if (problems.length > 0) throw refuse(new BatchRowsNotFailed(`${problems.length} of the rows asked are not waiting; nothing was dismissed`), problems)
    const at = new Date()
    await Promise.all(wanted.map(row => ctx.failedRows.resolve(request.params.batchId, row, { action: 'dismissed', at })))
    return { dismissed: wanted }
  })
}
