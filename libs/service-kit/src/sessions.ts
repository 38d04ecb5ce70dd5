// Console sessions: the second way (after API keys) to resolve a request's principal. A signed-in person acts for
// one issuer at a time with the scopes of their role there, so every service enforces a session exactly like an
// API key of that issuer; a network operator acting for no issuer is the admin. Shared by every service (the
// revocation service accepts the same session through the issuer's proxy), hence here in service-kit.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Db } from 'mongodb'
import type { FastifyRequest } from 'fastify'
import type { Scope } from './api-keys.js'

export const SESSION_COOKIE = 'obp_session'
export const CSRF_HEADER = 'x-csrf-token'
export const ROLES = ['owner', 'issuer', 'viewer'] as const
export type Role = typeof ROLES[number]

/** What each role may do through the API; a viewer only reads (safe methods pass for any member). */
export const ROLE_SCOPES: Record<Role, Scope[]> = { owner: ['issue', 'revoke', 'manage'], issuer: ['issue', 'revoke'], viewer: [] }

export interface SessionRecord {
  _id: string // sha256 of the cookie's token: a database leak gives no usable session
  email: string
  csrf: string
  /** the issuer the person acts for; unset: none chosen (an operator is then the admin) */
  issuerId?: string
  createdAt: Date
  expiresAt: Date // checked on every read (FerretDB has no TTL indexes)
}

export interface MembershipRecord {
  _id: string // `${issuerId}|${email}`: found by _id on every request
  issuerId: string
  email: string
  role: Role
  createdAt: Date
}

export interface UserRecord {
  _id: string // the email, lower-cased
  name?: string
  passwordHash?: string
  operator?: boolean
  failedSignIns?: number
  lockedUntil?: Date
  createdAt: Date
}

export type SessionPrincipal =
  | { kind: 'admin'; session: { email: string } }
  | { kind: 'issuer'; issuerId: string; keyId: string; scopes: Scope[]; session: { email: string; role: Role } }

export const SESSION_TTL_MS = 8 * 3600_000
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex')
export const membershipId = (issuerId: string, email: string): string => `${issuerId}|${email}`

/** The session cookie's value, parsed by hand: one cookie, no dependency on a cookie plugin in every service. */
export function sessionToken (request: FastifyRequest): string | undefined {
  const header = request.headers.cookie
  if (!header) return undefined
  for (const part of header.split(';')) {
    const i = part.indexOf('=')
    if (i > 0 && part.slice(0, i).trim() === SESSION_COOKIE) return part.slice(i + 1).trim() || undefined
  }
  return undefined
}

function sameText (a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest()
  const hb = createHash('sha256').update(b).digest()
  return timingSafeEqual(ha, hb)
}

export function createSessionStore (db: Db) {
  const sessions = db.collection<SessionRecord>('console_sessions')
  const memberships = db.collection<MembershipRecord>('console_memberships')
  const users = db.collection<UserRecord>('console_users')
  return {
    sessions,
    memberships,
    users,
    async create (email: string): Promise<{ token: string; record: SessionRecord }> {
      const token = randomBytes(32).toString('base64url')
      const now = new Date()
      const record: SessionRecord = { _id: sha256(token), email, csrf: randomBytes(24).toString('base64url'), createdAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) }
      await sessions.insertOne(record)
      return { token, record }
    },
    async get (token: string): Promise<SessionRecord | undefined> {
      const record = await sessions.findOne({ _id: sha256(token) })
      if (!record) return undefined
      if (record.expiresAt.getTime() <= Date.now()) {
        await sessions.deleteOne({ _id: record._id })
        return undefined
      }
      return record
    },
    async delete (token: string): Promise<void> { await sessions.deleteOne({ _id: sha256(token) }) },
    async setIssuer (token: string, issuerId: string | undefined): Promise<void> {
      await sessions.updateOne({ _id: sha256(token) }, issuerId ? { $set: { issuerId } } : { $unset: { issuerId: '' } })
    },
    /**
     * The principal of a request carrying a session cookie, or undefined (no cookie, expired, membership gone).
     * A mutating call must carry the session's CSRF token in `x-csrf-token` (synchronizer token: a cross-site
     * form cannot read it), else it is treated as unauthenticated.
     */
    async principal (request: FastifyRequest): Promise<SessionPrincipal | undefined> {
      const token = sessionToken(request)
      if (!token) return undefined
      const session = await this.get(token)
      if (!session) return undefined
      if (!SAFE.has(request.method)) {
        const sent = request.headers[CSRF_HEADER]
        if (typeof sent !== 'string' || !sameText(sent, session.csrf)) return undefined
      }
      if (!session.issuerId) {
        const user = await users.findOne({ _id: session.email })
        return user?.operator ? { kind: 'admin', session: { email: session.email } } : undefined
      }
      const membership = await memberships.findOne({ _id: membershipId(session.issuerId, session.email) })
      if (!membership) return undefined
      return {
        kind: 'issuer',
        issuerId: membership.issuerId,
        keyId: `session:${session.email}`,
        scopes: ROLE_SCOPES[membership.role],
        session: { email: session.email, role: membership.role }
      }
    }
  }
}

export type SessionStore = ReturnType<typeof createSessionStore>

/** A member's session may read what its issuer's keys read, whatever its role's scopes: a viewer reads. */
export const readsAsMember = (request: FastifyRequest): boolean => SAFE.has(request.method)
