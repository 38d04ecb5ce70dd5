// The recipient look-up: a keyed hash (HMAC-SHA256 with a server secret) of the normalised identity, so records
// can be searched by email, DID or sourcedId and duplicate awards found, without storing an address in clear.
// The credential's own IdentityObject is salted per credential (OB 3.0 §B.1.15) and cannot serve as a key.
import { createHmac, hkdfSync, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readOrCreate, type Secrets } from '@obp/service-kit'
import type { IssuerConfig } from '../config.js'

export type LookupKey = Buffer

function decode (text: string, source: string): Buffer {
  const t = text.trim()
  const key = /^[0-9a-f]+$/i.test(t) && t.length % 2 === 0 ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64')
  if (key.length < 32) throw new Error(`Invalid configuration: ${source} must be at least 32 bytes (base64 or hex)`)
  return key
}

/**
 * RECIPIENT_LOOKUP_KEY(_FILE) when set. Otherwise, in development, one generated once under OBP_DATA_DIR like the
 * other development secrets; in production, one derived from the key-encryption key (HKDF-SHA256, its own label),
 * a secret every production deployment already has, so no deployment needs a new secret to start.
 */
export function loadLookupKey (config: IssuerConfig, secrets: Pick<Secrets, 'kek'>): LookupKey {
  const given = config.RECIPIENT_LOOKUP_KEY ?? (config.RECIPIENT_LOOKUP_KEY_FILE ? readFileSync(config.RECIPIENT_LOOKUP_KEY_FILE, 'utf8') : undefined)
  if (given !== undefined) return decode(given, 'RECIPIENT_LOOKUP_KEY')
  if (config.OBP_MODE === 'production') {
    return Buffer.from(hkdfSync('sha256', secrets.kek, Buffer.alloc(0), 'obp recipient look-up v1', 32))
  }
  const file = join(config.OBP_DATA_DIR, 'recipient-lookup-key')
  return decode(readOrCreate(file, () => randomBytes(32).toString('base64')), file)
}

/**
 * The form of an identity that is hashed, whatever field it came in: a DID as given, an address (anything with
 * an `@`) trimmed and lower-cased, any other sourcedId trimmed. A search needs no type: the same string finds it.
 */
export function normaliseLookup (value: string): string {
  const v = value.trim()
  return !v.startsWith('did:') && v.includes('@') ? v.toLowerCase() : v
}

/** 128 bits of HMAC-SHA256, hex: the recipient's key in records and duplicate checks. */
export function recipientHash (key: LookupKey, value: string): string {
  return createHmac('sha256', key).update(normaliseLookup(value), 'utf8').digest('hex').slice(0, 32)
}

/** The identity an award names (email, DID or sourcedId). */
export function awardIdentity (recipient: unknown): string | undefined {
  const r = recipient as { email?: unknown; did?: unknown; sourcedId?: unknown } | undefined
  const v = r?.email ?? r?.did ?? r?.sourcedId
  return typeof v === 'string' && v.trim() !== '' ? v : undefined
}
