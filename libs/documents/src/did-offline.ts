// Offline DID resolution: did:key (Multikey: Ed25519, P-256, P-384) and did:jwk. No network, ever.
import type { JsonWebKey } from 'node:crypto'
import { createPublicKey } from 'node:crypto'
import { CONTEXT_URLS } from './contexts.js'
import { InvalidDidError } from './errors.js'
import { multikeyToJwk } from './multikey.js'

// did:jwk spec §2.3 (JsonWebKey2020 verification method and its context).
const JWS_2020_CONTEXT = 'https://w3id.org/security/suites/jws-2020/v1'
// RFC 7517/7518: members that carry private key material.
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']

export interface VerificationMethod {
  '@context'?: string | string[]
  id: string
  type: string
  controller: string
  publicKeyMultibase?: string
  publicKeyJwk?: JsonWebKey
}

export interface DidDocument {
  '@context': string[]
  id: string
  verificationMethod: VerificationMethod[]
  assertionMethod: string[]
  authentication: string[]
  capabilityInvocation: string[]
  capabilityDelegation: string[]
  [key: string]: unknown
}

/** Splits a DID URL into DID and fragment (query and path are not supported offline). */
function split (didUrl: string): { did: string; fragment?: string } {
  const hash = didUrl.indexOf('#')
  return hash === -1 ? { did: didUrl } : { did: didUrl.slice(0, hash), fragment: didUrl.slice(hash + 1) }
}

/** did:key v0.7 §3.1.1: the fragment is the multibase key itself. */
function didKeyMethod (did: string): { vm: VerificationMethod; context: string } {
  const multibase = did.slice('did:key:'.length)
  if (multikeyToJwk(multibase) === undefined) throw new InvalidDidError(did, 'not an Ed25519, P-256 or P-384 Multikey')
  const vm = { id: `${did}#${multibase}`, type: 'Multikey', controller: did, publicKeyMultibase: multibase }
  return { vm, context: CONTEXT_URLS.MULTIKEY_V1 }
}

/** did:jwk §2: the method-specific id is base64url(UTF-8 JSON of a public JWK); the key is `#0`. */
function didJwkMethod (did: string): { vm: VerificationMethod; context: string } {
  const encoded = did.slice('did:jwk:'.length)
  let jwk: unknown
  try {
    jwk = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'))
  } catch {
    throw new InvalidDidError(did, 'the identifier is not base64url-encoded JSON')
  }
  if (jwk === null || typeof jwk !== 'object' || Array.isArray(jwk)) throw new InvalidDidError(did, 'not a JWK')
  if (PRIVATE_JWK_MEMBERS.some(m => m in jwk)) throw new InvalidDidError(did, 'the JWK carries private key material')
  try {
    createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' })
  } catch {
    throw new InvalidDidError(did, 'not a usable public JWK')
  }
  const vm = { id: `${did}#0`, type: 'JsonWebKey2020', controller: did, publicKeyJwk: jwk as JsonWebKey }
  return { vm, context: JWS_2020_CONTEXT }
}

function didDocument (did: string, vm: VerificationMethod, context: string): DidDocument {
  // The bare DID is listed as well: a proof whose verificationMethod is the bare DID (as in the 1EdTech
  // validator's simple-did-key-method.json) is then authorised by the same document it resolves to.
  const refs = [vm.id, did]
  const doc: DidDocument = {
    '@context': [CONTEXT_URLS.DID_V1, context],
    id: did,
    verificationMethod: [vm],
    assertionMethod: refs,
    authentication: refs,
    capabilityInvocation: refs,
    capabilityDelegation: refs
  }
  // A bare DID used as a verificationMethod must resolve to its key: the document also carries the key's
  // own properties at the top level, so it serves both as the key and as its controller document.
  const { type, publicKeyMultibase, publicKeyJwk } = vm
  return { ...doc, type, controller: did, ...(publicKeyMultibase !== undefined ? { publicKeyMultibase } : { publicKeyJwk }) }
}

/** True for DID URLs this module resolves (did:key, did:jwk). */
export function isOfflineDid (url: string): boolean {
  return url.startsWith('did:key:') || url.startsWith('did:jwk:')
}

/**
 * Resolves a did:key or did:jwk URL offline.
 * - a bare DID gives its DID document (which is also usable as the key, see didDocument);
 * - `did#fragment` gives the verification method with that id, with its own `@context`.
 * Returns undefined for other DID methods or an unknown fragment; throws InvalidDidError for a malformed DID.
 */
export function resolveDidOffline (didUrl: string): DidDocument | VerificationMethod | undefined {
  if (!isOfflineDid(didUrl)) return undefined
  const { did, fragment } = split(didUrl)
  if (did.includes('?') || did.includes('/')) throw new InvalidDidError(didUrl, 'paths and queries are not supported')
  const { vm, context } = did.startsWith('did:key:') ? didKeyMethod(did) : didJwkMethod(did)
  if (fragment === undefined) return didDocument(did, vm, context)
  if (vm.id !== didUrl) return undefined
  return { '@context': context, ...vm }
}
