// The ids and URLs of the objects this platform hosts, and the keys they are found by, written once for every
// service and library (CONTRACT.md: path parameters are the last path segment of an object's id; body fields
// accept the full id and, for ids of this platform, the last segment). A `urn:uuid:` credential id has no path:
// its key is the uuid, the same key the issuer serves it under and revocation finds it by.

const trimSlash = (s: string): string => s.replace(/\/+$/, '')

const URN_UUID = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i

/** The last path segment of a URL (query and fragment ignored), the last part of a URN, or the value itself. */
export function lastSegment (value: string): string {
  const v = value.replace(/[?#].*$/, '').replace(/\/+$/, '')
  const slash = v.lastIndexOf('/')
  if (slash >= 0) return v.slice(slash + 1)
  if (/^urn:/i.test(v)) return v.slice(v.lastIndexOf(':') + 1)
  return v
}

/** The uuid of a `urn:uuid:` id (RFC 9562 §4), lower-cased; undefined for anything else. */
export function urnUuid (value: string): string | undefined {
  return URN_UUID.exec(value)?.[1]?.toLowerCase()
}

export function credentialUrl (publicUrl: string, id: string): string {
  return `${trimSlash(publicUrl)}/credentials/${id}`
}

/** `ISSUER_PUBLIC_URL/credentials/`: the only URL prefix a caller-supplied credential id may use. */
export function credentialUrlPrefix (publicUrl: string): string {
  return credentialUrl(publicUrl, '')
}

export function issuerUrl (publicUrl: string, issuerId: string): string {
  return `${trimSlash(publicUrl)}/issuers/${issuerId}`
}

export function achievementUrl (publicUrl: string, issuerId: string, id: string): string {
  return `${issuerUrl(publicUrl, issuerId)}/achievements/${id}`
}

export function statusListUrl (revocationPublicUrl: string, listId: string): string {
  return `${trimSlash(revocationPublicUrl)}/status-lists/${listId}`
}

/** `REVOCATION_PUBLIC_URL/status-lists/`: a status entry under it points at one of the platform's own lists. */
export function statusListUrlPrefix (revocationPublicUrl: string): string {
  return statusListUrl(revocationPublicUrl, '')
}

export function imageUrl (publicUrl: string, id: string): string {
  return `${trimSlash(publicUrl)}/images/${id}`
}

export function batchUrl (publicUrl: string, id: string): string {
  return `${trimSlash(publicUrl)}/batches/${id}`
}

/**
 * The key a credential is found by besides its full id (`GET /credentials/:key`, revocation's path parameter):
 * the last segment of its URL, or the uuid of a `urn:uuid:`. The issuer's credential store and the status
 * entries both store it, so both services answer for the same key.
 */
export const credentialKey = (credentialId: string): string => lastSegment(credentialId)

/**
 * Credential ids are unique per issuer, not platform-wide (a caller of the VC-API names its own `urn:uuid:` or
 * URL id, and must not learn whether another issuer used it). The first credential with an id is stored under
 * the id itself and is the one `GET /credentials/:key` serves; another issuer's credential with the same id (or
 * with another id of the same key) is stored under this issuer-scoped key: revocable, listed and verifiable, but
 * not served at the shared location. A fragment is never part of an id the platform accepts or mints, and
 * `lastSegment` drops it, so a scoped key has the same `credentialKey` as its id.
 */
const SCOPE_MARK = '#obp-issuer='

export function scopedCredentialKey (issuerId: string, credentialId: string): string {
  return `${credentialId}${SCOPE_MARK}${issuerId}`
}

/** The credential id stored under a key (itself, unless the key is issuer-scoped). */
export function credentialIdOfKey (key: string): string {
  const at = key.indexOf(SCOPE_MARK)
  return at < 0 ? key : key.slice(0, at)
}

export const isScopedCredentialKey = (key: string): boolean => key.includes(SCOPE_MARK)
