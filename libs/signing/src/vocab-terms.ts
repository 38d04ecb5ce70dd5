// Terms a document only defines through the VC v2 context's issuer-dependent @vocab (VCDM 2.0 §5.2): valid
// VCDM 2.0, but their meaning is the issuer's alone, so the issuer and the verifier name them in a warning.
import jsonld from 'jsonld'
import type { DocumentLoader } from './types.js'

export const ISSUER_DEPENDENT_VOCAB = 'https://www.w3.org/ns/credentials/issuer-dependent#'

function collect (node: unknown, out: Set<string>, depth = 0): void {
  if (depth > 64 || node === null || typeof node !== 'object') return
  if (Array.isArray(node)) {
    for (const item of node) collect(item, out, depth + 1)
    return
  }
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith(ISSUER_DEPENDENT_VOCAB)) out.add(key.slice(ISSUER_DEPENDENT_VOCAB.length))
    if (key === '@type') for (const type of [value].flat()) if (typeof type === 'string' && type.startsWith(ISSUER_DEPENDENT_VOCAB)) out.add(type.slice(ISSUER_DEPENDENT_VOCAB.length))
    collect(value, out, depth + 1)
  }
}

/** The terms and types of `document` that expand to the issuer-dependent vocabulary, sorted; [] when it cannot be expanded. */
export async function issuerDependentTerms (document: object, opts: { documentLoader: DocumentLoader }): Promise<string[]> {
  const { proof: _proof, ...unsecured } = document as Record<string, unknown>
  try {
    const expanded: unknown = await jsonld.expand(unsecured, { documentLoader: opts.documentLoader })
    const out = new Set<string>()
    collect(expanded, out)
    return [...out].sort()
  } catch {
    return []
  }
}
