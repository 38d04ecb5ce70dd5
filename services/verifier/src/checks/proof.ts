// The proof check (OB 3.0 §9.1 step 3; VC-DATA-INTEGRITY §4.2 verify proof): is every signature valid for the
// key its proof names? Whether that key belongs to the issuer is the separate issuer check (./issuer.ts):
// a key that is only written in a URL fragment can make a valid signature, and still be nobody's key.
import { BoundedMap, CONTEXT_URLS, createDocumentLoader, multikeyToJwk } from '@obp/documents'
import { verifyCredential } from '@obp/signing'
import type { VerifierDeps } from '../deps.js'
import { asArray, idOf, isObject, stringOf } from '../json.js'
import type { Json } from '../types.js'
import { confirmKey, type KeyBinding, type Relationship } from './issuer.js'

export interface ProofOutcome {
  /** every proof's signature verifies */
  signatureValid: boolean
  signatureMessage: string
  /** every proof's key is confirmed as the controller's (the issuer check) */
  bindingValid: boolean
  bindingMessage: string
}

/** The verification method ids the proofs name, in order. */
export function proofMethods (doc: Json): string[] {
  return asArray(doc.proof).map(p => (isObject(p) ? idOf(p.verificationMethod) : undefined))
    .map(id => id ?? '')
}

/**
 * A key that describes itself in its URL: the multibase in a fragment (`https://host/issuer#z6Mk…`).
 * Only ever used to test the signature; such a key never passes the issuer check on its own.
 */
function selfDescribedKey (vmId: string): Json | undefined {
  const fragment = vmId.includes('#') ? vmId.slice(vmId.indexOf('#') + 1) : ''
  if (!/^z[1-9A-HJ-NP-Za-km-z]{40,}$/.test(fragment) || multikeyToJwk(fragment) === undefined) return undefined
  return { '@context': CONTEXT_URLS.MULTIKEY_V1, id: vmId, type: 'Multikey', publicKeyMultibase: fragment }
}

/** The instant the signature library checks dates against: inside the credential's own window (dates are ./validity.ts's job). */
function signatureTime (doc: Json, fallback: Date): Date {
  for (const key of ['validFrom', 'issuanceDate', 'validUntil', 'expirationDate']) {
    const value = stringOf(doc[key])
    if (value !== undefined && !Number.isNaN(Date.parse(value))) return new Date(Date.parse(value))
  }
  return fallback
}

/**
 * A loader that knows only the bundled contexts, offline DIDs and the given keys, each presented as a key of
 * `controllerId`: the signature library's own binding test then always passes, so its verdict is about the
 * signature alone. No network: an unknown context is refused (OBP_DOCUMENTS_UNKNOWN_CONTEXT).
 */
function signatureLoader (keys: Map<string, Json>, controllerId: string, relationship: Relationship): ReturnType<typeof createDocumentLoader> {
  // One loader per exact set of keys: the signature library caches what it derives per loader (the canonical
  // proof configuration, @obp/signing suite-cache.ts), so a fresh loader per request would recompute it each time.
  const key = JSON.stringify([controllerId, relationship, [...keys]])
  const cached = loaders.get(key)
  if (cached !== undefined) return cached
  const loader = buildSignatureLoader(keys, controllerId, relationship)
  loaders.set(key, loader)
  return loader
}

const loaders = new BoundedMap<string, ReturnType<typeof createDocumentLoader>>(1024)

function buildSignatureLoader (keys: Map<string, Json>, controllerId: string, relationship: Relationship): ReturnType<typeof createDocumentLoader> {
  const documents: Record<string, Json> = {}
  const controllerDoc: Json = { '@context': [CONTEXT_URLS.DID_V1, CONTEXT_URLS.MULTIKEY_V1], id: controllerId, [relationship]: [...keys.keys()] }
  for (const [id, vm] of keys) documents[id] = { ...vm, id, controller: controllerId }
  documents[controllerId] = { ...(documents[controllerId] ?? {}), ...controllerDoc }
  return createDocumentLoader({ documents })
}

interface SetMember { binding: KeyBinding; byIssuer: boolean; /** why the key is not the issuer's */ notIssuers?: string }

/**
 * A proof of a set (VC-DI 1.0 §4.3) may be made by someone other than the issuer (a notary, a witness): its key
 * must then be confirmed by its own controller. At least one proof of the set must be the issuer's.
 */
async function bindMember (deps: VerifierDeps, vm: string, controllerId: string | undefined, relationship: Relationship): Promise<SetMember> {
  const own = await confirmKey(deps, vm, controllerId, relationship)
  if (own.ok) return { binding: own, byIssuer: true }
  const controller = own.vm !== undefined ? idOf(own.vm.controller) : undefined
  if (controller === undefined || controller === controllerId) return { binding: own, byIssuer: false }
  const other = await confirmKey(deps, vm, controller, relationship)
  return { binding: other.ok ? other : own, byIssuer: false, notIssuers: own.message }
}

function setBinding (methods: string[], found: SetMember[], controllerId: string | undefined): { bindingValid: boolean; bindingMessage: string } {
  const failed = found.find(f => !f.binding.ok)
  if (methods.length === 0) return { bindingValid: false, bindingMessage: 'no proof' }
  if (failed !== undefined && !failed.binding.ok) return { bindingValid: false, bindingMessage: failed.binding.message }
  const issuers = methods.filter((_, i) => found[i]!.byIssuer)
  if (issuers.length === 0) return { bindingValid: false, bindingMessage: found[0]!.notIssuers ?? `no proof is by the issuer ${controllerId ?? ''}` }
  const others = methods.filter((_, i) => !found[i]!.byIssuer)
  const listed = `the key${issuers.length > 1 ? 's' : ''} ${issuers.join(', ')} ${issuers.length > 1 ? 'are' : 'is'} listed by the issuer ${controllerId ?? ''}`
  return { bindingValid: true, bindingMessage: others.length === 0 ? listed : `${listed}; the proof set also has proofs by ${others.join(', ')}, confirmed by their own controllers` }
}

/** Verifies every proof of a credential (or the proofs of a presentation, see ../presentation.ts). */
export async function checkProofs (deps: VerifierDeps, doc: Json, controllerId: string | undefined, relationship: Relationship = 'assertionMethod'): Promise<ProofOutcome & { bindings: KeyBinding[] }> {
  const methods = proofMethods(doc)
  const found = await Promise.all(methods.map(async (vm): Promise<SetMember> => vm === ''
    ? { binding: { ok: false, message: 'a proof names no verificationMethod' }, byIssuer: false }
    : await bindMember(deps, vm, controllerId, relationship)))
  const bindings = found.map(f => f.binding)
  const { bindingValid, bindingMessage } = setBinding(methods, found, controllerId)
  const keys = new Map<string, Json>()
  methods.forEach((vmId, i) => {
    const key = bindings[i]?.vm ?? selfDescribedKey(vmId)
    if (key !== undefined) keys.set(vmId, key)
  })
  const missing = methods.find(vm => !keys.has(vm))
  if (missing !== undefined) {
    return { signatureValid: false, signatureMessage: `the key ${missing || '(none)'} could not be resolved, so the signature cannot be checked`, bindingValid, bindingMessage, bindings }
  }
  const signature = await verifySignatures(deps, doc, keys, controllerId ?? 'urn:obp:no-issuer', relationship)
  return { ...signature, bindingValid, bindingMessage, bindings }
}

async function verifySignatures (deps: VerifierDeps, doc: Json, keys: Map<string, Json>, controllerId: string, relationship: Relationship): Promise<{ signatureValid: boolean; signatureMessage: string }> {
  const documentLoader = signatureLoader(keys, controllerId, relationship)
  const result = await verifyCredential({ credential: doc, documentLoader, now: signatureTime(doc, deps.now()) })
  const results = result.results as Array<{ verified?: boolean; suite?: string; error?: { message?: string } }>
  // jsonld-signatures accepts a proof set when any one proof verifies; every proof must (VC-DATA-INTEGRITY §4.5).
  const allProofs = results.length === asArray(doc.proof).length && results.every(r => r.verified === true)
  if (result.verified && allProofs) {
    const suites = [...new Set(results.map(r => r.suite).filter(Boolean))].join(', ')
    return { signatureValid: true, signatureMessage: `the ${suites} signature is valid` }
  }
  const reason = results.find(r => r.verified !== true)?.error?.message ?? result.error?.message ?? 'no proof matched a supported suite'
  return { signatureValid: false, signatureMessage: `the signature is not valid: ${reason}` }
}
