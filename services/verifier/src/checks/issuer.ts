// Issuer binding (OB 3.0 §9.1 step "proof": the verification method must belong to the issuer).
// The key is resolved the way any verifier would resolve it (did:key/did:jwk offline, did:web and https
// controller documents through the guarded resolver) and must be listed by its controller, the issuer,
// under the proof purpose (DID Core §5.3 verification relationships; VC-DATA-INTEGRITY §4.1 step 5).
import type { VerifierDeps } from '../deps.js'
import { asArray, errorMessage, idOf, isObject } from '../json.js'
import type { Json } from '../types.js'

export type Relationship = 'assertionMethod' | 'authentication'

/** Whose key is being confirmed, for the messages: a credential's issuer, or a presentation's holder. */
export interface KeyRole { document: string; name: string; optional?: boolean }
export const ISSUER_ROLE: KeyRole = { document: 'credential', name: 'issuer' }
export const HOLDER_ROLE: KeyRole = { document: 'presentation', name: 'holder', optional: true }

export type KeyBinding =
  | { ok: true; vm: Json; controller: string }
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
export async function confirmKey (deps: VerifierDeps, vmId: string, controllerId: string | undefined, relationship: Relationship, role: KeyRole = ISSUER_ROLE): Promise<KeyBinding> {
  let vm: Json
  try {
    vm = await load(deps, vmId)
  } catch (err) {
    return { ok: false, message: `the key ${vmId} could not be confirmed: ${errorMessage(err)}` }
  }
  const controller = idOf(vm.controller) ?? withoutFragment(vmId)
  // No expected controller (a presentation without `holder`): the key must still be listed by its own controller.
  const expected = controllerId ?? (role.optional === true ? controller : undefined)
  if (expected === undefined) return { ok: false, vm, message: `the ${role.document} names no ${role.name} id` }
  if (controller !== expected) {
    return { ok: false, vm, message: `the key ${vmId} is controlled by ${controller}, not by the ${role.name} ${expected}` }
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
  return { ok: true, vm, controller }
}
