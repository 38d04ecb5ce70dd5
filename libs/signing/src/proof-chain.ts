// Proof sets and chains (VC Data Integrity 1.0 §4.3 "Add Proof Set/Chain", §4.4 "Verify Proof Sets and Chains").
// jsonld-signatures verifies every proof of a set against the document without its proofs, which is right for a
// set and wrong for a chain: a proof naming `previousProof` signed the document *with* the proofs it names. The
// suites (./suite-cache.ts) call these helpers to put those proofs back before hashing, on signing and verifying.

type Json = Record<string, unknown>

/** The proof ids a proof's `previousProof` names (a string or a list of strings, §2.1.2). */
export function previousProofIds (proof: Json): string[] | undefined {
  const value = proof.previousProof
  if (value === undefined) return undefined
  const ids = Array.isArray(value) ? value : [value]
  if (ids.length === 0 || !ids.every(id => typeof id === 'string')) throw new TypeError('"previousProof" must be a string or a list of strings.')
  return ids as string[]
}

/**
 * The proofs `ids` name, taken from the proof set; jsonld-signatures hands the set over with the document's
 * `@context` copied into each proof, which the chained proof did not sign, so it is removed again.
 */
export function matchingProofs (ids: string[], proofSet: Json[], documentContext: unknown): Json[] {
  return ids.map(id => {
    const found = proofSet.find(p => p.id === id)
    // §4.4 step 2.3: a referenced proof that is not in the set is an error (PROOF_VERIFICATION_ERROR).
    if (found === undefined) throw new Error(`previousProof "${id}" is not a proof of this document`)
    const { '@context': ctx, ...rest } = found
    return JSON.stringify(ctx) === JSON.stringify(documentContext) ? rest : found
  })
}

/** The document a chained proof covers: the unsecured document with the proofs it names as its `proof`. */
export function chainedDocument (document: Json, proof: Json, proofSet: Json[] | undefined): Json {
  const ids = previousProofIds(proof)
  if (ids === undefined) return document
  const previous = matchingProofs(ids, proofSet ?? [], document['@context'])
  return { ...document, proof: previous.length === 1 ? previous[0] : previous }
}
