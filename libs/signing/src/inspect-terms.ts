// What JSON-LD makes of a document's terms, before anything is spent on it (a status slot, a signature).
// VCDM 2.0 §5.2: a term that only a catch-all `@vocab` maps (the issuer-dependent vocabulary of the v2 context's
// drafts, or the `undefined-terms/v2` context the published v2 context points to, since it dropped its `@vocab`)
// is valid VCDM 2.0 and is signed, but is worth a warning. A term that no context maps at all would be dropped by
// canonicalization: Data Integrity's data-loss rule makes it an error (safe mode), as is a context that
// redefines a protected term (JSON-LD 1.1 §4.1.11).
import jsonld from 'jsonld'
import type { DocumentLoader } from './types.js'
import { toSigningError } from './jsonld-errors.js'
import { ProtectedTermError } from './errors.js'

export const ISSUER_DEPENDENT_VOCAB = 'https://www.w3.org/ns/credentials/issuer-dependent#'
const CATCH_ALL_VOCABS = [ISSUER_DEPENDENT_VOCAB, 'https://www.w3.org/ns/credentials/undefined-term#']
const catchAllTerm = (iri: string): string | undefined => {
  const vocab = CATCH_ALL_VOCABS.find(v => iri.startsWith(v))
  return vocab === undefined ? undefined : iri.slice(vocab.length)
}

function collectVocab (node: unknown, found: Set<string>): void {
  if (Array.isArray(node)) { for (const n of node) collectVocab(n, found); return }
  if (node === null || typeof node !== 'object') return
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const term = catchAllTerm(key)
    if (term !== undefined) found.add(term)
    if (key === '@type') {
      for (const t of [value].flat()) {
        const typeTerm = typeof t === 'string' ? catchAllTerm(t) : undefined
        if (typeTerm !== undefined) found.add(typeTerm)
      }
    }
    collectVocab(value, found)
  }
}

/**
 * Expands `document` in safe mode (the same expansion the rdfc suites sign). Throws OBP_SIGNING_UNDEFINED_TERM naming a term no context defines,
 * OBP_SIGNING_PROTECTED_TERM for a protected term's redefinition, or the loader's error for an unknown context;
 * returns the terms only a catch-all `@vocab` maps, sorted.
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

/**
 * The terms and types of a secured `document` that only a catch-all `@vocab` maps, sorted (the verifier's warning);
 * [] when it cannot be expanded (the proof check reports why).
 */
export async function issuerDependentTerms (document: object, opts: { documentLoader: DocumentLoader }): Promise<string[]> {
  const { proof: _proof, ...unsecured } = document as Record<string, unknown>
  try {
    return (await inspectTerms({ document: unsecured, documentLoader: opts.documentLoader })).vocabTerms
  } catch {
    return []
  }
}
