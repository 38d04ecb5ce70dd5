// The issuer's own helpers around ids; the ids and URLs themselves live in @obp/documents (one ids module).
import { createHash } from 'node:crypto'

export { lastSegment, credentialKey, scopedCredentialKey, credentialIdOfKey, isScopedCredentialKey, credentialUrl, credentialUrlPrefix, achievementUrl, imageUrl, batchUrl, urnUuid } from '@obp/documents'
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
