// One gate for every image the issuer accepts: uploaded bytes and `data:` URIs (RFC 2397) in achievements,
// profiles and VC-API credentials. A PNG is decoded with caps (./png-check.ts); an SVG goes through the
// allow-list sanitiser (./svg-sanitise.ts) and only its output is kept. Other types are refused.
import { createHash } from 'node:crypto'
import type { ImageType } from '../stores/image-store.js'
import { checkPng, isPngSignature } from './png-check.js'
import { sanitiseSvg } from './svg-sanitise.js'

export interface ImageLimits { maxBytes: number; maxDimension: number }
export type CheckedImage = { type: ImageType; data: Buffer } | { error: string }

/** The image the bytes really are (type from the bytes, not the label), cleaned, or why it is refused. */
export function checkImageBytes (data: Buffer, limits: ImageLimits): CheckedImage {
  if (data.length === 0) return { error: 'empty image' }
  if (data.length > limits.maxBytes) return { error: `${data.length} bytes, more than IMAGE_MAX_BYTES (${limits.maxBytes})` }
  if (isPngSignature(data)) {
    const png = checkPng(data, limits.maxDimension)
    return 'error' in png ? png : { type: 'image/png', data }
  }
  const svg = sanitiseSvg(data)
  if ('error' in svg) return { error: /UTF-8|well-formed|root element/.test(svg.error) ? `neither a PNG nor an SVG document (${svg.error})` : svg.error }
  return { type: 'image/svg+xml', data: Buffer.from(svg.svg, 'utf8') }
}

/** RFC 3986 percent-decoding to bytes (RFC 2397 data without `;base64`). */
function percentDecode (text: string): Buffer | undefined {
  if (/%(?![0-9a-f]{2})/i.test(text)) return undefined
  // split with a capture group: odd entries are the %XX escapes
  return Buffer.concat(text.split(/(%[0-9a-f]{2})/i).map((part, i) => i % 2 === 1 ? Buffer.from([parseInt(part.slice(1), 16)]) : Buffer.from(part, 'utf8')))
}

/** A `data:` URI's media type and bytes (RFC 2397 §3), or why it cannot be read. */
export function parseDataUri (uri: string, maxBytes: number): { type: string; data: Buffer } | { error: string } {
  const comma = uri.indexOf(',')
  if (!/^data:/i.test(uri) || comma === -1) return { error: 'not a data: URI' }
  const params = uri.slice(5, comma).split(';').map(p => p.trim().toLowerCase())
  const type = params[0] === '' ? 'text/plain' : params[0]
  const payload = uri.slice(comma + 1)
  // a payload longer than any encoding of IMAGE_MAX_BYTES (3 characters a byte at most) is not decoded
  if (payload.length > maxBytes * 3 + 1024) return { error: `more than IMAGE_MAX_BYTES (${maxBytes})` }
  let data: Buffer | undefined
  if (params.slice(1).includes('base64')) {
    const b64 = payload.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))).replace(/\s+/g, '')
    data = /^[A-Za-z0-9+/]*={0,2}$/.test(b64) ? Buffer.from(b64, 'base64') : undefined
  } else {
    data = percentDecode(payload)
  }
  if (data === undefined) return { error: 'a data: URI whose data cannot be decoded' }
  return { type, data }
}

/**
 * A `data:` image as the issuer will keep it: a PNG unchanged once it decodes, an SVG as its sanitised text
 * (the original URI when sanitising changed nothing, else a base64 URI of the cleaned bytes), or why refused.
 */
export function checkDataImage (uri: string, limits: ImageLimits): { uri: string } | { error: string } {
  const parsed = parseDataUri(uri, limits.maxBytes)
  if ('error' in parsed) return parsed
  if (parsed.type !== 'image/png' && parsed.type !== 'image/svg+xml') return { error: `a data: URI of type ${parsed.type} (only image/png and image/svg+xml)` }
  const checked = checkImageBytes(parsed.data, limits)
  if ('error' in checked) return checked
  if (checked.type !== parsed.type) return { error: `a data: URI labelled ${parsed.type} holding ${checked.type}` }
  if (checked.type === 'image/png' || checked.data.equals(parsed.data)) return { uri }
  return { uri: `data:image/svg+xml;base64,${checked.data.toString('base64')}` }
}

/**
 * The safe form of an image already inside a stored document (bake and serve time): checked once per distinct
 * content, then remembered, so a download does not parse the same SVG again. Undefined: refused.
 */
const seen = new Map<string, Buffer | null>()
const SEEN_MAX = 256

export function safeImage (image: { type: string; data: Buffer }, limits: ImageLimits): Buffer | undefined {
  const key = createHash('sha256').update(image.type).update('\0').update(image.data).digest('base64')
  let safe = seen.get(key)
  if (safe === undefined) {
    const checked = checkImageBytes(image.data, limits)
    safe = 'error' in checked || checked.type !== image.type ? null : checked.data
    if (seen.size >= SEEN_MAX) seen.delete(seen.keys().next().value as string)
    seen.set(key, safe)
  }
  return safe ?? undefined
}
