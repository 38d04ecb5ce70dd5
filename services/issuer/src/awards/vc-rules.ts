// What VCDM 2.0 makes mandatory of a credential handed to VC-API issue, beyond its shape (vc-shape.ts), each
// refusal a 400 naming the field: typed entries (§4.10 status, §5.4 schema, §5.5 refresh, §5.6 terms of use,
// §5.7 evidence), related resources and their digests (§5.3), ids that are URLs (§4.4).
import { checkDigest } from '@obp/documents'
import { InvalidCredential } from '../errors.js'

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v)

function bad (message: string): never {
  throw new InvalidCredential(message)
}

// An absolute URL (RFC 3986 with a scheme); WHATWG URL parsing refuses spaces and broken authorities.
export function isUrl (value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 4096 || !/^[a-z][a-z0-9+.-]*:[^\s]+$/i.test(value)) return false
  try {
    return new URL(value).protocol.length > 1
  } catch {
    return false
  }
}

/** §4.4: every `id` in the credential (outside `@context`) is a URL. */
function checkIds (node: unknown, path: string): void {
  if (Array.isArray(node)) { node.forEach((n, i) => checkIds(n, `${path}[${i}]`)); return }
  if (!isObject(node)) return
  for (const [key, value] of Object.entries(node)) {
    if (key === '@context') continue
    if (key === 'id' && !isUrl(value)) bad(`"${path}.id" must be a URL`)
    checkIds(value, `${path}.${key}`)
  }
}

const TYPED = ['credentialStatus', 'termsOfUse', 'evidence', 'refreshService', 'credentialSchema'] as const

function entriesOf (c: Json, field: string): Json[] {
  const v = c[field]
  if (v === undefined) return []
  const list = Array.isArray(v) ? v : [v]
  if (list.length === 0 || !list.every(isObject)) bad(`"credential.${field}" must be an object or a non-empty array of objects`)
  return list
}

function hasType (e: Json): boolean {
  const t = e.type
  return (typeof t === 'string' && t !== '') || (Array.isArray(t) && t.length > 0 && t.every(x => typeof x === 'string' && x !== ''))
}

function checkRelatedResource (c: Json): void {
  if (c.relatedResource === undefined) return
  const list = entriesOf(c, 'relatedResource')
  const seen = new Set<string>()
  list.forEach((r, i) => {
    const at = `credential.relatedResource[${i}]`
    if (!isUrl(r.id)) bad(`"${at}.id" is required and must be a URL`)
    if (seen.has(r.id)) bad(`"${at}.id" repeats ${r.id}: each related resource is listed once`)
    seen.add(r.id)
    if (r.digestSRI === undefined && r.digestMultibase === undefined) bad(`"${at}" needs "digestSRI" or "digestMultibase"`)
    for (const kind of ['digestSRI', 'digestMultibase'] as const) {
      if (r[kind] === undefined) continue
      const result = checkDigest(r.id, kind, r[kind])
      if (result === 'malformed') bad(`"${at}.${kind}" is not a well-formed ${kind === 'digestSRI' ? 'SRI digest (sha256/384/512-base64)' : 'multibase multihash (sha2-256 or sha2-384)'}`)
      if (result === 'mismatch') bad(`"${at}.${kind}" does not match ${r.id}`)
    }
  })
}

/** The VCDM 2.0 rules above; throws InvalidCredential naming the field. */
export function checkVcRules (c: Json): void {
  checkIds(c, 'credential')
  for (const field of TYPED) {
    entriesOf(c, field).forEach((e, i) => {
      if (!hasType(e)) bad(`"credential.${field}${Array.isArray(c[field]) ? `[${i}]` : ''}.type" is required`)
    })
  }
  entriesOf(c, 'credentialSchema').forEach((e, i) => {
    if (e.id === undefined) bad(`"credential.credentialSchema${Array.isArray(c.credentialSchema) ? `[${i}]` : ''}.id" is required`)
  })
  checkRelatedResource(c)
}
