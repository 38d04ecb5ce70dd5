// Bitstring Status List v1.0 §3.2 (and StatusList2021 §2.3): encodedList is the GZIP of the bitstring,
// base64url (multibase `u` prefix in Bitstring Status List; bare in StatusList2021). Inflating is @obp/status's
// decodeStatusList: a hard cap on the inflated size (zlib stops at maxOutputLength, so a GZIP bomb fails fast)
// and off the event loop. This wrapper adds what a verifier of other people's lists also wants: the multibase
// prefix required where the spec requires it, and a cap on the compressed size checked before any decoding.
import { decodeStatusList, getBit } from '@obp/status'
import { StatusListError } from '../errors.js'
import { errorCode, errorMessage } from '../json.js'

export interface DecodeLimits {
  /** inflated cap (bytes) */
  maxBytes: number
  /** compressed cap (bytes); default maxBytes / 8 */
  maxCompressedBytes?: number
}

// Bitstring Status List v1.0 §3.1: at least 16 KB (131,072 entries) for herd privacy.
export const MIN_LIST_BITS = 131_072

export async function decodeEncodedList (encodedList: unknown, limits: DecodeLimits, multibase: boolean): Promise<Uint8Array> {
  if (typeof encodedList !== 'string' || encodedList.length === 0) throw new StatusListError('encodedList is missing')
  if (multibase && !encodedList.startsWith('u')) throw new StatusListError('encodedList must be multibase base64url (prefix "u")')
  // StatusList2021 has no prefix; GZIP data in base64url never starts with "u" (0x1f 0x8b encodes as "H4s").
  const text = multibase ? encodedList.slice(1) : encodedList
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(text)) throw new StatusListError('encodedList is not base64url')
  const maxCompressed = limits.maxCompressedBytes ?? Math.max(1024, Math.floor(limits.maxBytes / 8))
  if (Math.floor(text.length * 3 / 4) > maxCompressed) throw new StatusListError(`encodedList is over ${maxCompressed} bytes compressed`)
  try {
    return await decodeStatusList(text, { maxBytes: limits.maxBytes })
  } catch (err) {
    if (errorCode(err) === 'OBP_STATUS_LIST_TOO_LARGE') throw new StatusListError(`encodedList inflates to more than ${limits.maxBytes} bytes: refused`)
    throw new StatusListError(`encodedList is not GZIP data (${errorMessage(err)})`)
  }
}

/**
 * The status of an entry: `size` bits from index × size, most significant first (Bitstring Status List v1.0
 * §3.2: index i is bit 7 - i % 8 of byte ⌊i / 8⌋). The caller checks the range first.
 */
export function statusAt (bits: Uint8Array, index: number, size = 1): number {
  let value = 0
  for (let k = 0; k < size; k++) value = (value << 1) | (getBit(bits, index * size + k) ? 1 : 0)
  return value
}
