// Signers over a cached node:crypto KeyObject: the sealed JWK is opened and imported once per signer.
import { createPrivateKey, sign as cryptoSign, type KeyObject } from 'node:crypto'
import type { KeyCustody } from './custody.js'
import type { KeyType, StoredKey } from './keys.js'
import { UnsupportedKeyError } from './errors.js'

export interface Signer { id: string; algorithm: string; sign(opts: { data: Uint8Array }): Promise<Uint8Array> }

/** The `algorithm` names the Data Integrity suites check (requiredAlgorithm) and JOSE `alg`. */
export const SIGNER_ALGORITHM = { Ed25519: 'Ed25519', 'P-256': 'P-256', RSA: 'RS256' } as const satisfies Record<KeyType, string>
export const JOSE_ALG = { Ed25519: 'EdDSA', 'P-256': 'ES256', RSA: 'RS256' } as const satisfies Record<KeyType, string>

/** Raw signature bytes: Ed25519 (RFC 8032), ECDSA P-256/SHA-256 as r||s (IEEE P1363, as VC-DI-ECDSA and JWS require), RSASSA-PKCS1-v1_5/SHA-256. */
export function signWithKeyObject (type: KeyType, key: KeyObject, data: Uint8Array): Uint8Array {
  switch (type) {
    case 'Ed25519': return cryptoSign(null, data, key)
    case 'P-256': return cryptoSign('sha256', data, { key, dsaEncoding: 'ieee-p1363' })
    case 'RSA': return cryptoSign('sha256', data, key)
  }
}

export async function createSigner (opts: { key: StoredKey; custody: KeyCustody }): Promise<Signer> {
  if (!opts?.key) throw new TypeError('"key" is required.')
  if (!opts.custody) throw new TypeError('"custody" is required.')
  const { key } = opts
  if (!(key.type in SIGNER_ALGORITHM)) throw new UnsupportedKeyError(String(key.type))
  const keyObject = createPrivateKey({ key: await opts.custody.open(key.sealed), format: 'jwk' })
  const signer: Signer = {
    id: key.id,
    algorithm: SIGNER_ALGORITHM[key.type],
    async sign ({ data }) {
      return signWithKeyObject(key.type, keyObject, data)
    }
  }
  // keep the KeyObject out of JSON and inspection output
  return Object.freeze(signer)
}
