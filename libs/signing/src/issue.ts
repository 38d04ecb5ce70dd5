// Signing credentials with Data Integrity / Ed25519Signature2020 proofs via @digitalbazaar/vc.
import * as vc from '@digitalbazaar/vc'
import type { StoredKey } from './keys.js'
import type { Signer } from './signer.js'
import type { DocumentLoader } from './types.js'
import { defaultSuiteFor, ED25519_2020_CONTEXT, signingSuite, type SuiteName } from './suites.js'
import { toSigningError } from './jsonld-errors.js'

export interface IssueOptions {
  credential: object
  signer: Signer
  key: StoredKey
  suite?: SuiteName
  documentLoader: DocumentLoader
  /** proof `created` (XSD dateTimeStamp); defaults to now */
  created?: string
  /** the new proof's `id` (VC-DI 1.0 §2.1: a URL, needed for another proof to chain to it) */
  proofId?: string
  /**
   * Chain the new proof to these proofs of `credential` (VC-DI 1.0 §4.3): they must already be in its proof set,
   * and the new proof signs the credential with them. Without it, a credential that has proofs gets one more (a set).
   */
  previousProof?: string | string[]
}

function withContext (credential: Record<string, unknown>, url: string): Record<string, unknown> {
  const ctx = credential['@context']
  const list = Array.isArray(ctx) ? ctx : ctx === undefined ? [] : [ctx]
  return list.includes(url) ? credential : { ...credential, '@context': [...list, url] }
}

/**
 * Signs `credential` and returns a copy with `proof` as an array (OB 3.0 JSON Schema requires an array).
 * JSON-LD safe mode is on in every suite's canonicalization (VC-DI-EDDSA §3.2.3 "safe mode"): a credential with
 * a term no context defines fails with OBP_SIGNING_UNDEFINED_TERM naming the term.
 */
export async function issue (opts: IssueOptions): Promise<any> {
  if (!opts?.credential || typeof opts.credential !== 'object') throw new TypeError('"credential" is required.')
  if (!opts.signer) throw new TypeError('"signer" is required.')
  if (!opts.key) throw new TypeError('"key" is required.')
  if (typeof opts.documentLoader !== 'function') throw new TypeError('"documentLoader" is required.')
  const suiteName = opts.suite ?? defaultSuiteFor(opts.key.type)
  const suite = signingSuite(suiteName, opts.key.type, opts.signer, opts.created, opts.documentLoader) as { proof?: Record<string, unknown> }
  if (opts.proofId !== undefined || opts.previousProof !== undefined) {
    // DataIntegrityProof copies `suite.proof` into the proof it creates (data-integrity createProof)
    suite.proof = { ...(opts.proofId !== undefined ? { id: opts.proofId } : {}), ...(opts.previousProof !== undefined ? { previousProof: opts.previousProof } : {}) }
  }
  let credential = { ...(opts.credential as Record<string, unknown>) }
  // jsonld-signatures appends the new proof to the document's proof array: a copy, so the caller's stays as it was
  if (credential.proof !== undefined) credential.proof = [credential.proof].flat()
  // Ed25519Signature2020 only matches documents that carry its context (ed25519-signature-2020 §2).
  if (suiteName === 'Ed25519Signature2020') credential = withContext(credential, ED25519_2020_CONTEXT)
  let signed: any
  try {
    signed = await vc.issue({ credential, suite, documentLoader: opts.documentLoader })
  } catch (err) {
    throw toSigningError(err)
  }
  return { ...signed, proof: [signed.proof].flat() }
}
