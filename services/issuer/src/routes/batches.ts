// Batches: JSON `{awards, webhookUrl?, webhookSecret?, dryRun?, allowPartial?}` or `text/csv` (CONTRACT.md).
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { assertIssuer } from '@obp/service-kit'
import { batchUrl, canonicalJson, sha256Hex } from '../ids.js'
import { BatchInvalid, BatchNotFound, BatchTooLarge, IdempotencyMismatch } from '../errors.js'
import { CSV_COLUMNS, parseCsvAwards } from '../batches/csv.js'
import { validateRows } from '../batches/validate-rows.js'
import { enqueueBatch, storeBatch } from '../batches/create-batch.js'
import { SIGNATURE_HEADER } from '../webhooks/deliver.js'
import { checkWebhookUrl } from '../webhooks/url-guard.js'
import { idempotencyKey } from './awards.js'
import { actingIssuer, issuerParams } from './guards.js'

export const MAX_ROWS = 10_000

interface BatchBody { awards?: unknown[]; webhookUrl?: string; webhookSecret?: string; dryRun?: boolean; allowPartial?: boolean; notify?: boolean }
interface BatchQuery { webhookUrl?: string; dryRun?: boolean; allowPartial?: boolean; notify?: boolean }

const options = {
  webhookUrl: { type: 'string', maxLength: 2048 },
  dryRun: { type: 'boolean' },
  allowPartial: { type: 'boolean' },
  notify: { type: 'boolean' }
} as const

export default async function batchRoutes (app: FastifyInstance): Promise<void> {
  const ctx = app.issuerContext
  const bodyLimit = 64 * 1024 * 1024
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit }, (_request, body, done) => done(null, body))

  app.post<{ Params: { issuerId: string }; Body: BatchBody | string; Querystring: BatchQuery }>('/issuers/:issuerId/batches', {
    preHandler: app.requireScope('issue'),
    bodyLimit,
    schema: {
      tags: ['batches'], security: [{ bearer: [] }], params: issuerParams,
      querystring: { type: 'object', properties: options },
      consumes: ['application/json', 'text/csv'],
      body: {
        oneOf: [
          { type: 'string' },
          { type: 'object', properties: { awards: { type: 'array', items: {} }, webhookSecret: { type: 'string', minLength: 16, maxLength: 256 }, ...options }, required: ['awards'] }
        ]
      },
      description: `Up to ${MAX_ROWS} awards, each shaped like the body of POST /issuers/:issuerId/credentials. CSV: a header line, then one ` +
        `award per line; columns (any order, empty = absent): ${CSV_COLUMNS.join(', ')}; options as query parameters. Rows are numbered ` +
        'from 0 in request order. Every row is validated first: with `dryRun` the answer is 200 {total, valid, invalid, errors: [{row, code, ' +
        'error}]} and nothing is issued; invalid rows refuse the whole batch (400, same `errors`) unless `allowPartial`, which records them ' +
        'as failed. Otherwise 202 {batchId, statusUrl}; workers issue the rows (exactly one credential per row, whatever retries). ' +
        `\`webhookUrl\` (https, public address) receives POST {type: "batch.completed", batchId, issuerId, state, total, succeeded, failed, statusUrl, completedAt} when the batch ends, ` +
        `signed in header ${SIGNATURE_HEADER}: sha256=<hex HMAC-SHA256 of the raw body> with the batch's \`webhookSecret\` (yours, or one ` +
        'generated and returned in the 202), retried with exponential backoff (10 attempts) until a 2xx. `Idempotency-Key`: the same key ' +
        'and body answer the same batch. Rows with a recipient email notify the learner (paced, NOTIFY_RATE_PER_SECOND) unless the row ' +
        'or the batch says `notify: false`.'
    }
  }, async (request, reply) => {
    const issuer = await actingIssuer(ctx, request, request.params.issuerId)
    const csv = typeof request.body === 'string'
    const body: BatchBody = csv ? { ...request.query } : { ...request.query, ...(request.body as BatchBody) }
    const awards = csv ? parseCsvAwards(request.body as string) : body.awards ?? []
    if (awards.length === 0 || awards.length > MAX_ROWS) throw new BatchTooLarge(MAX_ROWS)
    if (body.webhookUrl !== undefined) checkWebhookUrl(body.webhookUrl, ctx.config)
    const { valid, problems } = await validateRows(ctx, issuer._id, awards)
    if (body.dryRun) return reply.code(200).send({ dryRun: true, total: awards.length, valid: valid.size, invalid: problems.length, errors: problems })
    if (problems.length > 0 && !body.allowPartial) {
      const err = new BatchInvalid(`${problems.length} of ${awards.length} rows are invalid; nothing was issued (fix them, or pass allowPartial)`)
      return reply.code(400).type('application/problem+json').send({
        type: 'urn:obp:problem:obp_issuer_batch_invalid', title: 'Bad Request', status: 400, code: err.code, detail: err.message, instance: request.url, errors: problems
      })
    }
    let batchId: string = randomUUID()
    const key = idempotencyKey(request)
    if (key !== undefined) {
      const claim = await ctx.idempotency.claim({ issuerId: issuer._id, kind: 'batch', key, bodyHash: sha256Hex(canonicalJson(csv ? request.body : body)), resultId: batchId })
      if (!claim.first && !claim.sameBody) throw new IdempotencyMismatch()
      batchId = claim.resultId
    }
    const existing = await ctx.batches.get(batchId)
    const batch = existing ?? await storeBatch(ctx, { batchId, issuerId: issuer._id, awards, valid, problems, webhookUrl: body.webhookUrl, webhookSecret: body.webhookSecret, notify: body.notify })
    await enqueueBatch(ctx, batch)
    return reply.code(202).send({
      batchId, statusUrl: batchUrl(ctx.config.ISSUER_PUBLIC_URL, batchId), total: batch.total,
      ...(batch.webhookSecret !== undefined ? { webhookSecret: batch.webhookSecret } : {})
    })
  })

  app.get<{ Params: { batchId: string }; Querystring: { results?: boolean } }>('/batches/:batchId', {
    preHandler: app.requireScope('issue'),
    schema: {
      tags: ['batches'], security: [{ bearer: [] }],
      params: { type: 'object', properties: { batchId: { type: 'string', minLength: 1, maxLength: 64 } }, required: ['batchId'] },
      querystring: { type: 'object', properties: { results: { type: 'boolean', default: true } } },
      description: 'Progress and every row\'s result: {state: queued | running | completed, total, succeeded, failed, pending, results: ' +
        '[{row, state: "succeeded", credentialId} | {row, state: "failed", code, error} | {row, state: "pending"}]}. Rows are counted ' +
        'when their chunk (BATCH_CHUNK_SIZE rows) is finished. `?results=false` leaves out `results` (cheap progress polling).'
    }
  }, async (request) => {
    const batch = await ctx.batches.get(request.params.batchId)
    if (!batch) throw new BatchNotFound(request.params.batchId)
    assertIssuer(request, batch.issuerId, `Batch ${request.params.batchId}`)
    const summary = request.query.results === false
    const rows = summary ? [] : await ctx.batches.results(batch)
    const counts = { pending: 0, succeeded: 0, failed: 0 }
    if (summary) {
      const done = await ctx.batches.finishedChunks(batch._id)
      Object.assign(counts, { succeeded: done.succeeded, failed: done.failed, pending: batch.total - done.succeeded - done.failed })
    } else for (const r of rows) counts[r.state]++
    return {
      batchId: batch._id,
      issuerId: batch.issuerId,
      state: batch.state,
      total: batch.total,
      succeeded: counts.succeeded,
      failed: counts.failed,
      pending: counts.pending,
      createdAt: batch.createdAt,
      ...(batch.completedAt ? { completedAt: batch.completedAt } : {}),
      ...(batch.webhook ? { webhook: { state: batch.webhook.state, attempts: batch.webhook.attempts, ...(batch.webhook.lastError ? { lastError: batch.webhook.lastError } : {}) } } : {}),
      ...(summary ? {} : {
        results: rows.map(r => r.state === 'succeeded'
        ? { row: r.row, state: r.state, credentialId: r.credentialId }
          : r.state === 'failed' ? { row: r.row, state: r.state, code: r.error?.code, error: r.error?.message } : { row: r.row, state: r.state })
      })
    }
  })
}
