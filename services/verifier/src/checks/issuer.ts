// Issuer binding (OB 3.0 §9.1 step "proof": the verification method must belong to the issuer).
// The key is resolved the way any verifier would resolve it (did:key/did:jwk offline, did:web and https
// controller documents through the guarded resolver) and must be listed by its controller, the issuer,
// under the proof purpose (DID Core §5.3 verification relationships; VC-DATA-INTEGRITY §4.1 step 5).
import type { VerifierDeps } from '../deps.js'
import { asArray, errorMessage, idOf, isObject } from '../json.js'
import type { Json } from '../types.js'

export type Relationship = 'assertionMethod' | 'authentication'

export type KeyBinding =
  | { ok: true; vm: Json }
  | { ok: false; message: string; vm?: Json }

function withoutFragment (url: string): string {
  const hash = url.indexOf('#')
  return hash === -1 ? url : url.slice(0, hash)
}

/** Entries of a verification relationship, made absolute (did:web documents use `#key-1`). */
function relationshipIds (doc: Json, relationship: Relationship): string[] {
  const base = typeof doc.id === 'string' ? doc.id : ''
  return asArray(doc[relationship]).map(idOf).filter((id): id is string => id !== undefined)
    .map(id => (id.startsWith('#') ? base + id : id))
}

async function load (deps: VerifierDeps, url: string): Promise<Json> {
  const { document } = await deps.loader(url)
  if (!isObject(document)) throw new Error(`"${url}" did not resolve to an object`)
  return document
}

/**
 * Confirms that `vmId` is a key of `controllerId` for `relationship`. Never throws.
 * `vm` is returned whenever the key itself resolved, so the proof check can use the confirmed key.
 */
export async function confirmKey (deps: VerifierDeps, vmId: string, controllerId: string | undefined, relationship: Relationship): Promise<KeyBinding> {
  let vm: Json
  try {
    vm = await load(deps, vmId)
  } catch (err) {
    return { ok: false, message: `the key ${vmId} could not be confirmed: ${errorMessage(err)}` }
  }
  if (controllerId === undefined) return { ok: false, vm, message: 'the credential names no issuer id' }
  const controller = idOf(vm.controller) ?? withoutFragment(vmId)
  if (controller !== controllerId) {
    return { ok: false, vm, message: `the key ${vmId} is controlled by ${controller}, not by the issuer ${controllerId}` }
  }
  let doc: Json
  try {
    doc = controller === vmId ? vm : await load(deps, controller)
  } catch (err) {
    return { ok: false, vm, message: `the controller document of ${controller} could not be loaded: ${errorMessage(err)}` }
  }
  if (doc.id !== controller) return { ok: false, vm, message: `the controller document of ${controller} has another id` }
  if (!relationshipIds(doc, relationship).includes(vmId)) {
    return { ok: false, vm, message: `${controller} does not list the key ${vmId} under ${relationship}` }
  }
  return { ok: true, vm }
}
