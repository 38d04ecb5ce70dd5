// Recipient identity (OB 3.0 §B.1.15 IdentityObject, §B.3.3 IdentifierTypeEnum; IdentityHash is
// `<alg>$<hex>` over the UTF-8 value with the salt appended, alg `sha256` or `md5`).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { InvalidArgumentError } from './errors.js'
import type { IdentityObject, Recipient } from './types.js'

/** A fresh random salt (128 bits, hex); one per credential so equal identities do not link. */
export function newSalt (): string {
  return randomBytes(16).toString('hex')
}

/** `sha256$` + lower-case hex of SHA-256(UTF-8(value + salt)). No normalisation: see normalizeIdentity. */
export function hashIdentity (value: string, salt: string): string {
  if (typeof value !== 'string') throw new InvalidArgumentError('"value" must be a string.')
  if (typeof salt !== 'string') throw new InvalidArgumentError('"salt" must be a string.')
  return 'sha256$' + createHash('sha256').update(value + salt, 'utf8').digest('hex')
}

/**
 * The form of an identity value that is hashed. Email addresses are trimmed and lower-cased before
 * hashing (so matching is case-insensitive, as OB 2.0 and most verifiers expect); other identity types
 * are only trimmed, because ids such as SIS sourcedIds may be case-sensitive.
 */
export function normalizeIdentity (identityType: string, value: string): string {
  const trimmed = value.trim()
  return identityType === 'emailAddress' ? trimmed.toLowerCase() : trimmed
}

/** The hashed IdentityObject for an email or SIS sourcedId recipient; undefined for a DID recipient. */
export function recipientIdentity (recipient: Recipient, salt: string = newSalt()): IdentityObject | undefined {
  let identityType: 'emailAddress' | 'sourcedId'
  let value: string
  if ('email' in recipient && typeof recipient.email === 'string') {
    identityType = 'emailAddress'
    value = recipient.email
  } else if ('sourcedId' in recipient && typeof recipient.sourcedId === 'string') {
    identityType = 'sourcedId'
    value = recipient.sourcedId
  } else {
    return undefined
  }
  const normalized = normalizeIdentity(identityType, value)
  if (normalized === '') throw new InvalidArgumentError(`"recipient.${identityType === 'emailAddress' ? 'email' : 'sourcedId'}" is empty.`)
  return { type: 'IdentityObject', identityHash: hashIdentity(normalized, salt), identityType, hashed: true, salt }
}

const HASH_ALGORITHMS = new Map([['sha256', 'sha256'], ['md5', 'md5']])

/**
 * Whether `value` is the identity an IdentityObject names. Hashed identities are recomputed with the
 * object's salt (none when absent); hex case is ignored. For `emailAddress` both the trimmed value and
 * its lower-case form are tried, so badges from issuers that did not normalise still match.
 */
export function matchesIdentity (identity: IdentityObject, value: string): boolean {
  if (identity === null || typeof identity !== 'object' || typeof value !== 'string') return false
  const { identityHash, identityType, salt = '' } = identity
  if (typeof identityHash !== 'string' || typeof identityType !== 'string' || typeof salt !== 'string') return false
  const candidates = [...new Set([value.trim(), normalizeIdentity(identityType, value)])]
  if (identity.hashed !== true) {
    const plain = identityType === 'emailAddress' ? identityHash.trim().toLowerCase() : identityHash.trim()
    return candidates.some((c) => normalizeIdentity(identityType, c) === plain)
  }
  const sep = identityHash.indexOf('$')
  const algorithm = HASH_ALGORITHMS.get(identityHash.slice(0, Math.max(sep, 0)).toLowerCase())
  const expectedHex = identityHash.slice(sep + 1).toLowerCase()
  if (sep < 0 || algorithm === undefined || !/^[0-9a-f]+$/.test(expectedHex)) return false
  const expected = Buffer.from(expectedHex, 'hex')
  return candidates.some((c) => {
    const actual = createHash(algorithm).update(c + salt, 'utf8').digest()
    return actual.length === expected.length && timingSafeEqual(actual, expected)
  })
}
