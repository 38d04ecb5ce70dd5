// What JSON-LD makes of a document's terms, before anything is spent on it (a status slot, a signature).
// VCDM 2.0 §5.2: the v2 context maps any term it does not define to its issuer-dependent vocabulary (`@vocab`);
// such a document is valid VCDM 2.0 and is signed, but its terms are worth a warning. A term that no context
// maps at all (a VCDM 1.1 document has no `@vocab`) would be dropped by canonicalization: Data Integrity's
// data-loss rule makes it an error (safe mode), as is a context that redefines a protected term (JSON-LD 1.1 §4.1.11).
import jsonld from 'jsonld'
import type { DocumentLoader } from './types.js'
import { toSigningError } from './jsonld-errors.js'
import { ProtectedTermError } from './errors.js'

export const ISSUER_DEPENDENT_VOCAB = 'https://www.w3.org/ns/credentials/issuer-dependent#'

function collectVocab (node: unknown, found: Set<string>): void {
  if (Array.isArray(node)) { for (const n of node) collectVocab(n, found); return }
  if (node === null || typeof node !== 'object') return
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key.startsWith(ISSUER_DEPENDENT_VOCAB)) found.add(key.slice(ISSUER_DEPENDENT_VOCAB.length))
    if (key === '@type') {
      for (const t of [value].flat()) if (typeof t === 'string' && t.startsWith(ISSUER_DEPENDENT_VOCAB)) found.add(t.slice(ISSUER_DEPENDENT_VOCAB.length))
    }
    collectVocab(value, found)
  }
}

/**
 * Expands `document` in safe mode. Throws OBP_SIGNING_UNDEFINED_TERM naming a term no context defines,
 * OBP_SIGNING_PROTECTED_TERM for a protected term's redefinition, or the loader's error for an unknown context;
 * returns the terms mapped by the issuer-dependent `@vocab`, sorted.
 */
export async function inspectTerms (opts: { document: object; documentLoader: DocumentLoader }): Promise<{ vocabTerms: string[] }> {
  if (!opts?.document || typeof opts.document !== 'object') throw new TypeError('"document" is required.')
  if (typeof opts.documentLoader !== 'function') throw new TypeError('"documentLoader" is required.')
  let expanded: unknown
  try {
    expanded = await jsonld.expand(opts.document, { documentLoader: opts.documentLoader, safe: true })
  } catch (err) {
    const code = (err as { details?: { code?: string } })?.details?.code
    if (code === 'protected term redefinition') {
      const term = (err as { details?: { term?: unknown } }).details?.term
      throw new ProtectedTermError(typeof term === 'string' ? term : 'unknown')
    }
    throw toSigningError(err)
  }
  const found = new Set<string>()
  collectVocab(expanded, found)
  return { vocabTerms: [...found].sort() }
}
