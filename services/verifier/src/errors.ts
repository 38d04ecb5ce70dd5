// Error constructors of the verifier service (STYLE.md §8). Callers branch on `err.code`.
import createError from '@fastify/error'

/** The input is not a credential at all (CONTRACT.md "Verifier service": the only 400). */
export const NotACredentialError = createError<'OBP_VERIFIER_NOT_A_CREDENTIAL', 400, [string]>(
  'OBP_VERIFIER_NOT_A_CREDENTIAL', 'Not a credential: %s', 400)
export const NotAPresentationError = createError<'OBP_VERIFIER_NOT_A_PRESENTATION', 400, [string]>(
  'OBP_VERIFIER_NOT_A_PRESENTATION', 'Not a presentation: %s', 400)
/** A status list that cannot be used; reported as a failed status check, never thrown to the client. */
export const StatusListError = createError<'OBP_VERIFIER_STATUS_LIST', 422, [string]>(
  'OBP_VERIFIER_STATUS_LIST', '%s', 422)
/** A credential link (`credentialUrl`) that could not be fetched: nothing was given to verify (400). */
export const CredentialLinkError = createError<'OBP_VERIFIER_CREDENTIAL_URL', 400, [string, string]>(
  'OBP_VERIFIER_CREDENTIAL_URL', 'The credential link %s could not be read: %s', 400)
