// Learners' email addresses at rest (issue 17, personal data): sealed with AES-256-GCM under a key derived from
// the KEK while a delivery needs them, and a keyed hash (HMAC-SHA-256) for look-ups such as erasure, so the
// database never holds an address in clear and a leaked hash cannot be reversed by hashing guessed addresses.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'
import { normalizeIdentity } from '@obp/ob3'

export interface SealedAddress { iv: string; tag: string; ciphertext: string }

export interface AddressSeal {
  seal (address: string): SealedAddress
  open (sealed: SealedAddress): string
  /** the keyed hash of a normalized address (trimmed, lower-case) */
  lookupKey (address: string): string
}

const derive = (kek: Buffer, info: string): Buffer => Buffer.from(hkdfSync('sha256', kek, Buffer.alloc(0), info, 32))
const AAD = Buffer.from('obp-recipient-address')

export function createAddressSeal (kek: Buffer): AddressSeal {
  if (!Buffer.isBuffer(kek) || kek.length !== 32) throw new TypeError('"kek" must be 32 bytes.')
  const sealKey = derive(kek, 'obp recipient address seal')
  const hashKey = derive(kek, 'obp recipient address lookup')
  return {
    seal (address) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', sealKey, iv).setAAD(AAD)
      const ciphertext = Buffer.concat([cipher.update(address, 'utf8'), cipher.final()])
      return { iv: iv.toString('base64url'), tag: cipher.getAuthTag().toString('base64url'), ciphertext: ciphertext.toString('base64url') }
    },
    open (sealed) {
      const decipher = createDecipheriv('aes-256-gcm', sealKey, Buffer.from(sealed.iv, 'base64url')).setAAD(AAD)
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'))
      return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64url')), decipher.final()]).toString('utf8')
    },
    lookupKey (address) {
      return createHmac('sha256', hashKey).update(normalizeIdentity('emailAddress', address)).digest('base64url')
    }
  }
}
