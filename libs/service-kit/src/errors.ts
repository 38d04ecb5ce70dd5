import createError from '@fastify/error'

// Stable, machine-readable codes (STYLE.md §8). Services add their own with their own prefix. Every code of the
// platform is defined once, in a package's errors.ts; docs/errors.md is generated from them (scripts/errors-doc.ts).
export const Unauthorized = createError('OBP_UNAUTHORIZED', 'Missing or invalid bearer token', 401)
export const Forbidden = createError('OBP_FORBIDDEN', 'This token may not do that: %s', 403)
export const NotFound = createError('OBP_NOT_FOUND', '%s not found', 404)
export const BadRequest = createError('OBP_BAD_REQUEST', '%s', 400)
export const Conflict = createError('OBP_CONFLICT', '%s', 409)
export const Unprocessable = createError('OBP_UNPROCESSABLE', '%s', 422)
export const ServiceUnavailable = createError('OBP_SERVICE_UNAVAILABLE', '%s is unavailable, try again shortly', 503)
export const ConfigError = createError('OBP_CONFIG', 'Invalid configuration: %s', 500)
export const ControlCharacter = createError('OBP_CONTROL_CHARACTER', '%s holds a control character (U+0000 to U+001F other than tab, newline and carriage return)', 400)
export const RateLimited = createError('OBP_RATE_LIMITED', 'Too many requests: retry after %s', 429)
export const Overloaded = createError('OBP_OVERLOADED', 'The service is overloaded: retry shortly', 503)
// The error handler's own answers (problem.ts): schema, JSON and media type refusals, unknown routes, outages.
export const ValidationFailed = createError('OBP_VALIDATION', '%s', 400)
export const InvalidJson = createError('OBP_INVALID_JSON', 'The body is not valid JSON', 400)
export const BodyTooLarge = createError('OBP_BODY_TOO_LARGE', 'The body is larger than this route accepts', 413)
export const UnsupportedMediaType = createError('OBP_UNSUPPORTED_MEDIA_TYPE', 'This route does not accept that content type', 415)
export const RouteNotFound = createError('OBP_ROUTE_NOT_FOUND', 'No route %s %s', 404)
export const StoreUnavailable = createError('OBP_STORE_UNAVAILABLE', 'A backing store (MongoDB or Redis) is unavailable; retry shortly', 503)
export const Internal = createError('OBP_INTERNAL', 'An internal error occurred', 500)

/** The code an @fastify/error constructor gives its errors (the constructor itself does not carry it). */
export const codeOf = (E: new (...args: never[]) => { code: string }): string => new E().code

/** Members a problem body carries beside the standard ones (RFC 9457 §3.2 extensions), e.g. the rows that failed. */
export const PROBLEM_EXTENSIONS = Symbol.for('obp.problemExtensions')

/** Attaches extension members to an error, for the one error handler to add to the problem body. */
export function withProblemMembers<E extends Error> (err: E, members: Record<string, unknown>): E {
  Object.defineProperty(err, PROBLEM_EXTENSIONS, { value: members, enumerable: false })
  return err
}
