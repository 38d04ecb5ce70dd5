// Error constructors of @obp/ob3 (STYLE.md §8). Argument errors extend TypeError (STYLE.md §9).
import createError from '@fastify/error'

export const InvalidArgumentError = createError('OBP_OB3_INVALID_ARGUMENT', '%s', 400, TypeError)
export const InvalidValidityError = createError('OBP_OB3_INVALID_VALIDITY', 'validUntil (%s) must be later than validFrom (%s)', 400)
export const InvalidPngError = createError('OBP_OB3_INVALID_PNG', 'not a valid PNG: %s', 400)
export const InvalidSvgError = createError('OBP_OB3_INVALID_SVG', 'not a valid SVG: %s', 400)
export const InvalidBakeContentError = createError('OBP_OB3_INVALID_BAKE_CONTENT', 'a baked credential must be a JSON object or a compact JWS: %s', 400)
