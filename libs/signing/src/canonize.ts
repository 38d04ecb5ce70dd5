// RDFC-1.0 canonical forms used by the Data Integrity rdfc suites (VC-DI-EDDSA §3.2.3 / §3.2.4).
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import type { DocumentLoader } from './types.js'

const canonizeRdfc: (input: unknown, opts: Record<string, unknown>) => Promise<string> = eddsaRdfc2022.canonize

/** Canonical N-Quads of an unsecured document (its `proof` removed), JSON-LD safe mode on. */
export async function canonizeDocument (document: object, opts: { documentLoader: DocumentLoader }): Promise<string> {
  const { proof: _proof, ...unsecured } = document as Record<string, unknown>
  return canonizeRdfc(unsecured, { documentLoader: opts.documentLoader, base: null, safe: true })
}

/**
 * Canonical N-Quads of the proof configuration: the proof without `proofValue`, under the document's
 * `@context` (VC-DI-EDDSA §3.2.5 "Proof Configuration").
 */
export async function canonizeProofConfig (proof: object, opts: { document: object; documentLoader: DocumentLoader }): Promise<string> {
  const { proofValue: _pv, ...config } = proof as Record<string, unknown>
  const input = { '@context': (opts.document as Record<string, unknown>)['@context'], ...config }
  return canonizeRdfc(input, { documentLoader: opts.documentLoader, base: null, safe: true })
}
