// Public keys from verification methods (CID 1.0 §2.2: Multikey, JsonWebKey) or bare JWKs (OB 3.0 §8.2 `kid`).
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto'
import { keyObjectFromMultikey } from './multibase.js'
import { UnsupportedKeyError } from './errors.js'
import type { KeyType } from './keys.js'

export interface PublicKey { keyObject: KeyObject; type: KeyType }

function typeOf (key: KeyObject): KeyType {
  if (key.asymmetricKeyType === 'ed25519') return 'Ed25519'
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'P-256'
  if (key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048) return 'RSA'
  throw new UnsupportedKeyError(`${key.asymmetricKeyType} ${key.asymmetricKeyDetails?.namedCurve ?? key.asymmetricKeyDetails?.modulusLength ?? ''}`)
}

export function publicKeyOf (vm: Record<string, unknown>): PublicKey {
  let keyObject: KeyObject
  if (typeof vm.publicKeyMultibase === 'string') {
    keyObject = keyObjectFromMultikey(vm.publicKeyMultibase)
  } else {
    const jwk = (vm.publicKeyJwk ?? (typeof vm.kty === 'string' ? vm : undefined)) as JsonWebKey | undefined
    if (!jwk || typeof jwk !== 'object') throw new UnsupportedKeyError('verification method has no publicKeyMultibase or publicKeyJwk')
    // never accept private material as a public key (OB 3.0 §8.2.2: the JWK MUST never contain "d")
    if ('d' in jwk) throw new UnsupportedKeyError('public key JWK contains a private part')
    keyObject = createPublicKey({ key: jwk, format: 'jwk' })
  }
  return { keyObject, type: typeOf(keyObject) }
}
