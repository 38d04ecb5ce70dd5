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
}

export const claimTokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('base64url')

export function createClaimStore (db: Db) {
  const col = db.collection<ClaimRecord>('claims')
  return {
    async ensureIndexes (): Promise<void> {
      await col.createIndex({ credentialId: 1 })
    },
    /** A new claim link for a credential; returns the token (never stored). */
    async create (credentialId: string, issuerId: string, ttlDays: number): Promise<{ token: string; expiresAt: Date }> {
      const token = randomBytes(32).toString('base64url')
      const now = new Date()
      const expiresAt = new Date(now.getTime() + ttlDays * 86_400_000)
      await col.insertOne({ _id: claimTokenHash(token), credentialId, issuerId, expiresAt, createdAt: now })
      return { token, expiresAt }
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
