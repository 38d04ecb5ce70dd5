import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import type { Db } from 'mongodb'

export const SCOPES = ['issue', 'revoke', 'manage'] as const
export type Scope = typeof SCOPES[number]

export interface ApiKeyRecord {
  _id: string // key id, public
  issuerId: string
  scopes: Scope[]
  name?: string
  hash: string // sha256 of the secret: tokens are 256-bit random, so a fast hash is enough
  createdAt: Date
  revokedAt?: Date
}

export type ApiKeyView = Omit<ApiKeyRecord, '_id' | 'hash'> & { id: string }

const TOKEN = /^obp_([0-9a-f-]{36})_([A-Za-z0-9_-]{43})$/

function sha256 (s: string): string { return createHash('sha256').update(s).digest('hex') }

function view (r: ApiKeyRecord): ApiKeyView {
  const { _id, hash: _hash, ...rest } = r
  return { id: _id, ...rest }
}

const CACHED_KEYS = 10_000

/**
 * API keys of issuers, stored hashed (shown once at creation). Shared by every service that authenticates.
 * `cacheMs`: how long a valid, unrevoked key read from the store is reused (the secret is checked against its hash
 * on every request; unknown and revoked keys are never kept; revoking here drops it at once).
 */
export function createApiKeyStore (db: Db, opts: { cacheMs?: number } = {}) {
  const keys = db.collection<ApiKeyRecord>('api_keys')
  const cacheMs = opts.cacheMs ?? 0
  const cached = new Map<string, { record: ApiKeyRecord; until: number }>()
  async function read (id: string): Promise<ApiKeyRecord | null> {
    const hit = cached.get(id)
    if (hit !== undefined && hit.until > Date.now()) return hit.record
    cached.delete(id)
    const record = await keys.findOne({ _id: id })
    if (record && !record.revokedAt && cacheMs > 0) {
      if (cached.size >= CACHED_KEYS) cached.delete(cached.keys().next().value as string)
      cached.set(id, { record, until: Date.now() + cacheMs })
    }
    return record
  }
  return {
    async ensureIndexes (): Promise<void> {
      await keys.createIndex({ issuerId: 1, createdAt: 1 })
    },
    /** Returns the token, the only time it is ever visible. */
    async create (issuerId: string, scopes: Scope[], name?: string): Promise<{ token: string; key: ApiKeyView }> {
      const id = randomUUID()
      const secret = randomBytes(32).toString('base64url')
      const record: ApiKeyRecord = { _id: id, issuerId, scopes: [...new Set(scopes)], hash: sha256(secret), createdAt: new Date(), ...(name ? { name } : {}) }
      await keys.insertOne(record)
      return { token: `obp_${id}_${secret}`, key: view(record) }
    },
    async verify (token: string): Promise<ApiKeyView | undefined> {
      const m = TOKEN.exec(token)
      if (!m) return undefined
      const record = await read(m[1])
      if (!record || record.revokedAt) return undefined
      const a = Buffer.from(record.hash, 'hex')
      const b = Buffer.from(sha256(m[2]), 'hex')
      return a.length === b.length && timingSafeEqual(a, b) ? view(record) : undefined
    },
    async list (issuerId: string): Promise<ApiKeyView[]> {
      return (await keys.find({ issuerId }).sort({ createdAt: 1 }).toArray()).map(view)
    },
    async revoke (issuerId: string, keyId: string): Promise<boolean> {
      cached.delete(keyId)
      const r = await keys.updateOne({ _id: keyId, issuerId, revokedAt: { $exists: false } }, { $set: { revokedAt: new Date() } })
      return r.matchedCount === 1
    }
  }
}

export type ApiKeyStore = ReturnType<typeof createApiKeyStore>
