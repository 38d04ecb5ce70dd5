// PNG baking (OB 3.0 §5.3.1 "Baked Badge / PNG"): one uncompressed iTXt chunk, keyword `openbadgecredential`,
// whose text is the credential's JSON or, for a VC-JWT, the compact JWS.
import { inflateSync } from 'node:zlib'
import { PNG_ITXT_KEYWORD } from './constants.js'
import { InvalidPngError } from './errors.js'
import { encodeITxt, parseITxt, readChunks, writeChunks, type PngChunk } from './png.js'
import { bakeText } from './bake-text.js'

const isBadgeChunk = (c: PngChunk): boolean => c.type === 'iTXt' && parseITxt(c.data)?.keyword === PNG_ITXT_KEYWORD

/**
 * Bakes a credential (an object, serialised as JSON; or its JSON text or compact JWS) into a PNG: the
 * `openbadgecredential` iTXt chunk goes right after IHDR, replacing any existing one ("MUST NOT appear
 * more than once"). Throws OBP_OB3_INVALID_PNG for a damaged PNG.
 */
export function bakePng (png: Buffer, credential: object | string): Buffer {
  const text = bakeText(credential)
  const [ihdr, ...rest] = readChunks(png)
  const chunk: PngChunk = { type: 'iTXt', data: encodeITxt(PNG_ITXT_KEYWORD, text.value) }
  return writeChunks([ihdr, chunk, ...rest.filter((c) => !isBadgeChunk(c))])
}

/** Inflated text of a (non-conforming) compressed chunk is capped, to refuse decompression bombs. */
const MAX_INFLATED = 16 * 1024 * 1024

/**
 * The text of the first `openbadgecredential` iTXt chunk (§5.3.1.2 Extracting), or undefined when the PNG
 * has none. Throws OBP_OB3_INVALID_PNG for a damaged PNG (bad signature, bounds or CRC).
 */
export function unbakePng (png: Buffer): string | undefined {
  for (const chunk of readChunks(png)) {
    if (chunk.type !== 'iTXt') continue
    const itxt = parseITxt(chunk.data)
    if (itxt?.keyword !== PNG_ITXT_KEYWORD) continue
    if (!itxt.compressed) return itxt.text.toString('utf8')
    // The spec forbids compression; other bakers may still use it, so read it rather than refuse.
    try {
      return inflateSync(itxt.text, { maxOutputLength: MAX_INFLATED }).toString('utf8')
    } catch {
      throw new InvalidPngError('undecodable compressed openbadgecredential chunk')
    }
  }
  return undefined
}
