// Ephemeral OID4VCI state in Redis (wallet-delivery notes §5): offers, pre-authorized codes, access tokens and
// nonces, each with a TTL, each consumed atomically (GETDEL), so a code, a token's credential and a nonce are
// single use whatever the concurrency. Codes and tokens are stored by their SHA-256 only.
import { createHash, randomBytes } from 'node:crypto'
import type { Redis } from 'ioredis'

export const OFFER_TTL_S = 600
export const ACCESS_TOKEN_TTL_S = 300 // OID4VCI §13.10: unconstrained access tokens live at most 5 minutes
export const NONCE_TTL_S = 300
/** Errata of 1.0 ("Transaction Code Guessing"): wrong tx_codes allowed before the pre-authorized code dies */
export const TX_CODE_MAX_FAILURES = 5

export interface OfferState { offerId: string; credentialId: string; issuerId: string; expiresAt: string }
export interface GrantState { credentialId: string; issuerId: string; offerId: string; txHash?: string }

const hash = (v: string): string => createHash('sha256').update(v).digest('base64url')
const random = (): string => randomBytes(32).toString('base64url')

export function createOid4vciState (redis: Redis, prefix: string) {
  const k = (kind: string, id: string): string => `${prefix}:oid4vci:${kind}:${id}`
  return {
    /** A new offer with its pre-authorized code (returned once). */
    async createOffer (credentialId: string, issuerId: string, withTxCode = false): Promise<{ offer: OfferState; code: string; txCode?: string }> {
      const offerId = randomBytes(16).toString('base64url')
      const code = random()
      const txCode = withTxCode ? String(randomBytes(4).readUInt32BE() % 1_000_000).padStart(6, '0') : undefined
      const offer: OfferState = { offerId, credentialId, issuerId, expiresAt: new Date(Date.now() + OFFER_TTL_S * 1000).toISOString() }
      await redis.multi()
        .set(k('offer', offerId), JSON.stringify({ ...offer, code, txCode: txCode !== undefined }), 'EX', OFFER_TTL_S)
        .set(k('code', hash(code)), JSON.stringify({ credentialId, issuerId, offerId, ...(txCode ? { txHash: hash(code + txCode) } : {}) } satisfies GrantState), 'EX', OFFER_TTL_S)
        .exec()
      return { offer, code, ...(txCode ? { txCode } : {}) }
    },
    async getOffer (offerId: string): Promise<(OfferState & { code: string; txCode: boolean }) | null> {
      const raw = await redis.get(k('offer', offerId))
      return raw ? JSON.parse(raw) : null
    },
    /** Consumes a pre-authorized code: the first caller gets its grant, every other gets null. */
    async redeemCode (code: string): Promise<GrantState | null> {
      const raw = await redis.getdel(k('code', hash(code)))
      if (!raw) return null
      const grant = JSON.parse(raw) as GrantState
      await redis.del(k('offer', grant.offerId)) // the offer served its purpose
      return grant
    },
    async peekCode (code: string): Promise<GrantState | null> {
      const raw = await redis.get(k('code', hash(code)))
      return raw ? JSON.parse(raw) : null
    },
    /** Whether `txCode` is the code's transaction code; a wrong one counts, and the cap kills the code. */
    async checkTxCode (code: string, grant: GrantState, txCode: string): Promise<'ok' | 'wrong' | 'dead'> {
      if (grant.txHash === hash(code + txCode)) return 'ok'
      const failures = await redis.incr(k('txfail', hash(code)))
      await redis.expire(k('txfail', hash(code)), OFFER_TTL_S)
      if (failures < TX_CODE_MAX_FAILURES) return 'wrong'
      await redis.del(k('code', hash(code)), k('offer', grant.offerId))
      return 'dead'
    },
    async issueAccessToken (grant: GrantState): Promise<string> {
      const token = random()
      await redis.set(k('token', hash(token)), JSON.stringify(grant), 'EX', ACCESS_TOKEN_TTL_S)
      return token
    },
    /** One credential per token: consumed on use. */
    async redeemAccessToken (token: string): Promise<GrantState | null> {
      const raw = await redis.getdel(k('token', hash(token)))
      return raw ? JSON.parse(raw) : null
    },
    async peekAccessToken (token: string): Promise<GrantState | null> {
      const raw = await redis.get(k('token', hash(token)))
      return raw ? JSON.parse(raw) : null
    },
    async newNonce (): Promise<string> {
      const nonce = random()
      await redis.set(k('nonce', nonce), '1', 'EX', NONCE_TTL_S)
      return nonce
    },
    async consumeNonce (nonce: string): Promise<boolean> {
      if (typeof nonce !== 'string' || nonce.length > 128) return false
      return (await redis.getdel(k('nonce', nonce))) !== null
    }
  }
}

export type Oid4vciState = ReturnType<typeof createOid4vciState>
