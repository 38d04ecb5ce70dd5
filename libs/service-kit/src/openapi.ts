// Response descriptions for the OpenAPI document (STYLE.md §6: one schema drives validation, serialization and
// /docs). Each response is declared per media type (`content`): Fastify serializes a reply with the schema of its
// own media type only, so an HTML page, an image or a CSV stream is never touched, and every object schema here
// keeps properties it does not list (additionalProperties: true): a schema must never drop what a handler sends,
// least of all a field of a signed credential (it would break its proof).
import type { FastifyInstance, RouteOptions } from 'fastify'
import { isAuthHook } from './auth.js'

/** RFC 9457 §3 problem details, with the platform's stable `code` (CONTRACT.md "Auth"). */
export const ProblemDetailsSchema = {
  $id: 'ProblemDetails',
  type: 'object',
  description: 'RFC 9457 problem details; branch on `code`, stable across versions',
  properties: {
    type: { type: 'string', description: 'urn:obp:problem:<code in lower case>' },
    title: { type: 'string', description: 'the HTTP status text' },
    status: { type: 'integer' },
    code: { type: 'string', description: 'stable machine-readable code, e.g. OBP_VALIDATION, OBP_ISSUER_ALREADY_AWARDED' },
    detail: { type: 'string', description: 'a sentence for people; hidden for 5xx' },
    instance: { type: 'string' },
    errors: { type: 'array', items: {}, description: 'per-field or per-row problems, when there are several' }
  },
  required: ['type', 'title', 'status', 'code'],
  additionalProperties: true,
  examples: [{ type: 'urn:obp:problem:obp_validation', title: 'Bad Request', status: 400, code: 'OBP_VALIDATION', detail: 'body/recipient must have property email, did or sourcedId', instance: '/issuers/4f1c…/credentials' }]
} as const

const WHY: Record<number, string> = {
  400: 'Bad request: a field, query or path parameter is missing or invalid (the detail names it)',
  401: 'No bearer token, or an unknown or revoked one',
  403: 'The token lacks the scope this call needs',
  404: 'Not found (or another issuer\'s: never revealed)',
  406: 'Not acceptable',
  409: 'Conflict with the current state',
  413: 'The body is larger than the limit',
  415: 'Unsupported media type',
  422: 'Well-formed but refused',
  429: 'Too many requests: retry after the Retry-After header',
  503: 'A backing store (MongoDB, Redis) is unavailable: retry shortly'
}

interface ResponseObject { description: string; content?: Record<string, { schema: object }> }

/** Problem-details error responses; `why` overrides the generic description of a status. */
export function problems (statuses: number[], why: Record<number, string> = {}): Record<number, ResponseObject> {
  return Object.fromEntries(statuses.map(s => [s, {
    description: why[s] ?? WHY[s] ?? 'Error',
    content: { 'application/problem+json': { schema: { $ref: 'ProblemDetails#' } } }
  }]))
}

/** A success (or any) response of one or more media types sharing one schema. */
export function answer (description: string, schema: object = {}, mediaTypes: string[] = ['application/json']): ResponseObject {
  return { description, content: Object.fromEntries(mediaTypes.map(m => [m, { schema }])) }
}

/** A response with no body (204, 304). */
export function empty (description: string): ResponseObject {
  return { description }
}

/** An object whose listed properties are documented and whose other properties pass through untouched. */
export function open (description: string, properties: Record<string, object> = {}, extra: Record<string, unknown> = {}): object {
  return { type: 'object', description, properties, additionalProperties: true, ...extra }
}

/**
 * A signed credential as stored and sent: no property is listed on purpose, so the serializer copies every one
 * as it is (a dropped or reordered field would break the proof; VC-DI §2.1). The description and example say what is in it.
 */
export function credentialSchema (description: string, example?: object): object {
  return { type: 'object', description, additionalProperties: true, ...(example !== undefined ? { examples: [example] } : {}) }
}

/** A binary or text upload described by media type (no validation: the handler checks the bytes). */
export function uploadBody (mediaTypes: Record<string, string>): object {
  return { content: Object.fromEntries(Object.entries(mediaTypes).map(([m, description]) => [m, { schema: { description, contentMediaType: m } }])) }
}

/**
 * Errors every route can give by its shape, added to its response list unless it lists them: 400 when it
 * validates input, 401 and 403 when it needs a token, 404 when a path names an object, 429 when it is public
 * (rate-limited: protection.ts), 503 when stores fail or a public route sheds load.
 */
export function addCommonErrors (route: RouteOptions): void {
  const schema = route.schema as (Record<string, unknown> & { response?: Record<string, unknown>; hide?: boolean }) | undefined
  if (!schema || schema.hide === true) return
  const statuses: number[] = []
  if (schema.body !== undefined || schema.querystring !== undefined || schema.params !== undefined || schema.headers !== undefined) statuses.push(400)
  const authenticated = (Array.isArray(schema.security) && schema.security.length > 0) || [route.onRequest].flat().some(h => h !== undefined && isAuthHook(h))
  if (authenticated) statuses.push(401, 403)
  if (schema.params !== undefined) statuses.push(404)
  if (!authenticated && !route.url.startsWith('/health') && route.url !== '/metrics') statuses.push(429)
  statuses.push(503)
  const response = schema.response ?? {}
  const missing = statuses.filter(s => response[s] === undefined && response[String(s)] === undefined)
  if (missing.length === 0) return
  route.schema = { ...schema, response: { ...response, ...problems(missing) } }
}

/** Registers the shared ProblemDetails schema and the common-errors hook; call before any route. */
export function registerOpenApiShapes (app: FastifyInstance): void {
  app.addSchema(ProblemDetailsSchema)
  app.addHook('onRoute', addCommonErrors)
}
