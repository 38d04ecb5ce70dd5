import fp from 'fastify-plugin'
import { timingSafeEqual, createHash } from 'node:crypto'
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify'
import { createApiKeyStore, type ApiKeyStore, type Scope } from './api-keys.js'
import { Forbidden, NotFound, Unauthorized } from './errors.js'
import { createSessionStore, readsAsMember, type Role, type SessionStore } from './sessions.js'

/** `session` is set when a console session (not a token) authenticated the request. */
export type Principal =
  | { kind: 'admin'; session?: { email: string } }
  | { kind: 'issuer'; issuerId: string; keyId: string; scopes: Scope[]; session?: { email: string; role: Role } }

declare module 'fastify' {
  interface FastifyRequest { principal?: Principal }
  interface FastifyInstance {
    apiKeys: ApiKeyStore
    consoleSessions: SessionStore
    /** onRequest hook: the admin token */
    requireAdmin: onRequestAsyncHookHandler
    /** onRequest hook: an issuer API key with this scope, or with any of these scopes (the admin token passes too) */
    requireScope: (scope: Scope | Scope[]) => onRequestAsyncHookHandler
  }
}

function bearer (request: FastifyRequest): string | undefined {
  const h = request.headers.authorization
  if (!h) return undefined
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h)
  return m?.[1]
}

function sameSecret (a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest()
  const hb = createHash('sha256').update(b).digest()
  return timingSafeEqual(ha, hb)
}

/**
 * The issuer a request may act for. A key of another issuer gets a 404, never a hint that the resource
 * exists (CONTRACT.md "Auth").
 */
/**
 * The request acts for `issuerId` (the admin token for any). Another issuer's object must answer exactly like a
 * missing one, so pass `missing`: the error the route gives for an object that does not exist.
 */
export function assertIssuer (request: FastifyRequest, issuerId: string, missing: string | (() => Error) = 'Issuer'): void {
  const p = request.principal
  if (!p) throw new Unauthorized()
  if (p.kind === 'issuer' && p.issuerId !== issuerId) throw typeof missing === 'function' ? missing() : new NotFound(missing)
}

const authHooks = new WeakSet<object>()
/** True for the hooks made by requireAdmin / requireScope (tests check every route that has one). */
export function isAuthHook (fn: unknown): boolean {
  return typeof fn === 'function' && authHooks.has(fn)
}
const mark = <F extends object>(fn: F): F => { authHooks.add(fn); return fn }

/**
 * Authentication runs in `onRequest`, before the body is read or parsed: a stranger's request costs a header
 * check and one `_id` lookup, never the parsing of its body (every authenticated route declares
 * `onRequest: app.requireAdmin | app.requireScope(...)`). `authenticate` is the one place that turns a request
 * into a principal; another way to sign in (a session cookie) is one more branch there.
 */
async function authPlugin (app: FastifyInstance, opts: { adminToken: string; apiKeyCacheMs?: number }): Promise<void> {
  app.decorate('apiKeys', createApiKeyStore(app.mongo.db, { cacheMs: opts.apiKeyCacheMs }))
  app.decorate('consoleSessions', createSessionStore(app.mongo.db))
  app.decorateRequest('principal', undefined)

  async function authenticate (request: FastifyRequest): Promise<Principal> {
    const token = bearer(request)
    if (!token) {
      // the console's session cookie resolves to the same kinds of principal as a token (sessions.ts)
      const session = await app.consoleSessions.principal(request)
      if (!session) throw new Unauthorized()
      return session
    }
    if (sameSecret(token, opts.adminToken)) return { kind: 'admin' }
    const key = await app.apiKeys.verify(token)
    if (!key) throw new Unauthorized()
    return { kind: 'issuer', issuerId: key.issuerId, keyId: key.id, scopes: key.scopes }
  }

  const requireAdmin: onRequestAsyncHookHandler = mark(async function (request: FastifyRequest) {
    const p = await authenticate(request)
    if (p.kind !== 'admin') throw new Forbidden('admin token required')
    request.principal = p
  })
  app.decorate('requireAdmin', requireAdmin)
  app.decorate('requireScope', (scope: Scope | Scope[]) => mark(async function (request: FastifyRequest) {
    const p = await authenticate(request)
    const any = Array.isArray(scope) ? scope : [scope]
    if (p.kind === 'issuer' && !any.some(s => p.scopes.includes(s)) && !(p.session && readsAsMember(request))) throw new Forbidden(`scope ${any.map(s => `"${s}"`).join(' or ')} required`)
    request.principal = p
  }))
}

export default fp(authPlugin, { name: 'obp-auth', dependencies: ['obp-mongo'] })
