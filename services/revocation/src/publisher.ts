// Signs a status list as its issuer (Bitstring Status List v1.0 §2.2; a list signed by another DID than the
// credential's issuer fails in verifiers) and stores it for GET /status-lists/:listId.
import { createHash } from 'node:crypto'
import type { Db } from 'mongodb'
import { issue, type DocumentLoader } from '@obp/signing'
import { bitsFromIndices, buildStatusListCredential, createStatusStore, encodeStatusList } from '@obp/status'
import type { IssuerSigners, IssuerStore } from '@obp/issuers'
import { createPublishedStore, type PublishedList } from './published-store.js'
import { IssuerKeyMissing } from './errors.js'

export interface PublisherOptions {
  db: Db
  issuers: IssuerStore
  signers: IssuerSigners
  documentLoader: DocumentLoader
  revocationPublicUrl: string
  ttlSeconds: number
}

export function createPublisher (opts: PublisherOptions) {
  const status = createStatusStore(opts.db)
  const published = createPublishedStore(opts.db)
  const base = opts.revocationPublicUrl.replace(/\/+$/, '')
  const inflight = new Map<string, Promise<PublishedList | null>>()

  async function sign (listId: string): Promise<PublishedList | null> {
    // One read gives the bits and the version they belong to (the list document is the truth).
    const list = await status.getList(listId)
    if (!list) return null
    const issuer = await opts.issuers.get(list.issuerId)
    const s = issuer ? await opts.signers.signerFor(list.issuerId) : null
    if (!issuer || !s) throw new IssuerKeyMissing(list.issuerId)
    const encodedList = await encodeStatusList(bitsFromIndices(list.size, list.revoked ?? []))
    const now = new Date(Math.floor(Date.now() / 1000) * 1000)
    const validUntil = new Date(now.getTime() + opts.ttlSeconds * 1000)
    const credential = buildStatusListCredential({ id: `${base}/status-lists/${listId}`, issuerDid: issuer.did, encodedList, validFrom: now, validUntil })
    const signed = await issue({ credential, signer: s.signer, key: s.key, documentLoader: opts.documentLoader })
    const body = JSON.stringify(signed)
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`
    const doc: PublishedList = { _id: listId, issuerId: list.issuerId, version: list.version, body, etag, validUntil, publishedAt: new Date() }
    await published.save(doc)
    return (await published.get(listId)) ?? doc
  }

  return {
    published,
    /**
     * Signs the list's current state; concurrent calls in one process share one signature, unless the shared
     * one shows an older version than `minVersion` (it read the list before that change): then it signs again.
     */
    async publish (listId: string, minVersion = 0): Promise<PublishedList | null> {
      const running = inflight.get(listId)
      if (running) {
        const r = await running.catch(() => null)
        if (r && r.version >= minVersion) return r
        return sign(listId)
      }
      const p = sign(listId).finally(() => inflight.delete(listId))
      inflight.set(listId, p)
      return p
    },
    /** Publishes unless what is stored already shows `version` (or later) and is not near its end of validity. */
    async publishIfStale (listId: string, version: number): Promise<'published' | 'fresh' | 'missing'> {
      const current = await published.get(listId)
      const margin = (opts.ttlSeconds * 1000) / 4
      if (current && current.version >= version && current.validUntil.getTime() - Date.now() > margin) return 'fresh'
      return (await this.publish(listId, version)) ? 'published' : 'missing'
    }
  }
}

export type Publisher = ReturnType<typeof createPublisher>
