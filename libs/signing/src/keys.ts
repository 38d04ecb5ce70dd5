// Issuer key pairs: Ed25519 and P-256 as Multikey (VC-DI-EDDSA §2.1.1, VC-DI-ECDSA §2.1.1), RSA-2048 for RS256 VC-JWT.
import { createHash, createPublicKey, generateKeyPair, type JsonWebKey } from 'node:crypto'
import { promisify } from 'node:util'
import type { KeyCustody, SealedKey } from './custody.js'
import { ControllerRequiredError, UnsupportedKeyError } from './errors.js'
import { multikeyFromJwk } from './multibase.js'

const generateKeyPairAsync = promisify(generateKeyPair)

export const KEY_TYPES = ['Ed25519', 'P-256', 'RSA'] as const
export type KeyType = typeof KEY_TYPES[number]

/** Safe to store and to show: the private part exists only inside `sealed`. */
export interface StoredKey {
  id: string
  controller: string
  type: KeyType
  publicKeyMultibase?: string
  publicKeyJwk?: JsonWebKey
  sealed: SealedKey
  createdAt: string
}

export interface GenerateKeyOptions { type?: KeyType; controller?: string; keyId?: string; custody: KeyCustody }

async function newJwkPair (type: KeyType): Promise<{ publicJwk: JsonWebKey; privateJwk: JsonWebKey }> {
  const pair = type === 'Ed25519'
    ? await generateKeyPairAsync('ed25519')
    : type === 'P-256'
      ? await generateKeyPairAsync('ec', { namedCurve: 'P-256' })
      : await generateKeyPairAsync('rsa', { modulusLength: 2048, publicExponent: 0x10001 })
  return {
    publicJwk: pair.publicKey.export({ format: 'jwk' }),
    privateJwk: pair.privateKey.export({ format: 'jwk' })
  }
}

/** RFC 7638 JWK thumbprint, used as the fragment of RSA key ids. */
export function jwkThumbprint (jwk: JsonWebKey): string {
  const members = jwk.kty === 'RSA'
    ? { e: jwk.e, kty: jwk.kty, n: jwk.n }
    : jwk.kty === 'EC' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x }
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url')
}

function keyIdFor (controller: string, keyId: string | undefined, fallback: string): string {
  if (!keyId) return `${controller}#${fallback}`
  if (keyId.includes('#') || keyId.includes(':')) return keyId
  return `${controller}#${keyId}`
}

export async function generateKey (opts: GenerateKeyOptions): Promise<StoredKey> {
  if (!opts?.custody) throw new TypeError('"custody" is required.')
  const type = opts.type ?? 'Ed25519'
  if (!KEY_TYPES.includes(type)) throw new UnsupportedKeyError(String(type))
  if (type === 'RSA' && !opts.controller) throw new ControllerRequiredError('RSA')
  const { publicJwk, privateJwk } = await newJwkPair(type)
  const publicKeyMultibase = type === 'RSA' ? undefined : multikeyFromJwk(publicJwk)
  // did:key §3.1.1: the DID is the multibase key, the verification method fragment repeats it.
  const controller = opts.controller ?? `did:key:${publicKeyMultibase}`
  const id = keyIdFor(controller, opts.keyId, publicKeyMultibase ?? jwkThumbprint(publicJwk))
  const key: StoredKey = {
    id,
    controller,
    type,
    publicKeyJwk: publicJwk,
    sealed: await opts.custody.seal(privateJwk),
    createdAt: new Date().toISOString()
  }
  if (publicKeyMultibase) key.publicKeyMultibase = publicKeyMultibase
  return key
}

function keyTypeOfJwk (jwk: JsonWebKey): KeyType {
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'Ed25519'
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'P-256'
  if (jwk.kty === 'RSA') return 'RSA'
  throw new UnsupportedKeyError(`kty ${jwk.kty} ${jwk.crv ?? ''}`)
}

/** Brings an existing private key (JWK) under custody, e.g. a migrated issuer key or a test vector key. */
export async function importKey (opts: { privateJwk: JsonWebKey; controller?: string; keyId?: string; custody: KeyCustody }): Promise<StoredKey> {
  if (!opts?.privateJwk?.d) throw new TypeError('"privateJwk" with a private part is required.')
  if (!opts.custody) throw new TypeError('"custody" is required.')
  const type = keyTypeOfJwk(opts.privateJwk)
  if (type === 'RSA' && !opts.controller) throw new ControllerRequiredError('RSA')
  const publicJwk = createPublicKey({ key: opts.privateJwk, format: 'jwk' }).export({ format: 'jwk' })
  const publicKeyMultibase = type === 'RSA' ? undefined : multikeyFromJwk(publicJwk)
  const controller = opts.controller ?? `did:key:${publicKeyMultibase}`
  const key: StoredKey = {
    id: keyIdFor(controller, opts.keyId, publicKeyMultibase ?? jwkThumbprint(publicJwk)),
    controller,
    type,
    publicKeyJwk: publicJwk,
    sealed: await opts.custody.seal(opts.privateJwk),
    createdAt: new Date().toISOString()
  }
  if (publicKeyMultibase) key.publicKeyMultibase = publicKeyMultibase
  return key
}

/** The public verification method: Multikey for Ed25519/P-256, JsonWebKey for RSA (CID 1.0 §2.2). */
export function verificationMethodOf (key: StoredKey): Record<string, unknown> {
  if (key.publicKeyMultibase) {
    return { id: key.id, type: 'Multikey', controller: key.controller, publicKeyMultibase: key.publicKeyMultibase }
  }
  if (key.publicKeyJwk) {
    const { kty, crv, x, y, n, e } = key.publicKeyJwk
    const jwk = Object.fromEntries(Object.entries({ kty, crv, x, y, n, e }).filter(([, v]) => v !== undefined))
    return { id: key.id, type: 'JsonWebKey', controller: key.controller, publicKeyJwk: jwk }
  }
  throw new UnsupportedKeyError(`key ${key.id} has no public key`)
}

export const DID_CONTEXTS = ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'] as const

/**
 * A DID document listing every key in verificationMethod, assertionMethod and authentication.
 * Rotation (docs/decisions/0001-jsonld-fast-path.md): a new key is added, old keys stay so credentials they signed keep verifying.
 */
export function buildDidDocument (opts: { did: string; keys: StoredKey[] }): Record<string, unknown> {
  if (!opts?.did) throw new TypeError('"did" is required.')
  const keys = opts.keys ?? []
  const ids = keys.map(k => k.id)
  return {
    '@context': [...DID_CONTEXTS],
    id: opts.did,
    verificationMethod: keys.map(k => verificationMethodOf(k)),
    assertionMethod: ids,
    authentication: ids
  }
}
