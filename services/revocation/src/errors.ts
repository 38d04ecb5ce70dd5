import createError from '@fastify/error'

// Stable codes of the revocation service (STYLE.md §8).
export const CredentialNotFound = createError('OBP_REVOCATION_CREDENTIAL_NOT_FOUND', 'Credential %s not found', 404)
export const StatusListNotFound = createError('OBP_REVOCATION_STATUS_LIST_NOT_FOUND', 'Status list %s not found', 404)
export const IssuerKeyMissing = createError('OBP_REVOCATION_ISSUER_KEY_MISSING', 'Issuer %s of the status list has no active signing key', 500)
