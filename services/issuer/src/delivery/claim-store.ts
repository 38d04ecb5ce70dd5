// `claims`: claim links (issue 17). The token is 256 random bits shown once (in the learner's message); only its
// SHA-256 is stored, as `_id`, so a claim page is found by `_id` and a database dump yields no working link.
// Expiry is checked on every read (FerretDB has no TTL indexes).
import { createHash, randomBytes } from 'node:crypto'
import type { Db } from 'mongodb'

export interface ClaimRecord {
  _id: string // sha256(token), base64url
  credentialId: string
  issuerId: string
  expiresAt: Date
  createdAt: Date
  /**
   * The transaction code sent in the learner's message with the link (OID4VCI 1.0 §4.1.1 `tx_code`, a second
   * channel): its SHA-256 with the claim's `_id`. Wallet offers made from this claim need it.
   */
  txHash?: string
}

/** The stored form of a claim's transaction code. */
export const claimTxHash = (claimId: string, txCode: string): string => createHash('sha256').update(`${claimId}:${txCode}`, 'utf8').digest('base64url')
/** Six random digits. */
export const newTxCode = (): string => String(randomBytes(4).readUInt32BE() % 1_000_000).padStart(6, '0')

export const claimTokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('base64url')

export function createClaimStore (db: Db) {
  const col = db.collection<ClaimRecord>('claims')
  return {
    async ensureIndexes (): Promise<void> {
      await col.createIndex({ credentialId: 1 })
    },
    /** A new claim link for a credential; returns the token and the transaction code, if asked (neither is stored). */
    async create (credentialId: string, issuerId: string, ttlDays: number, opts: { withTxCode?: boolean } = {}): Promise<{ token: string; expiresAt: Date; txCode?: string }> {
      const token = randomBytes(32).toString('base64url')
      const now = new Date()
      const expiresAt = new Date(now.getTime() + ttlDays * 86_400_000)
      const _id = claimTokenHash(token)
      const txCode = opts.withTxCode ? newTxCode() : undefined
      await col.insertOne({ _id, credentialId, issuerId, expiresAt, createdAt: now, ...(txCode !== undefined ? { txHash: claimTxHash(_id, txCode) } : {}) })
      return { token, expiresAt, ...(txCode !== undefined ? { txCode } : {}) }
    },
    /** The live claim of a token; null when unknown or expired. */
    async find (token: string, now = new Date()): Promise<ClaimRecord | null> {
      if (typeof token !== 'string' || token.length < 16 || token.length > 128) return null
      const claim = await col.findOne({ _id: claimTokenHash(token) })
      return claim && claim.expiresAt > now ? claim : null
    },
    async deleteForCredential (credentialId: string): Promise<number> {
      return (await col.deleteMany({ credentialId })).deletedCount
    }
  }
}

export type ClaimStore = ReturnType<typeof createClaimStore>
