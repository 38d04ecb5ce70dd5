// Key custody: private JWKs sealed with AES-256-GCM under a key-encryption key (KEK).
// A KMS can implement KeyCustody later; nothing else in the library sees a KEK.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { JsonWebKey } from 'node:crypto'
import { BadKekError, KekMismatchError, UnsealError } from './errors.js'

export interface SealedKey { alg: 'A256GCM'; kekId: string; iv: string; tag: string; ciphertext: string }

export interface KeyCustody {
  seal(privateJwk: JsonWebKey): Promise<SealedKey>
  open(sealed: SealedKey): Promise<JsonWebKey>
}

export interface LocalCustodyOptions {
  kek: Buffer
  kekId?: string
  /** older KEKs kept to open keys sealed before a KEK rotation */
  previous?: Array<{ kek: Buffer; kekId?: string }>
}

/** Default KEK id: a short fingerprint, so a sealed key names its KEK without revealing it. */
export function kekFingerprint (kek: Buffer): string {
  return 'kek-' + createHash('sha256').update(kek).digest('hex').slice(0, 16)
}

function assertKek (kek: Buffer): void {
  if (!Buffer.isBuffer(kek) || kek.length !== 32) throw new BadKekError('it must be 32 bytes')
}

export function createLocalCustody (opts: LocalCustodyOptions): KeyCustody {
  if (!opts?.kek) throw new TypeError('"kek" is required.')
  assertKek(opts.kek)
  const current = { kek: Buffer.from(opts.kek), kekId: opts.kekId ?? kekFingerprint(opts.kek) }
  const keks = new Map<string, Buffer>([[current.kekId, current.kek]])
  for (const p of opts.previous ?? []) {
    assertKek(p.kek)
    keks.set(p.kekId ?? kekFingerprint(p.kek), Buffer.from(p.kek))
  }
  // The kekId is bound as additional authenticated data, so a ciphertext cannot be relabelled.
  const aad = (kekId: string): Buffer => Buffer.from(`obp-sealed-key:${kekId}`)

  return {
    async seal (privateJwk) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', current.kek, iv)
      cipher.setAAD(aad(current.kekId))
      const ciphertext = Buffer.concat([cipher.update(JSON.stringify(privateJwk), 'utf8'), cipher.final()])
      return {
        alg: 'A256GCM',
        kekId: current.kekId,
        iv: iv.toString('base64url'),
        tag: cipher.getAuthTag().toString('base64url'),
        ciphertext: ciphertext.toString('base64url')
      }
    },
    async open (sealed) {
      const kek = keks.get(sealed?.kekId)
      if (!kek) throw new KekMismatchError(String(sealed?.kekId))
      try {
        const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(sealed.iv, 'base64url'))
        decipher.setAAD(aad(sealed.kekId))
        decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'))
        const clear = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64url')), decipher.final()])
        return JSON.parse(clear.toString('utf8')) as JsonWebKey
      } catch {
        // never echo the underlying error: it could carry fragments of key material
        throw new UnsealError()
      }
    }
  }
}

/** Reads a 32-byte KEK given as base64, base64url or hex, from a value or a file. */
export function loadKek (opts: { value?: string; file?: string }): Buffer {
  let text = opts?.value
  if (text === undefined && opts?.file) {
    try {
      text = readFileSync(opts.file, 'utf8')
    } catch {
      throw new BadKekError(`cannot read KEK file ${opts.file}`)
    }
  }
  if (text === undefined) throw new TypeError('"value" or "file" is required.')
  text = text.trim()
  const kek = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64')
  if (kek.length !== 32) throw new BadKekError(`expected 32 bytes (base64 or hex), got ${kek.length}`)
  return kek
}
