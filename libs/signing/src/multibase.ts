// Multibase base58-btc and the Multikey headers (Controlled Identifiers 1.0 §2.2.2, multicodec table).
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto'

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]))

export function base58Encode (bytes: Uint8Array): string {
  let zeros = 0
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++
  const digits: number[] = []
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i]
    for (let j = 0; j < digits.length; j++) {
      carry += digits[j] << 8
      digits[j] = carry % 58
      carry = (carry / 58) | 0
    }
    while (carry > 0) { digits.push(carry % 58); carry = (carry / 58) | 0 }
  }
  return '1'.repeat(zeros) + digits.reverse().map(d => ALPHABET[d]).join('')
}

export function base58Decode (text: string): Uint8Array {
  let zeros = 0
  while (zeros < text.length && text[zeros] === '1') zeros++
  const bytes: number[] = []
  for (let i = zeros; i < text.length; i++) {
    const value = INDEX.get(text[i])
    if (value === undefined) throw new TypeError(`Invalid base58 character "${text[i]}"`)
    let carry = value
    for (let j = 0; j < bytes.length; j++) {
      carry += bytes[j] * 58
      bytes[j] = carry & 0xff
      carry >>= 8
    }
    while (carry > 0) { bytes.push(carry & 0xff); carry >>= 8 }
  }
  return Uint8Array.from([...new Array(zeros).fill(0), ...bytes.reverse()])
}

// multicodec varints: ed25519-pub 0xed, p256-pub 0x1200
const ED25519_PUB = Uint8Array.of(0xed, 0x01)
const P256_PUB = Uint8Array.of(0x80, 0x24)
// DER prefixes of SubjectPublicKeyInfo for a raw Ed25519 key and a compressed P-256 point
const ED25519_SPKI = Buffer.from('302a300506032b6570032100', 'hex')
const P256_SPKI = Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex')

function b64u (s: string | undefined): Buffer {
  if (!s) throw new TypeError('JWK is missing a coordinate')
  return Buffer.from(s, 'base64url')
}

/** Public JWK (OKP Ed25519 or EC P-256) to a Multikey publicKeyMultibase. */
export function multikeyFromJwk (jwk: JsonWebKey): string {
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') {
    return 'z' + base58Encode(Buffer.concat([ED25519_PUB, b64u(jwk.x)]))
  }
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') {
    const y = b64u(jwk.y)
    const prefix = (y[y.length - 1] & 1) === 1 ? 0x03 : 0x02
    return 'z' + base58Encode(Buffer.concat([P256_PUB, Buffer.of(prefix), b64u(jwk.x)]))
  }
  throw new TypeError(`No Multikey encoding for kty ${jwk.kty} ${jwk.crv ?? ''}`)
}

/** Multikey publicKeyMultibase to a node:crypto public KeyObject. */
export function keyObjectFromMultikey (multibase: string): KeyObject {
  if (!multibase.startsWith('z')) throw new TypeError('publicKeyMultibase must be base58-btc (z...)')
  const bytes = base58Decode(multibase.slice(1))
  if (bytes[0] === 0xed && bytes[1] === 0x01 && bytes.length === 34) {
    return createPublicKey({ key: Buffer.concat([ED25519_SPKI, bytes.subarray(2)]), format: 'der', type: 'spki' })
  }
  if (bytes[0] === 0x80 && bytes[1] === 0x24 && bytes.length === 35) {
    return createPublicKey({ key: Buffer.concat([P256_SPKI, bytes.subarray(2)]), format: 'der', type: 'spki' })
  }
  throw new TypeError('Unsupported Multikey header')
}
