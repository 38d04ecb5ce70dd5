// DID authentication by a signed presentation, shared by the VC-API exchange (VP Request spec "DIDAuthentication",
// as the Learner Credential Wallet answers it: Ed25519Signature2020 from a did:key) and OID4VCI's `di_vp` proof type
// (OID4VCI 1.0 App. F.2: a DataIntegrityProof with proofPurpose `authentication`, `challenge` = c_nonce, `domain` =
// the credential issuer id). The bound DID is the controller of the proof's verification method, never the
// self-asserted `holder`, and a `holder` that names anyone else is refused (wallet-delivery.md §2). Keys resolve
// through the project's document loader only (did:key / did:jwk offline, no remote context).
import { verifyPresentation } from '@obp/signing'
import type { DocumentLoader } from '@obp/documents'

export type DidAuthFailure = 'shape' | 'suite' | 'purpose' | 'challenge' | 'domain' | 'method' | 'holder' | 'signature'

export class DidAuthError extends Error {
  constructor (public readonly reason: DidAuthFailure, message: string) { super(message) }
}

/** Proof suites a wallet may use: Data Integrity cryptosuites, or `Ed25519Signature2020` (the legacy suite LCW signs with). */
export type AcceptedSuite = 'eddsa-rdfc-2022' | 'Ed25519Signature2020'

export interface DidAuthOptions {
  presentation: unknown
  /** the expected challenge; omitted when the proof's own challenge is checked afterwards (OID4VCI nonces) */
  challenge?: string
  domain: string
  suites: readonly AcceptedSuite[]
  /** DID methods the DID may use, as `did:key` */
  methods: readonly string[]
  documentLoader: DocumentLoader
}

const holderOf = (h: unknown): string | undefined =>
  typeof h === 'string' ? h : h && typeof h === 'object' && typeof (h as { id?: unknown }).id === 'string' ? (h as { id: string }).id : undefined

export async function verifyDidAuth (opts: DidAuthOptions): Promise<{ did: string; challenge: string; suite: AcceptedSuite }> {
  const vp = opts.presentation as Record<string, any>
  if (!vp || typeof vp !== 'object' || Array.isArray(vp)) throw new DidAuthError('shape', 'the presentation must be a JSON object')
  if (![vp.type].flat().includes('VerifiablePresentation')) throw new DidAuthError('shape', 'the presentation\'s type must include VerifiablePresentation')
  const proofs = [vp.proof].flat().filter(p => p !== undefined)
  if (proofs.length !== 1 || !proofs[0] || typeof proofs[0] !== 'object') throw new DidAuthError('shape', 'the presentation must carry exactly one proof')
  const proof = proofs[0] as Record<string, unknown>
  const suite = (proof.type === 'DataIntegrityProof' ? proof.cryptosuite : proof.type) as AcceptedSuite
  if (!opts.suites.includes(suite) || (suite === 'eddsa-rdfc-2022' && proof.type !== 'DataIntegrityProof')) {
    throw new DidAuthError('suite', `the proof must use one of ${opts.suites.join(', ')}`)
  }
  if (proof.proofPurpose !== 'authentication') throw new DidAuthError('purpose', 'the proof\'s proofPurpose must be authentication')
  if (typeof proof.challenge !== 'string' || proof.challenge.length === 0 || proof.challenge.length > 256) throw new DidAuthError('challenge', 'the proof carries no challenge')
  if (opts.challenge !== undefined && proof.challenge !== opts.challenge) throw new DidAuthError('challenge', 'the proof\'s challenge is not this exchange\'s')
  if (proof.domain !== opts.domain) throw new DidAuthError('domain', `the proof's domain must be ${opts.domain}`)
  const vm = proof.verificationMethod
  if (typeof vm !== 'string' || !vm.includes('#')) throw new DidAuthError('method', 'verificationMethod must be a DID URL')
  const did = vm.split('#')[0]
  if (!opts.methods.some(m => did.startsWith(m + ':'))) throw new DidAuthError('method', `the key's DID must use ${opts.methods.join(' or ')}`)
  const holder = holderOf(vp.holder)
  if (vp.holder !== undefined && holder !== did) throw new DidAuthError('holder', 'holder is not the DID that signed the presentation')
  // AuthenticationProofPurpose (via @digitalbazaar/vc) checks challenge and domain again, that the key is listed
  // under the controller's `authentication`, and the signature
  const result = await verifyPresentation({ presentation: vp, challenge: proof.challenge, domain: opts.domain, documentLoader: opts.documentLoader })
  if (!result.verified) throw new DidAuthError('signature', `the presentation does not verify: ${result.error?.message ?? 'proof refused'}`)
  return { did, challenge: proof.challenge, suite }
}
