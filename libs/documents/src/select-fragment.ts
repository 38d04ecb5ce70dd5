// Picks the object a URL names out of a resolved document (DID Core §7.2 dereferencing a DID URL fragment).
const RELATIONSHIPS = ['verificationMethod', 'assertionMethod', 'authentication', 'capabilityInvocation',
  'capabilityDelegation', 'keyAgreement'] as const

type Json = Record<string, unknown>

function isObject (value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function withoutFragment (url: string): string {
  const hash = url.indexOf('#')
  return hash === -1 ? url : url.slice(0, hash)
}

/** Absolute id of an entry, resolving `#frag` ids (did:web documents use them) against the document id. */
function absoluteId (id: unknown, base: string): string | undefined {
  if (typeof id !== 'string') return undefined
  return id.startsWith('#') ? base + id : id
}

/**
 * Returns the document itself when its id is `url`, or the embedded verification method whose id is
 * `url` (given the document's `@context` and, if missing, its id as controller). Undefined otherwise.
 */
export function selectFragment (document: unknown, url: string): Json | undefined {
  if (!isObject(document)) return undefined
  const base = typeof document.id === 'string' ? document.id : undefined
  if (base === url) return document
  if (base === undefined || base !== withoutFragment(url) || base === url) return undefined
  for (const relationship of RELATIONSHIPS) {
    const entries = document[relationship]
    for (const entry of Array.isArray(entries) ? entries : [entries]) {
      if (isObject(entry) && absoluteId(entry.id, base) === url) {
        return { '@context': document['@context'], ...entry, id: url, controller: entry.controller ?? base }
      }
    }
  }
  return undefined
}
