// `deliveries`: one document per notified credential (`_id` = credential id). The sealed address lives here only
// while a message is to be sent (removed once it is); the keyed hash stays for look-ups (erasure, re-send checks).
// Single-document writes keyed by `_id` (FerretDB: no transactions); `seq` orders re-sends so a late retry of an
// older job never sends again.
import type { Db } from 'mongodb'
import type { Language } from '../i18n/index.js'
import type { SealedAddress } from './address-seal.js'
import { insertAll } from '@obp/service-kit/store'

export type DeliveryState = 'queued' | 'sent' | 'failed'

export interface DeliveryRecord {
  _id: string // credential id
  issuerId: string
  addressKey: string
  /** present while a message waits to be sent */
  address?: SealedAddress
  language?: Language
  /** the award's own short text, when it overrides the issuer's */
  text?: string
  state: DeliveryState
  /** the message number this record is about (1 = the first notification, then one per re-send) */
  seq: number
  /** the last message number sent */
  sentSeq?: number
  attempts: number
  sentAt?: Date
  lastError?: string
  createdAt: Date
  updatedAt: Date
}

export function createDeliveryStore (db: Db) {
  const col = db.collection<DeliveryRecord>('deliveries')
  return {
    async ensureIndexes (): Promise<void> {
      await col.createIndex({ addressKey: 1 })
      await col.createIndex({ issuerId: 1, createdAt: 1 })
    },
    /** First notifications; an existing `_id` is a repeated step and stays as it is. */
    async insertMany (docs: Array<Omit<DeliveryRecord, 'createdAt' | 'updatedAt' | 'attempts' | 'state' | 'seq'>>): Promise<void> {
      const now = new Date()
      await insertAll(col, docs.map(d => ({ ...d, state: 'queued' as const, seq: 1, attempts: 0, createdAt: now, updatedAt: now })))
    },
    async get (credentialId: string): Promise<DeliveryRecord | null> {
      return col.findOne({ _id: credentialId })
    },
    /** A re-send: the address again, the next message number. Returns that number. */
    async requeue (credentialId: string, fields: { issuerId: string; addressKey: string; address: SealedAddress; language?: Language; text?: string }): Promise<number> {
      const now = new Date()
      const doc = await col.findOneAndUpdate({ _id: credentialId },
        { $set: { ...fields, state: 'queued', attempts: 0, updatedAt: now }, $inc: { seq: 1 }, $setOnInsert: { createdAt: now }, $unset: { lastError: '' } },
        { upsert: true, returnDocument: 'after' })
      return doc?.seq ?? 1
    },
    async markSent (credentialId: string, seq: number): Promise<void> {
      const now = new Date()
      // the address goes once it has served, unless a newer re-send is waiting for it
      await col.updateOne({ _id: credentialId, seq }, { $set: { state: 'sent', sentSeq: seq, sentAt: now, updatedAt: now }, $unset: { address: '', lastError: '' } })
      await col.updateOne({ _id: credentialId, seq: { $ne: seq } }, { $set: { sentSeq: seq, sentAt: now, updatedAt: now } })
    },
    async markAttempt (credentialId: string, seq: number, error: string, final: boolean): Promise<void> {
      await col.updateOne({ _id: credentialId, seq }, {
        $set: { lastError: error, updatedAt: new Date(), ...(final ? { state: 'failed' as const } : {}) },
        $inc: { attempts: 1 },
        ...(final ? { $unset: { address: '' as const } } : {})
      })
    },
    /** Erasure: every delivery of an address (keyed hash) of one issuer; returns their credential ids. */
    async byAddress (issuerId: string, addressKey: string): Promise<string[]> {
      return (await col.find({ addressKey, issuerId }, { projection: { _id: 1 } }).toArray()).map(d => d._id)
    },
    async delete (credentialId: string): Promise<void> {
      await col.deleteOne({ _id: credentialId })
    }
  }
}

export type DeliveryStore = ReturnType<typeof createDeliveryStore>
