// Verifiable presentations (VCDM 2.0 §4.13): holder proofs with proofPurpose "authentication" bound to a
// challenge/domain, plus every embedded credential verified as verifyCredential does.
import * as vc from '@digitalbazaar/vc'
import type { StoredKey } from './keys.js'
import type { Signer } from './signer.js'
import { defaultSuiteFor, signingSuite, type SuiteName } from './suites.js'
import { verifyingSuites } from './suites.js'
import { errorInfo, toSigningError } from './jsonld-errors.js'
import { failure, summarizeProofResult, toVerifyResult } from './verify.js'
import type { DocumentLoader, VerifyResult } from './types.js'

export interface SignPresentationOptions {
  presentation: object
  signer: Signer
  key: StoredKey
  challenge: string
  domain?: string
  suite?: SuiteName
  documentLoader: DocumentLoader
  created?: string
}

/** Signs a presentation as its holder (what a wallet does); `proof` comes back as an array. */
export async function signPresentation (opts: SignPresentationOptions): Promise<any> {
  if (!opts?.presentation) throw new TypeError('"presentation" is required.')
  if (!opts.challenge) throw new TypeError('"challenge" is required.')
  const suite = signingSuite(opts.suite ?? defaultSuiteFor(opts.key.type), opts.key.type, opts.signer, opts.created)
  try {
    const signed = await vc.signPresentation({ presentation: { ...opts.presentation }, suite, challenge: opts.challenge, domain: opts.domain, documentLoader: opts.documentLoader })
    return { ...signed, proof: [signed.proof].flat() }
  } catch (err) {
    throw toSigningError(err)
  }
}

export interface VerifyPresentationOptions {
  presentation: object
  challenge?: string
  domain?: string
  documentLoader: DocumentLoader
  checkStatus?: (opts: any) => Promise<{ verified: boolean; [k: string]: unknown }>
  now?: string | Date
}

export async function verifyPresentation (opts: VerifyPresentationOptions): Promise<VerifyResult> {
  try {
    const presentation = opts?.presentation as Record<string, any>
    if (!presentation || typeof presentation !== 'object' || Array.isArray(presentation)) return failure('"presentation" must be an object.', 'TypeError')
    if (typeof opts.documentLoader !== 'function') return failure('"documentLoader" is required.', 'TypeError')
    const warnings: string[] = []
    const signed = Array.isArray(presentation.proof) ? presentation.proof.length > 0 : !!presentation.proof
    if (!signed) warnings.push('presentation is not signed: holder not authenticated')
    if (signed && !opts.challenge) return failure('A "challenge" is required to verify a signed presentation.', 'TypeError')
    const checkStatus = opts.checkStatus ?? (async () => ({ verified: true }))
    const raw = await vc.verify({
      presentation, challenge: opts.challenge, domain: opts.domain, suite: verifyingSuites({ documentLoader: opts.documentLoader }),
      documentLoader: opts.documentLoader, checkStatus, now: opts.now, unsignedPresentation: !signed
    })
    const credentialResults = (raw?.credentialResults ?? []).map((r: any) => ({
      kind: 'credential', credentialId: r.credentialId, ...toVerifyResult(r, [])
    }))
    const presentationResults = (raw?.presentationResult?.results ?? []).map((r: any) => ({ kind: 'presentation', ...summarizeProofResult(r) }))
    if (!opts.checkStatus && (presentation.verifiableCredential ?? []).some?.((c: any) => c?.credentialStatus)) warnings.push('credentialStatus was not checked by @obp/signing')
    const out: VerifyResult = { verified: raw?.verified === true, results: [...presentationResults, ...credentialResults] }
    if (!out.verified) {
      const first = [...presentationResults, ...credentialResults].find((r: any) => r.error)?.error
      const info = errorInfo(raw?.error) ?? first ?? { name: 'VerificationError', message: 'Presentation verification failed' }
      out.error = { name: info.name, message: first?.message ?? info.message }
    }
    if (warnings.length > 0) out.warnings = warnings
    return out
  } catch (err) {
    const info = errorInfo(err) ?? { name: 'Error', message: String(err) }
    return { verified: false, results: [], error: { name: info.name, message: info.message } }
  }
}
