// Ephemeral OID4VCI state in Redis (wallet-delivery notes §5): offers, pre-authorized codes, access tokens and
// nonces, each with a TTL, each consumed atomically (GETDEL), so a code, a token's credential and a nonce are
// single use whatever the concurrency. Codes and tokens are stored by their SHA-256 only.
import { createHash, randomBytes } from 'node:crypto'
import type { Redis } from 'ioredis'
import { claimTxHash, newTxCode } from '../delivery/claim-store.js'

export const OFFER_TTL_S = 600
export const ACCESS_TOKEN_TTL_S = 300 // OID4VCI §13.10: unconstrained access tokens live at most 5 minutes
export const NONCE_TTL_S = 300
/** Errata of 1.0 ("Transaction Code Guessing"): wrong tx_codes allowed before the pre-authorized code dies */
export const TX_CODE_MAX_FAILURES = 5

export interface OfferState { offerId: string; credentialId: string; issuerId: string; expiresAt: string }
/** `claimTx`: the offer needs the code sent with its claim link (checked against the claim's hash, capped per claim). */
export interface GrantState { credentialId: string; issuerId: string; offerId: string; txHash?: string; claimTx?: { claimId: string; txHash: string } }
/** Wrong emailed codes allowed across all the offers of one claim link, before its code is dead (a re-send makes a new one). */
export const CLAIM_TX_CODE_MAX_FAILURES = 10
const CLAIM_TX_FAILURES_TTL_S = 90 * 86_400

const hash = (v: string): string => createHash('sha256').update(v).digest('base64url')
const random = (): string => randomBytes(32).toString('base64url')

export function createOid4vciState (redis: Redis, prefix: string) {
  const k = (kind: string, id: string): string => `${prefix}:oid4vci:${kind}:${id}`
  return {
    /** A new offer with its pre-authorized code (returned once). */
    async createOffer (credentialId: string, issuerId: string, withTxCode = false, claimTx?: GrantState['claimTx']): Promise<{ offer: OfferState; code: string; txCode?: string }> {
      const offerId = randomBytes(16).toString('base64url')
      const code = random()
      // the claim's emailed code wins: it is already in the learner's hands, on another channel than the offer
      const txCode = withTxCode && !claimTx ? newTxCode() : undefined
      const offer: OfferState = { offerId, credentialId, issuerId, expiresAt: new Date(Date.now() + OFFER_TTL_S * 1000).toISOString() }
      const grant: GrantState = { credentialId, issuerId, offerId, ...(txCode ? { txHash: hash(code + txCode) } : {}), ...(claimTx ? { claimTx } : {}) }
      await redis.multi()
        .set(k('offer', offerId), JSON.stringify({ ...offer, code, txCode: txCode !== undefined || claimTx !== undefined, ...(claimTx ? { txCodeByEmail: true } : {}) }), 'EX', OFFER_TTL_S)
        .set(k('code', hash(code)), JSON.stringify(grant), 'EX', OFFER_TTL_S)
        .exec()
      return { offer, code, ...(txCode ? { txCode } : {}) }
    },
    async getOffer (offerId: string): Promise<(OfferState & { code: string; txCode: boolean; txCodeByEmail?: boolean }) | null> {
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
      if (grant.claimTx) {
        // the emailed code is shared by every offer of the claim: its wrong tries are counted per claim too
        const claimFailures = k('txfail-claim', grant.claimTx.claimId)
        if (Number(await redis.get(claimFailures) ?? 0) >= CLAIM_TX_CODE_MAX_FAILURES) return 'dead'
        if (grant.claimTx.txHash === claimTxHash(grant.claimTx.claimId, txCode)) return 'ok'
        const n = await redis.incr(claimFailures)
        await redis.expire(claimFailures, CLAIM_TX_FAILURES_TTL_S)
        if (n >= CLAIM_TX_CODE_MAX_FAILURES) { await redis.del(k('code', hash(code)), k('offer', grant.offerId)); return 'dead' }
      } else if (grant.txHash === hash(code + txCode)) return 'ok'
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
