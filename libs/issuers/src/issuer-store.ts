import type { Db } from 'mongodb'
import type { StoredKey } from '@obp/signing'

export type DidMethod = 'key' | 'web'

export interface IssuerRecord {
  _id: string // issuerId: the last path segment of the issuer's URL under ISSUER_PUBLIC_URL
  did: string
  didMethod: DidMethod
  /** the OB 3.0 Profile as issued in credentials (its `id` is the DID) */
  profile: Record<string, unknown> & { id: string; name: string }
  activeKeyId: string
  /** VC-API issue signs another system's credentialStatus as given (ARCHITECTURE.md "VC-API issue"); off by default */
  statusPassThrough?: boolean
  /** learner notifications: the default language of messages and the issuer's own short text */
  language?: 'fr' | 'en'
  notificationText?: string
  createdAt: Date
  updatedAt: Date
}

export interface IssuerKeyRecord {
  _id: string // verification method id
  issuerId: string
  key: StoredKey // public parts and the sealed private key, never the clear private key
  createdAt: Date
  retiredAt?: Date
}

/** Issuers and their keys (STYLE.md §5: a factory over its collections, indexes made in one place). */
export function createIssuerStore (db: Db) {
  const issuers = db.collection<IssuerRecord>('issuers')
  const keys = db.collection<IssuerKeyRecord>('issuer_keys')
  return {
    async ensureIndexes (): Promise<void> {
      await issuers.createIndex({ did: 1 }, { unique: true })
      await keys.createIndex({ issuerId: 1, createdAt: 1 })
    },
    async create (issuer: Omit<IssuerRecord, 'createdAt' | 'updatedAt' | 'activeKeyId'>, key: StoredKey): Promise<IssuerRecord> {
      const now = new Date()
      // The key first: an issuer never points at a key that is not stored. An issuer that could not be
      // stored takes its key away with it: no sealed key stays behind without its issuer.
      await keys.insertOne({ _id: key.id, issuerId: issuer._id, key, createdAt: now })
      const record: IssuerRecord = { ...issuer, activeKeyId: key.id, createdAt: now, updatedAt: now }
      try {
        await issuers.insertOne(record)
      } catch (err) {
        await keys.deleteOne({ _id: key.id, issuerId: issuer._id }).catch(() => {})
        throw err
      }
      return record
    },
    /** Undoes `create` (a later step of the creation failed): the issuer and its keys. */
    async remove (issuerId: string): Promise<void> {
      await issuers.deleteOne({ _id: issuerId })
      await keys.deleteMany({ issuerId })
    },
    async get (issuerId: string): Promise<IssuerRecord | null> {
      return issuers.findOne({ _id: issuerId })
    },
    async getByDid (did: string): Promise<IssuerRecord | null> {
      return issuers.findOne({ did })
    },
    async list (filter: { ids?: string[] } = {}): Promise<IssuerRecord[]> {
      return issuers.find(filter.ids ? { _id: { $in: filter.ids } } : {}).sort({ createdAt: 1 }).toArray()
    },
    async updateProfile (issuerId: string, profile: IssuerRecord['profile']): Promise<void> {
      await issuers.updateOne({ _id: issuerId }, { $set: { profile, updatedAt: new Date() } })
    },
    async updateNotificationSettings (issuerId: string, settings: { language?: 'fr' | 'en'; notificationText?: string | null }): Promise<void> {
      const { notificationText, ...rest } = settings
      await issuers.updateOne({ _id: issuerId }, {
        $set: { ...rest, ...(typeof notificationText === 'string' ? { notificationText } : {}), updatedAt: new Date() },
        ...(notificationText === null ? { $unset: { notificationText: '' as const } } : {})
      })
    },
    /** Rotation: the new key signs from now on; the old ones stay listed (DID document) and verify old credentials. */
    async addKey (issuerId: string, key: StoredKey): Promise<void> {
      const now = new Date()
      await keys.insertOne({ _id: key.id, issuerId, key, createdAt: now })
      await keys.updateMany({ issuerId, _id: { $ne: key.id }, retiredAt: { $exists: false } }, { $set: { retiredAt: now } })
      await issuers.updateOne({ _id: issuerId }, { $set: { activeKeyId: key.id, updatedAt: now } })
    },
    async activeKey (issuerId: string): Promise<StoredKey | null> {
      const issuer = await issuers.findOne({ _id: issuerId }, { projection: { activeKeyId: 1 } })
      if (!issuer) return null
      return (await keys.findOne({ _id: issuer.activeKeyId }))?.key ?? null
    },
    async keys (issuerId: string): Promise<StoredKey[]> {
      return (await keys.find({ issuerId }).sort({ createdAt: 1 }).toArray()).map(k => k.key)
    }
  }
}

export type IssuerStore = ReturnType<typeof createIssuerStore>
