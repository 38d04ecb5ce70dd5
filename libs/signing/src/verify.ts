// Verifying Data Integrity (eddsa-rdfc-2022, ecdsa-rdfc-2019, legacy eddsa-2022) and Ed25519Signature2020 proofs.
// Never throws for a bad credential: failures come back as { verified: false, error }.
import * as vc from '@digitalbazaar/vc'
import { verifyingSuites } from './suites.js'
import { errorInfo } from './jsonld-errors.js'
import type { DocumentLoader, VerifyResult } from './types.js'

export interface VerifyCredentialOptions {
  credential: object
  documentLoader: DocumentLoader
  /** status is the verifier service's job; without this, credentialStatus is reported as not checked */
  checkStatus?: (opts: any) => Promise<{ verified: boolean; [k: string]: unknown }>
  /** the time validFrom/validUntil are checked against (VCDM 2.0 §4.9) */
  now?: string | Date
  /**
   * The credential is one this platform issued (e.g. found in its own store): canonicalize through the shapes
   * compiled when signing (docs/decisions/0002-compiled-canonicalization.md). Never set it for credentials from elsewhere; default false.
   */
  ownCredential?: boolean
}

const STATUS_NOT_CHECKED = 'credentialStatus was not checked by @obp/signing'

/** One entry per proof: which suite, verification method and controller were used (for issuer binding). */
export function summarizeProofResult (r: any): Record<string, unknown> {
  const proof = r?.proof ?? {}
  const vm = r?.verificationMethod
  const out: Record<string, unknown> = {
    verified: r?.verified === true,
    // jsonld-signatures validates the purpose (issuer = controller, assertionMethod) only after the signature held
    signatureVerified: r?.verified === true || r?.purposeResult !== undefined,
    suite: proof.cryptosuite ?? proof.type,
    proofType: proof.type,
    proofPurpose: proof.proofPurpose,
    created: proof.created,
    verificationMethod: (typeof vm === 'object' ? vm?.id : undefined) ?? (typeof proof.verificationMethod === 'object' ? proof.verificationMethod?.id : proof.verificationMethod),
    controller: (typeof vm === 'object' ? vm?.controller : undefined) ?? r?.purposeResult?.controller?.id
  }
  const error = errorInfo(r?.error ?? r?.purposeResult?.error)
  if (error) out.error = error
  return out
}

export function failure (message: string, name = 'VerificationError', results: any[] = []): VerifyResult {
  return { verified: false, results, error: { name, message } }
}

function hasProof (doc: Record<string, unknown>): boolean {
  const p = doc.proof
  return Array.isArray(p) ? p.length > 0 : !!p && typeof p === 'object'
}

export function toVerifyResult (raw: any, warnings: string[]): VerifyResult {
  const results = (raw?.results ?? []).map(summarizeProofResult)
  // jsonld-signatures accepts a proof set when any proof verifies; we require every matched proof to verify
  // (VC-DI 1.0 §4.3 "Verify Proof Sets and Chains": a set with a failing proof is not verified).
  const allProofs = results.length > 0 && results.every((r: any) => r.verified === true)
  const out: VerifyResult = { verified: raw?.verified === true && (allProofs || raw?.results === undefined), results }
  if (!out.verified) {
    const info = errorInfo(raw?.error)
    const seen = new Set<string>()
    const proofErrors = results.map((r: any) => r.error).filter((e: any) => e && !seen.has(e.message) && seen.add(e.message))
    out.error = info
      ? { name: info.name, message: proofErrors[0]?.message ?? info.message, errors: [...proofErrors, ...(info.errors ?? []).filter(e => !seen.has(e.message))] }
      : { name: 'VerificationError', message: proofErrors[0]?.message ?? 'Verification failed', errors: proofErrors }
  }
  if (raw?.statusResult && !raw.statusResult.verified) out.error ??= { name: 'StatusError', message: 'Credential status check failed' }
  if (warnings.length > 0) out.warnings = warnings
  return out
}

export async function verifyCredential (opts: VerifyCredentialOptions): Promise<VerifyResult> {
  try {
    const credential = opts?.credential as Record<string, unknown>
    if (!credential || typeof credential !== 'object' || Array.isArray(credential)) return failure('"credential" must be an object.', 'TypeError')
    if (typeof opts.documentLoader !== 'function') return failure('"documentLoader" is required.', 'TypeError')
    if (!hasProof(credential)) return failure('Credential has no proof.', 'NoProofError')
    const warnings: string[] = []
    let checkStatus = opts.checkStatus
    if (credential.credentialStatus && !checkStatus) {
      warnings.push(STATUS_NOT_CHECKED)
      checkStatus = async () => ({ verified: true })
    }
    const raw = await vc.verifyCredential({
      credential, suite: verifyingSuites({ compiledShapes: opts.ownCredential === true, documentLoader: opts.documentLoader }), documentLoader: opts.documentLoader, checkStatus, now: opts.now
    })
    return toVerifyResult(raw, warnings)
  } catch (err) {
    const info = errorInfo(err) ?? { name: 'Error', message: String(err) }
    return { verified: false, results: [], error: { name: info.name, message: info.message } }
  }
}
