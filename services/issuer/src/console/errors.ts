// Error constructors of the console's accounts and sessions (STYLE.md §8).
import createError from '@fastify/error'

export const BadCredentials = createError('OBP_CONSOLE_BAD_CREDENTIALS', 'Wrong email or password', 401)
export const AccountLocked = createError('OBP_CONSOLE_LOCKED', 'Too many failed sign-ins: try again in %s minutes', 429)
export const NoSession = createError('OBP_CONSOLE_NO_SESSION', 'Not signed in, or the session expired', 401)
export const CsrfMismatch = createError('OBP_CONSOLE_CSRF', 'Missing or wrong x-csrf-token header', 403)
export const TokenInvalid = createError('OBP_CONSOLE_TOKEN_INVALID', 'This link is invalid, expired or already used', 404)
export const NotAMemberOf = createError('OBP_CONSOLE_NOT_A_MEMBER', 'You are not a member of issuer %s', 404)
export const MemberNotFound = createError('OBP_CONSOLE_MEMBER_NOT_FOUND', 'Member %s not found', 404)
export const LastOwner = createError('OBP_CONSOLE_LAST_OWNER', 'An issuer keeps at least one owner', 409)
