// `exchanges`: VC-API / VCALM exchanges for wallets such as the Learner Credential Wallet (issue 17; notes
// wallet-delivery.md §2). One exchange per `POST /claim/<token>/offers`, single use, 10 minutes. Found by `_id` only
// (FerretDB scans any other filter); expiry is checked on every read (no TTL indexes on FerretDB). The id is 128
// random bits: the exchange URL is the wallet's capability, so it is never logged.
import { randomBytes } from 'node:crypto'
import type { Db } from 'mongodb'

export const EXCHANGE_TTL_S = 600
/** Failed presentations before the exchange is invalidated (a guessing or broken wallet stops early). */
export const EXCHANGE_MAX_FAILURES = 5

/** VCALM exchange states. */
export type ExchangeState = 'pending' | 'active' | 'complete' | 'invalid'

export interface ExchangeRecord {
  _id: string
  credentialId: string
  issuerId: string
  /** the DIDAuthentication challenge (VP Request spec §3.1.2), 256 random bits */
  challenge: string
  /** the OID4VCI offer minted with it, listed under the interaction URL's protocols */
  offerUri?: string
  state: ExchangeState
  failures: number
  expiresAt: Date
  createdAt: Date
  completedAt?: Date
  /** the DID the delivered copy is bound to */
  holderDid?: string
  /** the delivered copy's id */
  deliveredId?: string
}

export function createExchangeStore (db: Db) {
  const col = db.collection<ExchangeRecord>('exchanges')
  const uses = db.collection<{ _id: string; holderDid: string; at: Date }>('exchange_uses')
  return {
    async ensureIndexes (): Promise<void> {
      await col.createIndex({ credentialId: 1 }) // erasure only
    },
    async create (credentialId: string, issuerId: string, offerUri?: string): Promise<ExchangeRecord> {
      const now = new Date()
      const record: ExchangeRecord = {
        _id: randomBytes(16).toString('base64url'),
        credentialId,
        issuerId,
        challenge: randomBytes(32).toString('base64url'),
        ...(offerUri ? { offerUri } : {}),
        state: 'pending',
        failures: 0,
        expiresAt: new Date(now.getTime() + EXCHANGE_TTL_S * 1000),
        createdAt: now
      }
      await col.insertOne(record)
      return record
    },
    /** The exchange, whatever its state (callers tell expired, used and invalid apart); null when unknown. */
    async get (id: string): Promise<ExchangeRecord | null> {
      if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) return null
      return col.findOne({ _id: id })
    },
    async markActive (id: string): Promise<void> {
      await col.updateOne({ _id: id, state: 'pending' }, { $set: { state: 'active' } })
    },
    /** Counts a refused presentation; the cap invalidates the exchange. Returns the new state. */
    async recordFailure (id: string): Promise<ExchangeState> {
      const doc = await col.findOneAndUpdate({ _id: id }, { $inc: { failures: 1 } }, { returnDocument: 'after' })
      if (doc && doc.failures >= EXCHANGE_MAX_FAILURES && doc.state !== 'complete') {
        await col.updateOne({ _id: id, state: { $in: ['pending', 'active'] } }, { $set: { state: 'invalid' } })
        return 'invalid'
      }
      return doc?.state ?? 'invalid'
    },
    /**
     * Takes the exchange for one delivery: the first caller wins, every other (replay, race) gets false. The claim is
     * an insert under the unique `_id` of `exchange_uses`, not a conditional update: FerretDB 1.24 loses concurrent
     * updates of one document (ARCHITECTURE.md "Stores"), so two racing `findOneAndUpdate`s could both win.
     */
    async complete (id: string, holderDid: string, now = new Date()): Promise<boolean> {
      try {
        await uses.insertOne({ _id: id, holderDid, at: now })
      } catch (err) {
        if ((err as { code?: unknown }).code === 11000) return false
        throw err
      }
      await col.updateOne({ _id: id }, { $set: { state: 'complete', holderDid, completedAt: now } })
      return true
    },
    async setDelivered (id: string, deliveredId: string): Promise<void> {
      await col.updateOne({ _id: id }, { $set: { deliveredId } })
    },
    /** Signing failed after the exchange was taken: let the wallet try again. */
    async reopen (id: string): Promise<void> {
      await uses.deleteOne({ _id: id })
      await col.updateOne({ _id: id, state: 'complete' }, { $set: { state: 'active' }, $unset: { holderDid: '', completedAt: '' } })
    },
    async deleteForCredential (credentialId: string): Promise<number> {
      const ids = (await col.find({ credentialId }, { projection: { _id: 1 } }).toArray()).map(d => d._id)
      for (const id of ids) await uses.deleteOne({ _id: id }) // by `_id`: FerretDB scans `$in`
      return (await col.deleteMany({ credentialId })).deletedCount
    }
  }
}

export type ExchangeStore = ReturnType<typeof createExchangeStore>
