// Multikey public keys (Controlled Identifiers 1.0 §2.2.2) ⇄ JWK, with node:crypto doing the point checks.
import type { JsonWebKey } from 'node:crypto'
import { createPublicKey } from 'node:crypto'
import { decodeBase58, encodeBase58 } from './base58.js'
import { BoundedMap } from './bounded-map.js'

export type MultikeyType = 'Ed25519' | 'P-256' | 'P-384'

interface Codec { type: MultikeyType; prefix: number[]; length: number; spki?: string }

// Multicodec table: ed25519-pub 0xed, p256-pub 0x1200, p384-pub 0x1201 (unsigned varint encoded).
// The SPKI prefixes wrap a compressed EC point so OpenSSL can decompress and validate it.
const CODECS: Codec[] = [
  { type: 'Ed25519', prefix: [0xed, 0x01], length: 32 },
  { type: 'P-256', prefix: [0x80, 0x24], length: 33, spki: '3039301306072a8648ce3d020106082a8648ce3d030107032200' },
  { type: 'P-384', prefix: [0x81, 0x24], length: 49, spki: '3046301006072a8648ce3d020106052b81040022033200' }
]

export interface DecodedMultikey { type: MultikeyType; publicKeyJwk: JsonWebKey }

// Decoded keys by their exact multibase text: every verification resolves its issuer's did:key several times
// (key, controller document, signature loader), and importing the point into OpenSSL is the costly part.
const decoded = new BoundedMap<string, DecodedMultikey | undefined>(1024)

/** Decodes a `z…` publicKeyMultibase into its key type and public JWK; undefined if it is not a valid key. */
export function multikeyToJwk (publicKeyMultibase: string): DecodedMultikey | undefined {
  let found = decoded.get(publicKeyMultibase)
  if (found === undefined && !decoded.has(publicKeyMultibase)) {
    found = decodeMultikey(publicKeyMultibase)
    decoded.set(publicKeyMultibase, found)
  }
  // a copy: the caller owns what it gets
  return found === undefined ? undefined : { type: found.type, publicKeyJwk: { ...found.publicKeyJwk } }
}

function decodeMultikey (publicKeyMultibase: string): DecodedMultikey | undefined {
  if (!publicKeyMultibase.startsWith('z')) return undefined
  const bytes = decodeBase58(publicKeyMultibase.slice(1))
  if (bytes === undefined) return undefined
  const codec = CODECS.find(c => c.prefix.every((b, i) => bytes[i] === b))
  if (codec === undefined || bytes.length !== codec.prefix.length + codec.length) return undefined
  const raw = Buffer.from(bytes.subarray(codec.prefix.length))
  try {
    const key = codec.spki === undefined
      ? createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' })
      : createPublicKey({ key: Buffer.concat([Buffer.from(codec.spki, 'hex'), raw]), format: 'der', type: 'spki' })
    return { type: codec.type, publicKeyJwk: key.export({ format: 'jwk' }) }
  } catch {
    return undefined
  }
}

/** Encodes a public Ed25519 / P-256 / P-384 JWK as a publicKeyMultibase; undefined for other keys. */
export function jwkToMultikey (jwk: JsonWebKey): string | undefined {
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string') {
    const raw = Buffer.from(jwk.x, 'base64url')
    return raw.length === 32 ? 'z' + encodeBase58(Uint8Array.from([0xed, 0x01, ...raw])) : undefined
  }
  const codec = CODECS.find(c => c.type === jwk.crv)
  if (jwk.kty !== 'EC' || codec === undefined || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') return undefined
  const x = Buffer.from(jwk.x, 'base64url')
  const y = Buffer.from(jwk.y, 'base64url')
  if (x.length !== codec.length - 1 || y.length !== codec.length - 1) return undefined
  const compressed = [(y[y.length - 1] & 1) === 1 ? 0x03 : 0x02, ...x]
  return 'z' + encodeBase58(Uint8Array.from([...codec.prefix, ...compressed]))
}
