import { createSigner, type KeyCustody, type Signer, type StoredKey } from '@obp/signing'
import type { IssuerStore } from './issuer-store.js'

/**
 * The active signer of each issuer, cached by key id (importing a key costs ten times a signature). The cache
 * is keyed by the key id, so a rotation (a new active key id) takes effect at the next look-up after `ttlMs`.
 */
export function createIssuerSigners (opts: { store: IssuerStore; custody: KeyCustody; ttlMs?: number }) {
  const ttl = opts.ttlMs ?? 5000
  const byKey = new Map<string, Promise<Signer>>()
  const active = new Map<string, { at: number; key: Promise<StoredKey | null> }>()
  return {
    async signerFor (issuerId: string): Promise<{ key: StoredKey; signer: Signer } | null> {
      let a = active.get(issuerId)
      if (!a || Date.now() - a.at > ttl) {
        a = { at: Date.now(), key: opts.store.activeKey(issuerId) }
        active.set(issuerId, a)
      }
      const key = await a.key.catch((err) => { active.delete(issuerId); throw err })
      if (!key) { active.delete(issuerId); return null }
      let signer = byKey.get(key.id)
      if (!signer) {
        signer = createSigner({ key, custody: opts.custody })
        byKey.set(key.id, signer)
        signer.catch(() => byKey.delete(key.id))
      }
      return { key, signer: await signer }
    },
    forget (issuerId: string): void { active.delete(issuerId) }
  }
}

export type IssuerSigners = ReturnType<typeof createIssuerSigners>
