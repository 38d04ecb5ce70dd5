import fp from 'fastify-plugin'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { describeValidation, type SchemaError } from './validation.js'
import { BadRequest, BodyTooLarge, codeOf, Internal, InvalidJson, PROBLEM_EXTENSIONS, RouteNotFound, StoreUnavailable, UnsupportedMediaType, ValidationFailed } from './errors.js'

export interface ProblemDetails {
  type: string
  title: string
  status: number
  code: string
  detail?: string
  instance?: string
  errors?: unknown[]
  [extra: string]: unknown
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 409: 'Conflict', 413: 'Content Too Large', 415: 'Unsupported Media Type',
  422: 'Unprocessable Content', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable'
}

// Fastify's own error codes mapped to stable platform codes.
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: codeOf(BodyTooLarge),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: codeOf(UnsupportedMediaType),
  FST_ERR_CTP_EMPTY_JSON_BODY: codeOf(InvalidJson),
  FST_ERR_CTP_INVALID_JSON_BODY: codeOf(InvalidJson),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: codeOf(BadRequest)
}
const INTERNAL = codeOf(Internal)
const BAD_REQUEST = codeOf(BadRequest)

const OUTAGE_NAMES = new Set(['MongoServerSelectionError', 'MongoNetworkError', 'MongoNetworkTimeoutError', 'MongoTopologyClosedError', 'MongoNotConnectedError', 'MaxRetriesPerRequestError'])

/** MongoDB or Redis being gone is a 503 (retry later), not a 500. */
export function isStoreOutage (err: { name?: string; message?: string }): boolean {
  if (err.name && OUTAGE_NAMES.has(err.name)) return true
  const m = err.message ?? ''
  return /enableOfflineQueue|Connection is closed|ECONNREFUSED|Stream isn't writeable/.test(m)
}

export function problem (status: number, code: string, detail?: string, extra: Record<string, unknown> = {}): ProblemDetails {
  return { type: `urn:obp:problem:${code.toLowerCase()}`, title: TITLES[status] ?? 'Error', status, code, detail, ...extra }
}

export function sendProblem (reply: FastifyReply, p: ProblemDetails): FastifyReply {
  return reply.code(p.status).type('application/problem+json').send(p)
}

function toProblem (err: FastifyError & { validation?: unknown[]; validationContext?: string; errors?: unknown[] }, request: FastifyRequest): ProblemDetails {
  if (err.validation) {
    // Name the failing field (RFC 9457 detail) so a client can fix its request.
    const detail = describeValidation(err.validation as SchemaError[], err.validationContext ?? 'body')
    return fromError(new ValidationFailed(detail), { instance: request.url, errors: err.validation })
  }
  if (err instanceof SyntaxError || (err.code as unknown) === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return fromError(new InvalidJson(), { instance: request.url })
  }
  if (isStoreOutage(err)) return fromError(new StoreUnavailable(), { instance: request.url })
  const code = typeof err.code === 'string' ? err.code : undefined // Mongo errors carry numeric codes
  const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500
  if (status >= 500) {
    // Never leak internals: the message of a 5xx stays in the log.
    return problem(status, code?.startsWith('OBP_') ? code : INTERNAL, status === 503 ? err.message : new Internal().message, { instance: request.url })
  }
  const stable = (code && FASTIFY_CODES[code]) ?? (code?.startsWith('OBP_') ? code : (code?.startsWith('FST_') || !code ? BAD_REQUEST : code))
  const members = (err as { [PROBLEM_EXTENSIONS]?: Record<string, unknown> })[PROBLEM_EXTENSIONS]
  return problem(status, stable, err.message, { instance: request.url, ...(err.errors ? { errors: err.errors } : {}), ...members })
}

function fromError (err: { statusCode?: number; code: string; message: string }, extra: Record<string, unknown>): ProblemDetails {
  return problem(err.statusCode ?? 500, err.code, err.message, extra)
}

async function problemPlugin (app: FastifyInstance): Promise<void> {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const p = toProblem(err, request)
    if (p.status >= 500) request.log.error({ err }, 'request failed')
    else request.log.info({ code: p.code, status: p.status }, err.message)
    return sendProblem(reply, p)
  })
  app.setNotFoundHandler((request, reply) => sendProblem(reply, fromError(new RouteNotFound(request.method, request.url.split('?')[0]), {})))
}

export default fp(problemPlugin, { name: 'obp-problem' })
