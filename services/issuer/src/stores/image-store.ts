import type { Binary, Db } from 'mongodb'

export type ImageType = 'image/png' | 'image/svg+xml'

export interface ImageRecord {
  _id: string
  issuerId: string
  contentType: ImageType
  data: Binary | Buffer
  /** decoded (PNG) or sanitised (SVG) at upload; records without it predate the check and are checked when read */
  checked?: boolean
  createdAt: Date
}

/** Badge images uploaded by issuers, served at `/images/:imageId` and baked into credentials. */
export function createImageStore (db: Db) {
  const col = db.collection<ImageRecord>('images')
  return {
    async ensureIndexes (): Promise<void> {
      await col.createIndex({ issuerId: 1, createdAt: 1 })
    },
    async create (record: Omit<ImageRecord, 'createdAt'>): Promise<void> {
      await col.insertOne({ ...record, createdAt: new Date() })
    },
    async get (id: string): Promise<{ contentType: ImageType; data: Buffer; issuerId: string; checked: boolean } | null> {
      const r = await col.findOne({ _id: id })
      if (!r) return null
      const data = Buffer.isBuffer(r.data) ? r.data : Buffer.from((r.data as Binary).buffer)
      return { contentType: r.contentType, data, issuerId: r.issuerId, checked: r.checked === true }
    }
  }
}

export type ImageStore = ReturnType<typeof createImageStore>
