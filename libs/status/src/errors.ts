import createError from '@fastify/error'

// Stable codes (STYLE.md §8), prefix OBP_STATUS_.
export const StatusListTooLarge = createError('OBP_STATUS_LIST_TOO_LARGE', 'The status list inflates past %d bytes (refusing a possible zip bomb)', 422)
export const StatusListMalformed = createError('OBP_STATUS_LIST_MALFORMED', 'The encoded status list is malformed: %s', 422)
export const StatusIndexOutOfRange = createError('OBP_STATUS_INDEX_OUT_OF_RANGE', 'Status list index %s is outside the list of %d entries', 422)
export const StatusEntryConflict = createError('OBP_STATUS_ENTRY_CONFLICT', 'Credential %s already has a status entry of another issuer', 409)
export const StatusAllocationFailed = createError('OBP_STATUS_ALLOCATION_FAILED', 'Could not allocate a status entry for issuer %s', 503)
