// Signs a status list as its issuer (Bitstring Status List v1.0 §2.2; a list signed by another DID than the
// credential's issuer fails in verifiers) and stores it for GET /status-lists/:listId.
import { createHash } from 'node:crypto'
import type { Db } from 'mongodb'
import { statusListUrl } from '@obp/documents'
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

const hashOf = (indices: number[]): string => createHash('sha256').update(indices.join(',')).digest('base64url')

export function createPublisher (opts: PublisherOptions) {
  const status = createStatusStore(opts.db)
  const published = createPublishedStore(opts.db)
  const base = opts.revocationPublicUrl.replace(/\/+$/, '')
  const inflight = new Map<string, Promise<PublishedList | null>>()
  const margin = (opts.ttlSeconds * 1000) / 4

  /** Reads the bits (after `snapshotAt`), and signs them unless what is stored shows the same and is not expiring. */
  async function publishNow (listId: string, force: boolean): Promise<{ doc: PublishedList | null; signed: boolean }> {
    const snapshotAt = new Date()
    const list = await status.getList(listId)
    if (!list) return { doc: null, signed: false }
    const indices = await status.revokedIndices(listId)
    const bitsHash = hashOf(indices)
    const current = await published.get(listId)
    if (!force && current && current.bitsHash === bitsHash && current.validUntil.getTime() - Date.now() > margin) return { doc: current, signed: false }
    const issuer = await opts.issuers.get(list.issuerId)
    const s = issuer ? await opts.signers.signerFor(list.issuerId) : null
    if (!issuer || !s) throw new IssuerKeyMissing(list.issuerId)
    const encodedList = await encodeStatusList(bitsFromIndices(list.size, indices))
    const now = new Date(Math.floor(Date.now() / 1000) * 1000)
    const validUntil = new Date(now.getTime() + opts.ttlSeconds * 1000)
    const credential = buildStatusListCredential({ id: statusListUrl(base, listId), issuerDid: issuer.did, encodedList, validFrom: now, validUntil })
    const signed = await issue({ credential, signer: s.signer, key: s.key, documentLoader: opts.documentLoader })
    const body = JSON.stringify(signed)
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`
    const doc: PublishedList = { _id: listId, issuerId: list.issuerId, bitsHash, snapshotAt, body, etag, validUntil, publishedAt: new Date() }
    await published.save(doc)
    return { doc: (await published.get(listId)) ?? doc, signed: true }
  }

  return {
    published,
    /** Signs the list's current state (first request, expiry); concurrent calls in one process share one signature. */
    publish (listId: string): Promise<PublishedList | null> {
      let p = inflight.get(listId)
      if (!p) {
        p = publishNow(listId, true).then(r => r.doc).finally(() => inflight.delete(listId))
        inflight.set(listId, p)
      }
      return p
    },
    /**
     * The worker's step: publishes when the stored list does not show the current bits, then reads again, so a
     * change that landed while it was signing is published too (bounded rounds).
     */
    async publishIfStale (listId: string): Promise<'published' | 'fresh' | 'missing'> {
      let outcome: 'published' | 'fresh' | 'missing' = 'fresh'
      for (let round = 0; round < 5; round++) {
        const r = await publishNow(listId, false)
        if (!r.doc) return 'missing'
        if (!r.signed) return outcome
        outcome = 'published'
      }
      return outcome
    }
  }
}

export type Publisher = ReturnType<typeof createPublisher>
