// Resource digests (VCDM 2.0 §5.3 "Integrity of Related Resources"): `digestSRI` (W3C Subresource Integrity:
// sha256/384/512 + base64) and `digestMultibase` (a multibase multihash: sha2-256 0x12 or sha2-384 0x20, in
// base64url 'u' or base58btc 'z'). The platform checks them only against what it holds offline, the bundled
// contexts, as the bytes of the package file when it ships one and as JSON text; it never fetches a resource.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { bundledContexts, CONTEXT_URLS } from './contexts.js'
import { decodeBase58 } from './base58.js'

export type DigestCheck = 'match' | 'mismatch' | 'unknown-resource' | 'malformed'

// The published files of the contexts whose package carries them (the bytes a digest is usually taken over);
// the package does not export them, so they are found next to its entry point (lib/index.js -> contexts/).
const FILES: Record<string, string> = {
  [CONTEXT_URLS.CREDENTIALS_V2]: 'v2.jsonld',
  [CONTEXT_URLS.CREDENTIALS_V1]: 'v1.jsonld',
  [CONTEXT_URLS.CREDENTIALS_UNDEFINED_TERMS_V2]: 'undefined-terms-v2.jsonld'
}
const packageFile = (name: string): Buffer =>
  readFileSync(fileURLToPath(new URL(`../contexts/${name}`, import.meta.resolve('@digitalbazaar/credentials-context'))))

const forms = new Map<string, Buffer[]>()
function bytesOf (url: string): Buffer[] | undefined {
  const doc = bundledContexts.get(url)
  if (doc === undefined) return undefined
  let list = forms.get(url)
  if (!list) {
    list = [Buffer.from(JSON.stringify(doc)), Buffer.from(JSON.stringify(doc, null, 2)), Buffer.from(JSON.stringify(doc, null, 2) + '\n')]
    const file = FILES[url]
    if (file) { try { list.unshift(packageFile(file)) } catch { /* the JSON forms remain */ } }
    forms.set(url, list)
  }
  return list
}

const SRI = /^(sha256|sha384|sha512)-([A-Za-z0-9+/]+={0,2})$/
const MULTIHASH: Record<number, { alg: string; length: number }> = { 0x12: { alg: 'sha256', length: 32 }, 0x20: { alg: 'sha384', length: 48 } }

// A bare digest (no multihash header), by its length: what the W3C VCDM 2.0 test suite's own relatedResource
// fixtures carry (`u` + base64url of the 32 bytes of a SHA-256).
const RAW: Record<number, string> = { 32: 'sha256', 48: 'sha384', 64: 'sha512' }

function parseMultibase (value: string): { alg: string; digest: Buffer } | undefined {
  const bytes = value.startsWith('u') ? Buffer.from(value.slice(1), 'base64url') : value.startsWith('z') ? decodeBase58(value.slice(1)) : undefined
  if (!bytes || bytes.length < 2) return undefined
  const spec = MULTIHASH[bytes[0]]
  if (spec && bytes[1] === spec.length && bytes.length === 2 + spec.length) return { alg: spec.alg, digest: Buffer.from(bytes.subarray(2)) }
  const raw = RAW[bytes.length]
  return raw ? { alg: raw, digest: Buffer.from(bytes) } : undefined
}

/**
 * SHA-256 digests of the files W3C publishes for a context, where they differ from the bytes the platform ships
 * (a package may format the same context differently). For the VCDM 2.0 base context: the value VCDM 2.0 §B.1
 * states ("the hexadecimal encoded SHA2-256 digest value of the base context file", also the digest of the
 * 2024-07-20 revision that the W3C test suite's fixtures cite), and the digest of the file served at the URL in
 * 2026 (10,131 bytes). A digest in another algorithm is checked against the shipped bytes only.
 */
const PUBLISHED_SHA256: Record<string, string[]> = {
  [CONTEXT_URLS.CREDENTIALS_V2]: [
    '24a18c90e9856d526111f29376e302d970b2bd10182e33959995b0207d7043b9',
    '59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734'
  ]
}

/** Is `value` a well-formed digestSRI / digestMultibase? */
export function parseDigest (kind: 'digestSRI' | 'digestMultibase', value: unknown): { alg: string; digest: Buffer } | undefined {
  if (typeof value !== 'string') return undefined
  if (kind === 'digestMultibase') return parseMultibase(value)
  const m = SRI.exec(value)
  return m ? { alg: m[1], digest: Buffer.from(m[2], 'base64') } : undefined
}

/** Checks one digest of the resource at `url` against the bundled copy. */
export function checkDigest (url: string, kind: 'digestSRI' | 'digestMultibase', value: unknown): DigestCheck {
  const parsed = parseDigest(kind, value)
  if (!parsed) return 'malformed'
  const candidates = bytesOf(url)
  if (!candidates) return 'unknown-resource'
  if (parsed.alg === 'sha256' && PUBLISHED_SHA256[url]?.includes(parsed.digest.toString('hex'))) return 'match'
  return candidates.some(b => createHash(parsed.alg).update(b).digest().equals(parsed.digest)) ? 'match' : 'mismatch'
}
