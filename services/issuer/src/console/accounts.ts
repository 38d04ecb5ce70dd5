// People of the console: users (argon2id password hashes, sign-in lockout), memberships with a role per issuer,
// and single-use emailed tokens (invitations, password resets). Sessions live in service-kit (every service
// resolves them); this module owns writing users and memberships.
import { randomBytes } from 'node:crypto'
import type { Db } from 'mongodb'
import { hash, verify } from '@node-rs/argon2'
import { DUPLICATE_KEY } from '@obp/service-kit/store'
import { membershipId, sha256, type MembershipRecord, type Role, type SessionStore, type UserRecord } from '@obp/service-kit'

export const MAX_FAILED_SIGN_INS = 5
export const LOCKOUT_MS = 15 * 60_000
const TOKEN_TTL_MS = { invitation: 7 * 24 * 3600_000, reset: 3600_000 } as const

export interface TokenRecord {
  _id: string // sha256 of the emailed token
  kind: 'invitation' | 'reset'
  email: string
  issuerId?: string
  role?: Role
  createdAt: Date
  expiresAt: Date
  usedAt?: Date
}

export const normalizeEmail = (email: string): string => email.trim().toLowerCase()

// Compared against when the account does not exist, so a sign-in takes as long either way.
const DUMMY = hash('not a password: equalizes timing', { algorithm: 2 })

export function createAccounts (db: Db, sessions: SessionStore) {
  const { users, memberships } = sessions
  const tokens = db.collection<TokenRecord>('console_tokens')
  return {
    async ensureIndexes (): Promise<void> {
      await memberships.createIndex({ email: 1 })
      await memberships.createIndex({ issuerId: 1 })
    },
    hashPassword: (password: string) => hash(password, { algorithm: 2 }), // 2 = argon2id
    async getUser (email: string): Promise<UserRecord | null> { return users.findOne({ _id: normalizeEmail(email) }) },
    /** Creates the user when missing; sets the password when given. */
    async upsertUser (email: string, fields: { password?: string; name?: string; operator?: boolean }): Promise<void> {
      const set: Partial<UserRecord> = {}
      if (fields.password !== undefined) set.passwordHash = await this.hashPassword(fields.password)
      if (fields.name) set.name = fields.name
      if (fields.operator) set.operator = true
      await users.updateOne({ _id: normalizeEmail(email) }, { $set: set, $setOnInsert: { createdAt: new Date() } }, { upsert: true })
    },
    /** Inserts the user; false when it exists already (another process won the race). */
    async claimUser (email: string, fields: Pick<UserRecord, 'operator' | 'name'>): Promise<boolean> {
      try {
        await users.insertOne({ _id: normalizeEmail(email), ...fields, createdAt: new Date() })
        return true
      } catch (err) {
        if ((err as { code?: number }).code === DUPLICATE_KEY) return false
        throw err
      }
    },
    /**
     * 'ok', 'bad' or the lockout's end. Counting failures per account (on top of the per-address rate limit)
     * stops a slow guess spread over many addresses; FerretDB may lose a concurrent increment, which only
     * delays the lockout by one attempt.
     */
    async checkPassword (email: string, password: string): Promise<'ok' | 'bad' | Date> {
      const user = await this.getUser(email)
      if (user?.lockedUntil && user.lockedUntil.getTime() > Date.now()) return user.lockedUntil
      const good = await verify(user?.passwordHash ?? await DUMMY, password)
      if (!user || !user.passwordHash) return 'bad'
      if (good) {
        if (user.failedSignIns) await users.updateOne({ _id: user._id }, { $set: { failedSignIns: 0 }, $unset: { lockedUntil: '' } })
        return 'ok'
      }
      const failed = (user.failedSignIns ?? 0) + 1
      const lock = failed >= MAX_FAILED_SIGN_INS ? { lockedUntil: new Date(Date.now() + LOCKOUT_MS), failedSignIns: 0 } : { failedSignIns: failed }
      await users.updateOne({ _id: user._id }, { $set: lock })
      return lock.lockedUntil ?? 'bad'
    },
    async membershipsOf (email: string): Promise<MembershipRecord[]> { return memberships.find({ email: normalizeEmail(email) }).toArray() },
    async membersOf (issuerId: string): Promise<MembershipRecord[]> { return memberships.find({ issuerId }).sort({ createdAt: 1 }).toArray() },
    async membership (issuerId: string, email: string): Promise<MembershipRecord | null> { return memberships.findOne({ _id: membershipId(issuerId, normalizeEmail(email)) }) },
    async setMembership (issuerId: string, email: string, role: Role): Promise<void> {
      const e = normalizeEmail(email)
      await memberships.updateOne({ _id: membershipId(issuerId, e) }, { $set: { role }, $setOnInsert: { issuerId, email: e, createdAt: new Date() } }, { upsert: true })
    },
    async removeMembership (issuerId: string, email: string): Promise<boolean> {
      return (await memberships.deleteOne({ _id: membershipId(issuerId, normalizeEmail(email)) })).deletedCount === 1
    },
    /** A single-use token to email; only its hash is stored. */
    async issueToken (fields: Pick<TokenRecord, 'kind' | 'email' | 'issuerId' | 'role'>): Promise<string> {
      const token = randomBytes(32).toString('base64url')
      const now = new Date()
      await tokens.insertOne({ ...fields, email: normalizeEmail(fields.email), _id: sha256(token), createdAt: now, expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[fields.kind]) })
      return token
    },
    async peekToken (token: string, kind: TokenRecord['kind']): Promise<TokenRecord | undefined> {
      const record = await tokens.findOne({ _id: sha256(token) })
      if (!record || record.kind !== kind || record.usedAt || record.expiresAt.getTime() <= Date.now()) return undefined
      return record
    },
    /** Marks the token used; only the first of two concurrent uses gets the record. */
    async useToken (token: string, kind: TokenRecord['kind']): Promise<TokenRecord | undefined> {
      const record = await this.peekToken(token, kind)
      if (!record) return undefined
      const r = await tokens.updateOne({ _id: record._id, usedAt: { $exists: false } }, { $set: { usedAt: new Date() } })
      return r.modifiedCount === 1 ? record : undefined
    },
    async pendingInvitations (issuerId: string): Promise<TokenRecord[]> {
      const now = Date.now()
      return (await tokens.find({ issuerId, kind: 'invitation' }).sort({ createdAt: 1 }).toArray()).filter(t => !t.usedAt && t.expiresAt.getTime() > now)
    }
  }
}

export type Accounts = ReturnType<typeof createAccounts>
