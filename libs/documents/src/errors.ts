// Error constructors of @obp/documents (STYLE.md §8). Callers branch on `err.code`.
import createError from '@fastify/error'

/** A JSON-LD context (or other document) URL that is not bundled and may not be fetched. */
export const UnknownContextError = createError<'OBP_DOCUMENTS_UNKNOWN_CONTEXT', 400, [string]>(
  'OBP_DOCUMENTS_UNKNOWN_CONTEXT',
  'Unknown JSON-LD context or document "%s": only bundled contexts are served (no network by default)',
  400
)

/** A URL the loader refuses to dereference (scheme, DID method, or network resolution switched off). */
export const NotAllowedError = createError<'OBP_DOCUMENTS_NOT_ALLOWED', 400, [string, string]>(
  'OBP_DOCUMENTS_NOT_ALLOWED',
  'Loading "%s" is not allowed: %s',
  400
)

/** A did:key / did:jwk that does not decode to a supported public key. */
export const InvalidDidError = createError<'OBP_DOCUMENTS_INVALID_DID', 400, [string, string]>(
  'OBP_DOCUMENTS_INVALID_DID',
  'Invalid DID "%s": %s',
  400
)

/** A resolved document that does not describe the requested id. */
export const DocumentMismatchError = createError<'OBP_DOCUMENTS_DOCUMENT_MISMATCH', 502, [string, string]>(
  'OBP_DOCUMENTS_DOCUMENT_MISMATCH',
  'Document fetched for "%s" is not acceptable: %s',
  502
)

// Guarded fetcher refusals (SSRF protection).
export const ForbiddenAddressError = createError<'OBP_DOCUMENTS_FORBIDDEN_ADDRESS', 403, [string, string]>(
  'OBP_DOCUMENTS_FORBIDDEN_ADDRESS',
  'Refusing to fetch "%s": address %s is not a public unicast address',
  403
)
export const NotHttpsError = createError<'OBP_DOCUMENTS_NOT_HTTPS', 400, [string]>(
  'OBP_DOCUMENTS_NOT_HTTPS',
  'Refusing to fetch "%s": only https URLs may be fetched',
  400
)
export const TooLargeError = createError<'OBP_DOCUMENTS_TOO_LARGE', 502, [string, number]>(
  'OBP_DOCUMENTS_TOO_LARGE',
  'Response from "%s" exceeds %d bytes',
  502
)
export const TimeoutError = createError<'OBP_DOCUMENTS_TIMEOUT', 504, [string, number]>(
  'OBP_DOCUMENTS_TIMEOUT',
  'Fetching "%s" timed out after %d ms',
  504
)
export const TooManyRedirectsError = createError<'OBP_DOCUMENTS_TOO_MANY_REDIRECTS', 502, [string, number]>(
  'OBP_DOCUMENTS_TOO_MANY_REDIRECTS',
  'Fetching "%s" followed more than %d redirects',
  502
)
export const HttpStatusError = createError<'OBP_DOCUMENTS_HTTP_STATUS', 502, [string, number]>(
  'OBP_DOCUMENTS_HTTP_STATUS',
  'Fetching "%s" returned HTTP status %d',
  502
)
export const FetchFailedError = createError<'OBP_DOCUMENTS_FETCH_FAILED', 502, [string, string]>(
  'OBP_DOCUMENTS_FETCH_FAILED',
  'Fetching "%s" failed: %s',
  502
)
export const InvalidJsonError = createError<'OBP_DOCUMENTS_INVALID_JSON', 502, [string]>(
  'OBP_DOCUMENTS_INVALID_JSON',
  'Response from "%s" is not valid JSON',
  502
)
