// A PNG is decoded once, at the door (upload or data: URI): a file that only starts with the signature, is cut
// short or has a broken chunk is refused then, not at every later bake. The declared size is checked before
// decoding, so a small file cannot make the decoder allocate width x height x 4 bytes beyond the cap.
import pngjs from 'pngjs'

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

export const isPngSignature = (data: Buffer): boolean => data.subarray(0, 8).equals(SIGNATURE)

/** The PNG's size, or why it is refused. `maxDimension` caps both width and height (IMAGE_MAX_DIMENSION). */
export function checkPng (data: Buffer, maxDimension: number): { width: number; height: number } | { error: string } {
  if (!isPngSignature(data)) return { error: 'not a PNG (no PNG signature)' }
  // PNG §5.2 / §11.2.2: the first chunk is IHDR, 13 bytes, width and height as 4-byte big-endian integers.
  if (data.length < 33 || data.readUInt32BE(8) !== 13 || data.toString('latin1', 12, 16) !== 'IHDR') return { error: 'a PNG without its IHDR header' }
  const width = data.readUInt32BE(16)
  const height = data.readUInt32BE(20)
  if (width === 0 || height === 0) return { error: 'a PNG of zero width or height' }
  if (width > maxDimension || height > maxDimension) return { error: `a PNG of ${width}x${height} pixels, larger than ${maxDimension}x${maxDimension}` }
  try {
    // every chunk's CRC is checked; the inflater stops at the declared image size
    pngjs.PNG.sync.read(data, { checkCRC: true })
  } catch (err) {
    return { error: `a truncated or corrupt PNG (${(err as Error).message})` }
  }
  return { width, height }
}
