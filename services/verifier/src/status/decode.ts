// Bitstring Status List v1.0 §3.2 (and StatusList2021 §2.3): encodedList is the GZIP of the bitstring,
// base64url (multibase `u` prefix in Bitstring Status List; bare in StatusList2021). The inflated size is
// capped, so a small list cannot inflate into gigabytes (zlib stops at maxOutputLength).
import { gunzipSync } from 'node:zlib'
import { StatusListError } from '../errors.js'

export interface DecodeLimits {
  /** inflated cap (bytes) */
  maxBytes: number
  /** compressed cap (bytes); default maxBytes / 8 */
  maxCompressedBytes?: number
}

// Bitstring Status List v1.0 §3.1: at least 16 KB (131,072 entries) for herd privacy.
export const MIN_LIST_BITS = 131_072

export function decodeEncodedList (encodedList: unknown, limits: DecodeLimits, multibase: boolean): Buffer {
  if (typeof encodedList !== 'string' || encodedList.length === 0) throw new StatusListError('encodedList is missing')
  let text = encodedList
  if (multibase) {
    if (!text.startsWith('u')) throw new StatusListError('encodedList must be multibase base64url (prefix "u")')
    text = text.slice(1)
  }
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(text)) throw new StatusListError('encodedList is not base64url')
  const maxCompressed = limits.maxCompressedBytes ?? Math.max(1024, Math.floor(limits.maxBytes / 8))
  if (Math.floor(text.length * 3 / 4) > maxCompressed) throw new StatusListError(`encodedList is over ${maxCompressed} bytes compressed`)
  const compressed = Buffer.from(text, 'base64url')
  try {
    return gunzipSync(compressed, { maxOutputLength: limits.maxBytes })
  } catch (err) {
    const code = (err as { code?: string }).code
    if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw new StatusListError(`encodedList inflates to more than ${limits.maxBytes} bytes: refused`)
    }
    throw new StatusListError('encodedList is not GZIP data')
  }
}

/** Bitstring Status List v1.0 §3.2: index i is bit (7 - i % 8) of byte ⌊i / 8⌋ (first index = most significant bit). */
export function statusAt (bits: Uint8Array, index: number, size = 1): number {
  let value = 0
  for (let k = 0; k < size; k++) {
    const i = index * size + k
    value = (value << 1) | ((bits[i >> 3]! >> (7 - (i & 7))) & 1)
  }
  return value
}
