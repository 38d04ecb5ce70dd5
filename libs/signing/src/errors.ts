// Error constructors of @obp/signing (STYLE.md §8). Callers branch on `err.code`.
import createError from '@fastify/error'

export const BadKekError = createError('OBP_SIGNING_BAD_KEK', 'Key-encryption key is invalid: %s', 500)
export const KekMismatchError = createError('OBP_SIGNING_KEK_MISMATCH', 'Sealed key was sealed under KEK "%s", which this custody does not hold', 500)
export const UnsealError = createError('OBP_SIGNING_UNSEAL_FAILED', 'Sealed key could not be opened (wrong KEK or tampered ciphertext)', 500)
export const UnsupportedKeyError = createError('OBP_SIGNING_UNSUPPORTED_KEY', 'Unsupported key: %s', 400)
export const ControllerRequiredError = createError('OBP_SIGNING_CONTROLLER_REQUIRED', 'A controller is required for %s keys', 400)
export const SuiteMismatchError = createError('OBP_SIGNING_SUITE_MISMATCH', 'Suite %s cannot be used with a %s key', 400)
export const UndefinedTermError = createError('OBP_SIGNING_UNDEFINED_TERM', 'Credential uses a term that no @context defines: "%s"', 422)
export const SigningFailedError = createError('OBP_SIGNING_FAILED', 'Signing failed: %s', 422)
export const ProtectedTermError = createError('OBP_SIGNING_PROTECTED_TERM', 'A @context redefines the protected term "%s"', 422)
export const BadJwtError = createError('OBP_SIGNING_BAD_JWT', 'Invalid VC-JWT: %s', 422)
