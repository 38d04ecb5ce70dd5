// The network operator's own signing key (P-256, ES256), for the member registry other verifiers read (issue 18).
// One document in `network_keys` (`_id` "registry"), its private part sealed under the KEK like issuers' keys.
// Concurrent first uses race on the insert; the loser reads the winner's key.
import type { Db } from 'mongodb'
import { createSigner, generateKey, jwkThumbprint, type KeyCustody, type Signer, type StoredKey } from '@obp/signing'

export interface RegistrySigner { key: StoredKey; signer: Signer; kid: string; publicJwk: Record<string, unknown> }

const DUPLICATE_KEY = 11000

export function createRegistrySigner (opts: { db: Db; custody: KeyCustody; controller: string }): () => Promise<RegistrySigner> {
  const custody = opts.custody
  const keys = opts.db.collection<{ _id: string; key: StoredKey; createdAt: Date }>('network_keys')
  let loaded: Promise<RegistrySigner> | undefined

  async function load (): Promise<RegistrySigner> {
    let record = await keys.findOne({ _id: 'registry' })
    if (record === null) {
      const key = await generateKey({ type: 'P-256', controller: opts.controller, keyId: 'registry-1', custody })
      try {
        await keys.insertOne({ _id: 'registry', key, createdAt: new Date() })
      } catch (err) {
        if ((err as { code?: number }).code !== DUPLICATE_KEY) throw err
      }
      record = await keys.findOne({ _id: 'registry' })
      if (record === null) throw new Error('the registry key vanished')
    }
    const { kty, crv, x, y } = record.key.publicKeyJwk as Record<string, string>
    const publicJwk = { kty, crv, x, y }
    return { key: record.key, signer: await createSigner({ key: record.key, custody }), kid: jwkThumbprint(publicJwk), publicJwk }
  }

  return async () => {
    loaded ??= load().catch(err => { loaded = undefined; throw err })
    return await loaded
  }
}

const b64u = (v: string | Uint8Array): string => Buffer.from(v).toString('base64url')

/** A compact JWS (RFC 7515) of `payload`, ES256 with the registry key. */
export async function signRegistryJws (s: RegistrySigner, typ: string, payload: object): Promise<string> {
  const input = `${b64u(JSON.stringify({ alg: 'ES256', typ, kid: s.kid }))}.${b64u(JSON.stringify(payload))}`
  return `${input}.${b64u(await s.signer.sign({ data: Buffer.from(input, 'ascii') }))}`
}
