// The `di_vp` proof type (OID4VCI 1.0 App. F.2): a presentation secured with a DataIntegrityProof whose cryptosuite
// is advertised (eddsa-rdfc-2022), proofPurpose `authentication`, `domain` = the credential issuer id and `challenge`
// = a c_nonce from the nonce endpoint (consumed once the signature holds, like the JWT proof's nonce). The key's DID
// (did:key, did:jwk: the advertised binding methods) is the one the credential is bound to.
import type { DocumentLoader } from '@obp/documents'
import { DidAuthError, verifyDidAuth } from '../exchanges/did-auth.js'
import { DI_VP_CRYPTOSUITES } from './metadata.js'
import { ProofError } from './proof.js'

export async function verifyDiVpProof (presentation: unknown, opts: { domain: string; consumeNonce: (n: string) => Promise<boolean>; documentLoader: DocumentLoader }): Promise<{ did: string }> {
  if (JSON.stringify(presentation ?? null).length > 64 * 1024) throw new ProofError('invalid_proof', 'the di_vp proof is too large')
  let verified: { did: string; challenge: string }
  try {
    verified = await verifyDidAuth({ presentation, domain: opts.domain, suites: DI_VP_CRYPTOSUITES, methods: ['did:key', 'did:jwk'], documentLoader: opts.documentLoader })
  } catch (err) {
    if (err instanceof DidAuthError) throw new ProofError(err.reason === 'challenge' ? 'invalid_nonce' : 'invalid_proof', err.message)
    throw err
  }
  if (!(await opts.consumeNonce(verified.challenge))) throw new ProofError('invalid_nonce', 'the challenge is not a c_nonce of this issuer, or it expired or was used')
  return { did: verified.did }
}
