// What was sent: a credential object, a compact JWS (VC-JWT), or a baked badge (OB 3.0 §5.3 Baking: PNG iTXt
// `openbadgecredential`, SVG `<openbadges:credential>`). Anything that is not a credential at all is a 400
// (CONTRACT.md); anything shaped like one goes through every check and fails there (422).
import { readBakedPng, readBakedSvg, type BakedReading } from '@obp/ob3'
import { profileOf } from './checks/structure.js'
import { NotACredentialError } from './errors.js'
import { errorMessage, isObject } from './json.js'
import { decodeJwt, looksLikeJws, type DecodedJwt } from './jwt.js'
import type { CheckEntry, Json } from './types.js'

export interface ParsedCredential {
  credential: Json
  jwt?: DecodedJwt
  /** a baked image's conformance to the OB 3.0 baking rules (one `baking` step) */
  baking?: CheckEntry[]
}

export type ImageKind = 'png' | 'svg'

// Real credentials nest a dozen levels; this bounds recursive JSON-LD processing of hostile input.
export const MAX_JSON_DEPTH = 64

/** Nesting depth of JSON text, counted without parsing (strings skipped). */
export function jsonDepth (text: string): number {
  let depth = 0
  let max = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++depth)
    else if (c === 0x7d || c === 0x5d) depth--
  }
  return max
}

function hasOwnProtoKeys (node: unknown, depth = 0): boolean {
  if (depth > MAX_JSON_DEPTH) return true
  if (Array.isArray(node)) return node.some(n => hasOwnProtoKeys(n, depth + 1))
  if (!isObject(node)) return false
  if (Object.hasOwn(node, '__proto__') || (isObject(node.constructor) && 'prototype' in node.constructor)) return true
  return Object.values(node).some(v => hasOwnProtoKeys(v, depth + 1))
}

/**
 * False when the text cannot spell `__proto__` or `constructor` as a key: JSON writes a character either as itself or
 * as a backslash-u escape (RFC 8259 §7), so text with neither word and no such escape has no such key (and the walk
 * of the parsed value, done for every other text, is skipped).
 */
function mayHoldProtoKeys (text: string): boolean {
  return text.includes('\\u') || text.includes('__proto__') || text.includes('constructor')
}

/** JSON.parse with the limits hostile input needs: bounded depth, no `__proto__` / `constructor.prototype` keys. */
export function parseJsonText (text: string): unknown {
  if (jsonDepth(text) > MAX_JSON_DEPTH) throw new NotACredentialError(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new NotACredentialError('the body is not valid JSON')
  }
  if (mayHoldProtoKeys(text) && hasOwnProtoKeys(value)) throw new NotACredentialError('__proto__ and constructor.prototype keys are refused')
  return value
}

function asCredential (value: Json): ParsedCredential {
  if (!('@context' in value)) throw new NotACredentialError('no @context')
  if (!('type' in value)) throw new NotACredentialError('no type')
  return { credential: value }
}

/** A credential given as an object or as a compact JWS string. */
export function parseCredentialValue (value: unknown): ParsedCredential {
  if (typeof value === 'string') {
    if (looksLikeJws(value)) {
      const jwt = decodeJwt(value)
      return { credential: jwt.credential, jwt }
    }
    // VC Data Integrity §4.2 step 1 / §4.4: a secured document is a map; JSON text inside a string is not one.
    throw new NotACredentialError('a string credential must be a compact JWS (VC-JWT); a credential with an embedded proof must be sent as a JSON object, not as a string')
  }
  if (!isObject(value)) throw new NotACredentialError('expected a credential object or a compact JWS string')
  return asCredential(value)
}

/**
 * The credential baked into a PNG or SVG badge, read strictly (@obp/ob3 readBaked*): an image with no credential is
 * not a credential (400); one that breaks a baking rule is read as the Extracting rules say and carries a failed
 * `baking` step naming the rule, so it is not verified (422).
 */
export function parseBadgeImage (body: Buffer, kind: ImageKind): ParsedCredential {
  let reading: BakedReading
  try {
    reading = kind === 'png' ? readBakedPng(body) : readBakedSvg(body.toString('utf8'))
  } catch (err) {
    throw new NotACredentialError(`the ${kind.toUpperCase()} image cannot be read: ${errorMessage(err)}`)
  }
  const { text } = reading
  if (text === undefined) throw new NotACredentialError(`the ${kind.toUpperCase()} image carries no baked credential`)
  const parsed = parseCredentialValue(looksLikeJws(text) ? text.trim() : parseJsonText(text))
  const violations = [...reading.violations]
  // OB 3.0 §5.3 / §5: a baked badge carries exactly one OpenBadgeCredential.
  if (profileOf(parsed.credential) !== 'openbadges') violations.push('a baked badge MUST carry an OpenBadgeCredential, and this credential claims no Open Badges type')
  const entry: CheckEntry = violations.length > 0
    ? { check: 'baking', status: 'failure', message: `the ${kind.toUpperCase()} breaks the OB 3.0 baking rules: ${violations.join('; ')}` }
    : { check: 'baking', status: 'success', message: `the ${kind.toUpperCase()} follows the OB 3.0 baking rules` }
  return { ...parsed, baking: [entry] }
}

/** Sniffs an uploaded file (multipart, or a fetched link) by content, not by name. */
export function parseUpload (body: Buffer, contentType = ''): ParsedCredential {
  if (body.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return parseBadgeImage(body, 'png')
  const text = body.toString('utf8').trim()
  if (/image\/svg/.test(contentType) || /^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(text)) return parseBadgeImage(body, 'svg')
  return parseCredentialValue(looksLikeJws(text) ? text : parseJsonText(text))
}
