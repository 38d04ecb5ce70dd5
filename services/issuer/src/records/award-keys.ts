// One award of an achievement per recipient (CONTRACT.md "Records"): `award_keys`, `_id` =
// `issuerId|achievementKey|recipientHash`, holds the credential that took it. A plain unique `_id`, no
// transaction: the insert decides who awards first; the credential id it names is checked afterwards.
import type { Db } from 'mongodb'
import { insertEach, insertOnce } from '@obp/service-kit/store'

interface AwardKey { _id: string; credentialId: string; at: Date }

/** A claim whose credential is still missing after this long was left by a crashed or failed award. */
export const STALE_CLAIM_MS = 60_000

export const awardKeyOf = (issuerId: string, achievementKey: string, recipientHash: string): string => `${issuerId}|${achievementKey}|${recipientHash}`

export function createAwardKeyStore (db: Db) {
  const col = db.collection<AwardKey>('award_keys')
  return {
    /** the collection, for the awards' idempotency records kept beside their claims (stores/idempotency-store.ts) */
    collection: col,
    /** Claims the key for `credentialId`; answers the holder: the caller when first (or repeating itself). */
    async claim (key: string, credentialId: string): Promise<AwardKey> {
      const doc = { _id: key, credentialId, at: new Date() }
      if (await insertOnce(col, doc)) return doc
      return (await col.findOne({ _id: key })) ?? doc
    },
    /**
     * Claims many keys at once (a batch chunk: one unordered insert, shared with concurrent claims); answers each key's holder, in order. Keys
     * taken before (a duplicate, or the chunk's own claims written before a crash) are read back one by one.
     */
    async claimMany (claims: Array<{ key: string; credentialId: string }>): Promise<AwardKey[]> {
      const at = new Date()
      const docs = claims.map(c => ({ _id: c.key, credentialId: c.credentialId, at }))
      if (docs.length === 0) return []
      const inserted = await insertEach(col, docs)
      return Promise.all(docs.map(async (d, i) => inserted[i] ? d : (await col.findOne({ _id: d._id })) ?? d))
    },
    /** Gives back a key this award claimed and will not use (its request was a replay, or reused its Idempotency-Key). */
    async release (key: string, credentialId: string): Promise<void> {
      await col.deleteOne({ _id: key, credentialId })
    },
    /** Hands the key over from a holder that no longer holds the achievement (revoked, or never issued). */
    async takeOver (key: string, from: string, credentialId: string): Promise<boolean> {
      const r = await col.updateOne({ _id: key, credentialId: from }, { $set: { credentialId, at: new Date() } })
      return r.modifiedCount === 1
    }
  }
}

export type AwardKeyStore = ReturnType<typeof createAwardKeyStore>
