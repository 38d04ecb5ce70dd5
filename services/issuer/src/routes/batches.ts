// Batches: JSON `{awards, webhookUrl?, webhookSecret?, dryRun?, allowPartial?}` or `text/csv` (CONTRACT.md).
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { assertIssuer, withProblemMembers } from '@obp/service-kit'
import { batchUrl, canonicalJson, sha256Hex } from '../ids.js'
import { BatchInvalid, BatchNotFound, BatchTooLarge, IdempotencyMismatch } from '../errors.js'
import { parseCsvAwards } from '../batches/csv.js'
import { CSV_ALIASES } from '../batches/csv-headers.js'
import { resolveAchievementNames } from '../batches/achievement-names.js'
import multipartBody from './multipart-body.js'
import { validateRows } from '../batches/validate-rows.js'
import { enqueueBatch, storeBatch } from '../batches/create-batch.js'
import { SIGNATURE_HEADER } from '../webhooks/deliver.js'
import { checkWebhookUrl } from '../webhooks/url-guard.js'
import { openWebhookSecret } from '../webhooks/secret.js'
import { idempotencyKey } from './awards.js'
import type { FailedRowRecord } from '../stores/failed-row-store.js'
import { actingIssuer, issuerParams } from './guards.js'
import { answer, open, problems } from '@obp/service-kit'

const BATCH_EXAMPLE = {
  awards: [
    { achievementId: 'data-literacy', recipient: { email: 'ada@example.org', name: 'Ada Lovelace' } },
    { achievementId: 'data-literacy', recipient: { did: 'did:key:z6Mk…', name: 'Alan Turing' } }
  ],
  webhookUrl: 'https://sis.example/hooks/badges'
}

export const MAX_ROWS = 10_000

function failedRowView (kept: FailedRowRecord | undefined): Record<string, unknown> {
  if (!kept) return {}
  const r = kept.resolution
  const resolution = r === undefined ? 'waiting' : r.action
  return { input: kept.input, resolution, ...(r?.action === 'retried' ? { retriedIn: { batchId: r.batchId, row: r.row } } : {}) }
}

interface BatchBody { awards?: unknown[]; webhookUrl?: string; webhookSecret?: string; dryRun?: boolean; allowPartial?: boolean; achievementId?: string; notify?: boolean }
interface BatchQuery { webhookUrl?: string; dryRun?: boolean; allowPartial?: boolean; achievementId?: string; notify?: boolean }
/** A multipart/form-data upload: the CSV in `file`, options as fields (multipart-body.ts). */
interface UploadBody extends BatchQuery { file: string; webhookSecret?: string }

const options = {
  webhookUrl: { type: 'string', maxLength: 2048 },
  dryRun: { type: 'boolean' },
  allowPartial: { type: 'boolean' },
  achievementId: { type: 'string', minLength: 1, maxLength: 4096, description: 'CSV: the achievement of rows that name none (its id, last segment or exact name)' },
  notify: { type: 'boolean', description: 'false: no learner of the batch is notified' }
} as const

/** The batch as sent: JSON awards, a raw CSV body, or an uploaded CSV file; options from the body, fields or query. */
function batchInput (raw: BatchBody | UploadBody | string, query: BatchQuery): { body: BatchBody; csv?: string } {
  if (typeof raw === 'string') return { body: { ...query }, csv: raw }
  if ('file' in raw && typeof raw.file === 'string') {
    const { file, ...fields } = raw
    return { body: { ...query, ...fields }, csv: file }
  }
  return { body: { ...query, ...(raw as BatchBody) } }
}

export default async function batchRoutes (app: FastifyInstance): Promise<void> {
  const ctx = app.issuerContext
  // Sized to MAX_ROWS rows, each shaped like a single award (JSON: up to about 2 KiB a row with its options;
  // CSV: 1 KiB a line), so an upload of the largest batch fits and nothing much larger is ever read.
  const bodyLimit = MAX_ROWS * 2048
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: MAX_ROWS * 1024 }, (_request, body, done) => done(null, body))

  await app.register(multipartBody, { bodyLimit })

  app.post<{ Params: { issuerId: string }; Body: BatchBody | UploadBody | string; Querystring: BatchQuery }>('/issuers/:issuerId/batches', {
    onRequest: app.requireScope('issue'),
    bodyLimit,
    schema: {
      tags: ['batches'], security: [{ bearer: [] }], params: issuerParams,
      querystring: { type: 'object', properties: options, additionalProperties: false },
      // one schema per media type (Fastify validates the body with the schema of its own type)
      body: {
        content: {
          'application/json': { schema: { type: 'object', properties: { awards: { type: 'array', items: {}, description: 'each a body of POST /issuers/:issuerId/credentials' }, webhookSecret: { type: 'string', minLength: 16, maxLength: 256 }, ...options }, required: ['awards'], additionalProperties: false, examples: [BATCH_EXAMPLE] } },
          'text/csv': { schema: { type: 'string', description: 'the CSV file as the body; options in the query', examples: ['email,name,achievement\r\nada@example.org,Ada Lovelace,Data Literacy\r\n'] } },
          'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', description: 'the CSV file', contentMediaType: 'text/csv' }, webhookSecret: { type: 'string', minLength: 16, maxLength: 256 }, ...options }, required: ['file'], additionalProperties: false } }
        }
      },
      response: {
        202: answer('Accepted: the rows are issued by the workers; poll `statusUrl` or wait for the webhook', open('The accepted batch', {
          batchId: { type: 'string' }, statusUrl: { type: 'string' }, total: { type: 'integer' },
          webhookSecret: { type: 'string', description: 'the webhook signing secret (generated when not given)' }, warnings: { type: 'array', items: {} }
        }, { examples: [{ batchId: '3d8f2b6e-5a1c-4f0e-8b7d-2c9e1a4f6b30', statusUrl: 'http://localhost:3001/batches/3d8f2b6e-5a1c-4f0e-8b7d-2c9e1a4f6b30', total: 2, webhookSecret: 'whsec_…' }] })),
        200: answer('dryRun: every row validated, nothing issued', open('The dry run\'s findings', { dryRun: { type: 'boolean' }, total: { type: 'integer' }, valid: { type: 'integer' }, invalid: { type: 'integer' }, errors: { type: 'array', items: {} }, warnings: { type: 'array', items: {} } })),
        ...problems([400, 413, 415, 422], {
          400: 'Invalid rows (nothing issued; `errors` lists each row\'s problem, `line` for CSV), no rows or more than 10,000, or a refused webhookUrl',
          413: 'The body is larger than 10,000 rows can be',
          415: 'Neither JSON, text/csv nor multipart/form-data',
          422: 'The Idempotency-Key was used with another body'
        })
      },
      description: `Up to ${MAX_ROWS} awards, each shaped like the body of POST /issuers/:issuerId/credentials. CSV (a \`text/csv\` body, or a ` +
        '`multipart/form-data` upload with the file in field `file` and options as fields): a header line, then one award per line; comma, ' +
        'semicolon or tab separated (detected), UTF-8 with or without BOM, CRLF or LF, quoted cells. Headers are matched without case, accents ' +
        `or punctuation, in English or French: ${Object.values(CSV_ALIASES).map(a => a.join(' / ')).join('; ')}. A given name and a family ` +
        'name column (prénom, nom) are joined into the name. Unknown columns are ignored and listed in `warnings`. `achievementId` (query or ' +
        'field) is the achievement of rows without one; an achievement may be given by its id, last segment or exact name. CSV errors carry ' +
        'the spreadsheet `line` (header = line 1). Rows are numbered from 0 in request order. Every row is validated first: with `dryRun` the answer is 200 {total, valid, invalid, errors: [{row, code, ' +
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
    const input = batchInput(request.body, request.query)
    const { body, csv } = input
    const parsed = csv !== undefined ? parseCsvAwards(csv, { achievementId: body.achievementId }) : undefined
    let awards: unknown[] = parsed?.awards ?? body.awards ?? []
    if (awards.length === 0 || awards.length > MAX_ROWS) throw new BatchTooLarge(MAX_ROWS)
    if (body.webhookUrl !== undefined) checkWebhookUrl(body.webhookUrl, ctx.config)
    const named = await resolveAchievementNames(ctx, issuer._id, awards)
    awards = named.awards
    const checked = await validateRows(ctx, issuer._id, awards)
    const { valid } = checked
    const unnamed = new Set(named.problems.map(p => p.row))
    // CSV rows are named by their spreadsheet line (header = line 1), the way a registrar finds them
    const problems = [...named.problems, ...checked.problems.filter(p => !unnamed.has(p.row))].sort((a, b) => a.row - b.row)
      .map(p => parsed ? { ...p, line: parsed.lines[p.row], error: `Line ${parsed.lines[p.row]}: ${p.error}` } : p)
    for (const row of unnamed) valid.delete(row)
    const invalid = new Set(problems.map(p => p.row)).size
    const warnings = parsed && parsed.warnings.length > 0 ? { warnings: parsed.warnings } : {}
    if (body.dryRun) return reply.code(200).send({ dryRun: true, total: awards.length, valid: valid.size, invalid, errors: problems, ...warnings })
    if (problems.length > 0 && !body.allowPartial) {
      throw withProblemMembers(new BatchInvalid(`${invalid} of ${awards.length} rows are invalid; nothing was issued (fix them, or pass allowPartial)`), { errors: problems, ...warnings })
    }
    let batchId: string = randomUUID()
    const key = idempotencyKey(request)
    if (key !== undefined) {
      const claim = await ctx.idempotency.claim({ issuerId: issuer._id, kind: 'batch', key, bodyHash: sha256Hex(canonicalJson(csv !== undefined ? { csv, options: body } : body)), resultId: batchId })
      if (!claim.first && !claim.sameBody) throw new IdempotencyMismatch()
      batchId = claim.resultId
    }
    const existing = await ctx.batches.get(batchId)
    const batch = existing ?? await storeBatch(ctx, { batchId, issuerId: issuer._id, awards, valid, problems, webhookUrl: body.webhookUrl, webhookSecret: body.webhookSecret, notify: body.notify })
    await enqueueBatch(ctx, batch)
    return reply.code(202).send({
      batchId, statusUrl: batchUrl(ctx.config.ISSUER_PUBLIC_URL, batchId), total: batch.total,
      ...(batch.webhookSecretSealed !== undefined ? { webhookSecret: await openWebhookSecret(ctx.custody, batch.webhookSecretSealed) } : {}),
      ...warnings
    })
  })

  app.get<{ Params: { batchId: string }; Querystring: { results?: boolean } }>('/batches/:batchId', {
    onRequest: app.requireScope('issue'),
    schema: {
      tags: ['batches'], security: [{ bearer: [] }],
      params: { type: 'object', properties: { batchId: { type: 'string', minLength: 1, maxLength: 64 } }, required: ['batchId'] },
      querystring: { type: 'object', properties: { results: { type: 'boolean', default: true } } },
      response: {
        200: answer('The batch\'s progress and, unless `results=false`, every row\'s result', open('A batch', {
          batchId: { type: 'string' }, issuerId: { type: 'string' }, state: { type: 'string', enum: ['queued', 'running', 'completed'] },
          total: { type: 'integer' }, succeeded: { type: 'integer' }, failed: { type: 'integer' }, pending: { type: 'integer' },
          createdAt: {}, completedAt: {}, webhook: open('The completion webhook\'s delivery'), results: { type: 'array', items: open('One row\'s result: {row, state, credentialId} or {row, state, code, error, input, resolution}') }
        }))
      },
      description: 'Progress and every row\'s result: {state: queued | running | completed, total, succeeded, failed, pending, results: ' +
        '[{row, state: "succeeded", credentialId} | {row, state: "failed", code, error, existingCredentialId?, input, resolution: waiting | retried | dismissed, ' +
        'retriedIn?} | {row, state: "pending"}]}; a failed row\'s `input` is the award as sent with the recipient\'s address replaced by `recipientHash`. Rows are counted ' +
        'when their chunk (BATCH_CHUNK_SIZE rows) is finished. `?results=false` leaves out `results` (cheap progress polling).'
    }
  }, async (request) => {
    const batch = await ctx.batches.get(request.params.batchId)
    if (!batch) throw new BatchNotFound(request.params.batchId)
    assertIssuer(request, batch.issuerId, () => new BatchNotFound(request.params.batchId))
    const summary = request.query.results === false
    const rows = summary ? [] : await ctx.batches.results(batch)
    // failed rows' kept input (hashed identity) and what became of them (retried, dismissed)
    const kept = new Map(rows.some(r => r.state === 'failed') ? (await ctx.failedRows.ofBatch(batch._id)).map(f => [f.row, f]) : [])
    const counts = { pending: 0, succeeded: 0, failed: 0 }
    if (summary) {
      const done = await ctx.batches.finishedChunks(batch._id, batch.chunks)
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
          : r.state === 'failed'
            ? {
                row: r.row, state: r.state, code: r.error?.code, error: r.error?.message,
                ...(r.error?.existingCredentialId !== undefined ? { existingCredentialId: r.error.existingCredentialId } : {}),
                ...failedRowView(kept.get(r.row))
              }
            : { row: r.row, state: r.state })
      })
    }
  })
}
