// Ids and URLs of the objects this service hosts (CONTRACT.md: path parameters are the last path segment of
// an object's id; body fields accept the full id and, for ids of this platform, the last segment).
import { createHash } from 'node:crypto'

const trimSlash = (s: string): string => s.replace(/\/+$/, '')

/** The last path segment of a URL or URN (`urn:uuid:x` -> `x`), or the value itself. */
export function lastSegment (value: string): string {
  const v = value.replace(/[?#].*$/, '').replace(/\/+$/, '')
  const slash = v.lastIndexOf('/')
  if (slash >= 0) return v.slice(slash + 1)
  if (v.startsWith('urn:')) return v.slice(v.lastIndexOf(':') + 1)
  return v
}

export function credentialUrl (publicUrl: string, id: string): string {
  return `${trimSlash(publicUrl)}/credentials/${id}`
}

export function achievementUrl (publicUrl: string, issuerId: string, id: string): string {
  return `${trimSlash(publicUrl)}/issuers/${issuerId}/achievements/${id}`
}

export function imageUrl (publicUrl: string, id: string): string {
  return `${trimSlash(publicUrl)}/images/${id}`
}

export function batchUrl (publicUrl: string, id: string): string {
  return `${trimSlash(publicUrl)}/batches/${id}`
}

/** JSON with object keys sorted, so "the same body" ignores key order (CONTRACT.md "Idempotency-Key"). */
export function canonicalJson (value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

export function sha256Hex (text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** BullMQ custom job ids may not contain `:`; a credential id is a URL, so its job id is a digest of it. */
export function credentialJobId (credentialId: string): string {
  return 'cred-' + sha256Hex(credentialId).slice(0, 40)
}
