// W3C Bitstring Status List v1.0 §"Bitstring Encoding": the bitstring is GZIP-compressed and multibase
// base64url-encoded (prefix "u", no padding). Index 0 is the most significant (left-most) bit of the first byte.
import { gzip, gunzip } from 'node:zlib'
import { promisify } from 'node:util'
import { StatusIndexOutOfRange, StatusListMalformed, StatusListTooLarge } from './errors.js'

const gzipAsync = promisify(gzip)
const gunzipAsync = promisify(gunzip)

/** Bitstring Status List §"Bitstring Status List Credential": the minimum length, 16 KB (131,072 entries). */
export const MIN_LIST_SIZE = 131_072

export function createBitstring (size: number): Uint8Array {
  if (!Number.isInteger(size) || size <= 0 || size % 8 !== 0) throw new TypeError('"size" must be a positive multiple of 8.')
  return new Uint8Array(size / 8)
}

function checkIndex (bits: Uint8Array, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= bits.length * 8) throw new StatusIndexOutOfRange(String(index), bits.length * 8)
}

export function getBit (bits: Uint8Array, index: number): boolean {
  checkIndex(bits, index)
  return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0
}

export function setBit (bits: Uint8Array, index: number, value = true): void {
  checkIndex(bits, index)
  const mask = 0x80 >> (index & 7)
  bits[index >> 3] = value ? bits[index >> 3] | mask : bits[index >> 3] & ~mask
}

/** The bitstring of `size` entries with exactly `indices` set. */
export function bitsFromIndices (size: number, indices: Iterable<number>): Uint8Array {
  const bits = createBitstring(size)
  for (const i of indices) setBit(bits, i)
  return bits
}

/** The set indices of a bitstring, ascending. */
export function indicesOf (bits: Uint8Array): number[] {
  const out: number[] = []
  for (let byte = 0; byte < bits.length; byte++) {
    const v = bits[byte]
    if (v === 0) continue
    for (let b = 0; b < 8; b++) if (v & (0x80 >> b)) out.push(byte * 8 + b)
  }
  return out
}

/** encodedList = "u" + base64url(GZIP(bits)) (Bitstring Status List §"Bitstring Encoding", step 3-4). */
export async function encodeStatusList (bits: Uint8Array): Promise<string> {
  if (!(bits instanceof Uint8Array)) throw new TypeError('"bits" must be a Uint8Array.')
  const zipped = await gzipAsync(bits, { level: 9 })
  return 'u' + zipped.toString('base64url')
}

/**
 * Decodes an encodedList with a hard cap on the inflated size: zlib stops inflating once `maxBytes` would be
 * exceeded (`maxOutputLength`), so a "zip bomb" fails fast with OBP_STATUS_LIST_TOO_LARGE instead of filling memory.
 * The multibase "u" prefix is optional (StatusList2021 lists have none; GZIP data never starts with "u").
 */
export async function decodeStatusList (encodedList: string, opts: { maxBytes: number }): Promise<Uint8Array> {
  if (typeof encodedList !== 'string' || encodedList.length === 0) throw new StatusListMalformed('not a string')
  if (!opts || !Number.isInteger(opts.maxBytes) || opts.maxBytes <= 0) throw new TypeError('"maxBytes" is required.')
  const text = encodedList.startsWith('u') ? encodedList.slice(1) : encodedList
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(text) && !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) throw new StatusListMalformed('not base64url')
  const zipped = Buffer.from(text, text.includes('+') || text.includes('/') ? 'base64' : 'base64url')
  try {
    const inflated = await gunzipAsync(zipped, { maxOutputLength: opts.maxBytes })
    return new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.length)
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    if (e.code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) throw new StatusListTooLarge(opts.maxBytes)
    throw new StatusListMalformed(e.message)
  }
}
