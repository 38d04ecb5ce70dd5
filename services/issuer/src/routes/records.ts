// Records (CONTRACT.md "Records"): the issuer's credentials, searchable and exportable, and its batches. Scope
// issue or manage, the key's own issuer only (another issuer answers like a missing one).
import { Readable } from 'node:stream'
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import { achievementKey } from '../awards/issue-award.js'
import { AchievementNotFound, InvalidDate } from '../errors.js'
import { listCredentials, STATUSES, type ListQuery, type RecordStatus } from '../records/listing.js'
import { recipientHash } from '../records/lookup-key.js'
import { csvLine, csvRow, EXPORT_COLUMNS } from '../records/csv-export.js'
import { listBatches } from '../records/batch-listing.js'
import { actingIssuer, issuerParams } from './guards.js'
import { answer } from '@obp/service-kit'

interface CredentialsQuery {
  recipient?: string; achievementId?: string; batchId?: string; status?: RecordStatus
  issuedAfter?: string; issuedBefore?: string; limit: number; cursor?: string
}

const filters = {
  recipient: { type: 'string', minLength: 1, maxLength: 4096, description: 'email, DID or sourcedId (matched through a keyed hash: addresses are not stored)' },
  achievementId: { type: 'string', minLength: 1, maxLength: 4096, description: 'the achievement\'s id or its last path segment' },
  batchId: { type: 'string', minLength: 1, maxLength: 64 },
  status: { type: 'string', enum: [...STATUSES], description: 'revoked wins over expired (validUntil passed); active is neither' },
  issuedAfter: { type: 'string', maxLength: 40, description: 'inclusive; a date or a date-time' },
  issuedBefore: { type: 'string', maxLength: 40, description: 'exclusive; a date or a date-time' },
  cursor: { type: 'string', maxLength: 2048, description: '`next` of the previous page' }
} as const

const item = {
  type: 'object',
  properties: {
    id: { type: 'string' }, achievementId: { type: 'string' }, recipientName: { type: 'string' }, issuedAt: { type: 'string', format: 'date-time' },
    validUntil: { type: 'string' }, status: { type: 'string', enum: [...STATUSES] }, revoked: { type: 'boolean' }, revokedAt: { type: 'string' },
    revokedReason: { type: 'string' }, batchId: { type: 'string' }, row: { type: 'integer' }
  },
  required: ['id', 'achievementId', 'issuedAt', 'status', 'revoked']
} as const

function isoDate (name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const d = new Date(/^\d{4}-\d\d-\d\d$/.test(value) ? `${value}T00:00:00Z` : value)
  if (Number.isNaN(d.getTime()) || !/^\d{4}-\d\d-\d\d/.test(value)) throw new InvalidDate(name)
  return d.toISOString()
}

export default async function recordRoutes (app: FastifyInstance): Promise<void> {
  const ctx = app.issuerContext
  const issueOrManage: preHandlerAsyncHookHandler = async function (request, reply) {
    try {
      await app.requireScope('issue').call(this, request, reply)
    } catch (err) {
      if ((err as { code?: string }).code !== 'OBP_FORBIDDEN') throw err
      await app.requireScope('manage').call(this, request, reply)
    }
  }

  async function listQuery (request: FastifyRequest<{ Params: { issuerId: string }; Querystring: CredentialsQuery }>, limit: number): Promise<ListQuery> {
    const issuer = await actingIssuer(ctx, request, request.params.issuerId)
    const q = request.query
    let achievement: string | undefined
    if (q.achievementId !== undefined) {
      achievement = achievementKey(ctx, issuer._id, q.achievementId)
      if (achievement === undefined) throw new AchievementNotFound(q.achievementId)
    }
    return {
      issuerId: issuer._id,
      ...(q.recipient !== undefined ? { recipientHash: recipientHash(ctx.lookupKey, q.recipient) } : {}),
      ...(achievement !== undefined ? { achievementKey: achievement } : {}),
      ...(q.batchId !== undefined ? { batchId: q.batchId } : {}),
      ...(q.status !== undefined ? { status: q.status } : {}),
      issuedAfter: isoDate('issuedAfter', q.issuedAfter),
      issuedBefore: isoDate('issuedBefore', q.issuedBefore),
      limit,
      ...(q.cursor !== undefined ? { cursor: q.cursor } : {})
    }
  }

  app.get<{ Params: { issuerId: string }; Querystring: CredentialsQuery }>('/issuers/:issuerId/credentials', {
    preHandler: issueOrManage,
    schema: {
      tags: ['records'], security: [{ bearer: [] }], params: issuerParams,
      querystring: { type: 'object', properties: { ...filters, limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 } } },
      description: 'The issuer\'s credentials, newest first, filtered (all filters combine). A page holds at most `limit` items; `next`, ' +
        'when present, is the cursor of the following page. A page may hold fewer items than `limit` (even none) and still have `next`: ' +
        'each request reads a bounded share of the records, so follow `next` until it is absent.',
      response: { 200: answer('A page of credentials; `next` when more may follow', { type: 'object', properties: { items: { type: 'array', items: item }, next: { type: 'string' } }, required: ['items'] }) }
    }
  }, async (request) => listCredentials(ctx.records, ctx.revocations, await listQuery(request, request.query.limit)))

  app.get<{ Params: { issuerId: string }; Querystring: CredentialsQuery }>('/issuers/:issuerId/credentials.csv', {
    preHandler: issueOrManage,
    schema: {
      tags: ['records'], security: [{ bearer: [] }], params: issuerParams,
      querystring: { type: 'object', properties: filters },
      description: `The same listing as CSV (UTF-8, comma, CRLF), every page: columns ${EXPORT_COLUMNS.join(', ')}. Cells a spreadsheet ` +
        'would run as a formula (starting with = + - @, tab or CR) are prefixed with an apostrophe.',
      response: { 200: answer('The CSV file (with a BOM), as an attachment', { type: 'string' }, ['text/csv']) }
    }
  }, async (request, reply) => {
    const first = await listQuery(request, 500)
    async function * lines (): AsyncGenerator<string> {
      yield '\ufeff' + csvLine([...EXPORT_COLUMNS]) // the BOM makes spreadsheets read UTF-8
      let cursor = first.cursor
      do {
        const page = await listCredentials(ctx.records, ctx.revocations, { ...first, cursor })
        for (const i of page.items) yield csvRow(i)
        cursor = page.next
      } while (cursor !== undefined)
    }
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="credentials.csv"').send(Readable.from(lines()))
  })

  app.get<{ Params: { issuerId: string }; Querystring: { limit: number; cursor?: string } }>('/issuers/:issuerId/batches', {
    preHandler: issueOrManage,
    schema: {
      tags: ['records'], security: [{ bearer: [] }], params: issuerParams,
      querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 }, cursor: filters.cursor } },
      description: 'The issuer\'s batches, newest first, with their counts; `next` is the cursor of the following page. Each batch\'s rows: ' +
        'GET /batches/:batchId (failed rows with their kept input until retried or dismissed).',
      response: {
        200: answer('A page of batches, newest first', {
          type: 'object',
          properties: {
            items: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  batchId: { type: 'string' }, state: { type: 'string' }, total: { type: 'integer' }, succeeded: { type: 'integer' }, failed: { type: 'integer' },
                  pending: { type: 'integer' }, unresolved: { type: 'integer' }, createdAt: { type: 'string', format: 'date-time' }, completedAt: { type: 'string', format: 'date-time' },
                  retryOf: { type: 'string' }
                },
                required: ['batchId', 'state', 'total', 'succeeded', 'failed', 'createdAt']
              }
            },
            next: { type: 'string' }
          },
          required: ['items']
        })
      }
    }
  }, async (request) => {
    const issuer = await actingIssuer(ctx, request, request.params.issuerId)
    return listBatches(ctx, issuer._id, request.query.limit, request.query.cursor)
  })
}
