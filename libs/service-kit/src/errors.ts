import createError from '@fastify/error'

// Stable, machine-readable codes (STYLE.md §8). Services add their own with their own prefix.
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
