// What gets baked (OB 3.0 §5.3): the credential's JSON, or the compact JWS of a VC-JWT (OB 3.0 §8.2).
import { InvalidBakeContentError } from './errors.js'

export interface BakeText {
  kind: 'json' | 'jws'
  value: string
}

// RFC 7515 §7.1 compact serialization: three base64url parts (the payload may be empty when detached).
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/

export function isCompactJws (text: string): boolean {
  return COMPACT_JWS.test(text)
}

/** An object is serialised with JSON.stringify; a string must be a compact JWS or the JSON text of an object. */
export function bakeText (credential: object | string): BakeText {
  if (typeof credential === 'string') {
    if (isCompactJws(credential)) return { kind: 'jws', value: credential }
    let parsed: unknown
    try {
      parsed = JSON.parse(credential)
    } catch {
      throw new InvalidBakeContentError('a string that is neither JSON nor a compact JWS')
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InvalidBakeContentError('JSON that is not an object')
    return { kind: 'json', value: credential }
  }
  if (credential === null || typeof credential !== 'object' || Array.isArray(credential)) {
    throw new InvalidBakeContentError(credential === null ? 'null' : Array.isArray(credential) ? 'an array' : typeof credential)
  }
  return { kind: 'json', value: JSON.stringify(credential) }
}
