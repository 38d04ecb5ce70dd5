// Error constructors of the network and endorsement module (STYLE.md §8: stable codes, package prefix).
import createError from '@fastify/error'

// one definition per code: the service's own errors are re-exported, never redefined
export { IssuerNotFound, SigningUnavailable as SigningKeyMissing } from '../errors.js'
export const NotAMember = createError('OBP_ISSUER_NOT_A_MEMBER', 'Issuer %s is not a member of the network', 403)
export const AlreadyMember = createError('OBP_ISSUER_ALREADY_MEMBER', 'Issuer %s is already a member of the network', 409)
export const SubjectNotFound = createError('OBP_ISSUER_ENDORSEMENT_SUBJECT_NOT_FOUND', 'No achievement or profile of a network member has the id %s', 422)
export const SelfEndorsement = createError('OBP_ISSUER_SELF_ENDORSEMENT', 'An issuer cannot endorse its own achievement or profile', 422)
export const EndorsementNotFound = createError('OBP_ISSUER_ENDORSEMENT_NOT_FOUND', 'Endorsement %s not found', 404)
export const RequestNotFound = createError('OBP_ISSUER_ENDORSEMENT_REQUEST_NOT_FOUND', 'Endorsement request %s not found', 404)
export const WrongState = createError('OBP_ISSUER_ENDORSEMENT_STATE', 'Endorsement %s is %s', 409)
export const EndorsementRevoked = createError('OBP_ISSUER_ENDORSEMENT_REVOKED', 'Endorsement %s is revoked', 409)
export const SubjectNotOwned = createError('OBP_ISSUER_ENDORSEMENT_SUBJECT_NOT_OWNED', 'An issuer may request endorsements only of its own achievements or profile, not of %s', 422)
export const MemberNotFound = createError('OBP_ISSUER_MEMBER_NOT_FOUND', 'Issuer %s is not a member of the network', 404)
export const InvalidBody = createError('OBP_ISSUER_INVALID_BODY', '%s', 400)
export const AlreadyEndorsed = createError('OBP_ISSUER_ALREADY_ENDORSED', 'This issuer already endorses %s (endorsement %s); revoke it to issue a new one', 409)
export const AlreadyRequested = createError('OBP_ISSUER_ENDORSEMENT_ALREADY_REQUESTED', 'An endorsement of %s is already requested from this issuer (request %s)', 409)
