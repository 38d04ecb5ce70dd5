// Minimal PNG chunk reader/writer (PNG 3rd ed. §5.2 datastream, §5.3 chunk layout, §11.3.3.4 iTXt).
import { crc32 } from 'node:zlib'
import { InvalidPngError } from './errors.js'

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

export interface PngChunk {
  type: string
  data: Buffer
}

/**
 * The chunks of a PNG, checked: signature, chunk bounds, every CRC, IHDR first, IEND last.
 * Throws InvalidPngError (OBP_OB3_INVALID_PNG) otherwise.
 */
export function readChunks (png: Buffer): PngChunk[] {
  if (!Buffer.isBuffer(png) || png.length < PNG_SIGNATURE.length || !png.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new InvalidPngError('bad signature')
  }
  const chunks: PngChunk[] = []
  let offset = 8
  while (offset < png.length) {
    if (offset + 12 > png.length) throw new InvalidPngError(`truncated chunk at byte ${offset}`)
    const length = png.readUInt32BE(offset)
    // §5.3: the length is at most 2^31 - 1 and the chunk must fit in the file.
    if (length > 0x7fffffff || offset + 12 + length > png.length) throw new InvalidPngError(`chunk length out of bounds at byte ${offset}`)
    const typeAndData = png.subarray(offset + 4, offset + 8 + length)
    const type = typeAndData.subarray(0, 4).toString('latin1')
    if (!/^[A-Za-z]{4}$/.test(type)) throw new InvalidPngError(`bad chunk type at byte ${offset}`)
    if (crc32(typeAndData) !== png.readUInt32BE(offset + 8 + length)) throw new InvalidPngError(`CRC mismatch in ${type} chunk`)
    chunks.push({ type, data: typeAndData.subarray(4) })
    offset += 12 + length
    if (type === 'IEND') break
  }
  if (chunks[0]?.type !== 'IHDR' || chunks[0].data.length !== 13) throw new InvalidPngError('IHDR is not the first chunk')
  if (chunks.at(-1)?.type !== 'IEND') throw new InvalidPngError('no IEND chunk')
  return chunks
}

export function encodeChunk (type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'latin1')
  data.copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}

export function writeChunks (chunks: PngChunk[]): Buffer {
  return Buffer.concat([PNG_SIGNATURE, ...chunks.map((c) => encodeChunk(c.type, c.data))])
}

export interface ITxt {
  keyword: string
  compressed: boolean
  languageTag: string
  translatedKeyword: string
  /** The raw text field (UTF-8; zlib data when `compressed`). */
  text: Buffer
}

/** §11.3.3.4: keyword NUL, compression flag, compression method, language tag NUL, translated keyword NUL, text. */
export function parseITxt (data: Buffer): ITxt | undefined {
  const k = data.indexOf(0)
  if (k < 1 || k > 79 || k + 3 > data.length) return undefined
  const lang = data.indexOf(0, k + 3)
  const translated = lang < 0 ? -1 : data.indexOf(0, lang + 1)
  if (translated < 0) return undefined
  return {
    keyword: data.subarray(0, k).toString('latin1'),
    compressed: data[k + 1] === 1,
    languageTag: data.subarray(k + 3, lang).toString('latin1'),
    translatedKeyword: data.subarray(lang + 1, translated).toString('utf8'),
    text: data.subarray(translated + 1)
  }
}

/** An uncompressed iTXt chunk body with empty language tag and translated keyword. */
export function encodeITxt (keyword: string, text: string): Buffer {
  return Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, 'utf8')])
}
