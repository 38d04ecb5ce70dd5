// The console's own routes (session, choosing an issuer, sign-out) read the raw session; everything else goes
// through the API's ordinary auth (service-kit requireScope/requireAdmin), which resolves the same session.
import { timingSafeEqual, createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { CSRF_HEADER, SESSION_COOKIE, SESSION_TTL_MS, sessionToken, type SessionRecord } from '@obp/service-kit'
import { CsrfMismatch, NoSession } from './errors.js'

export interface SignedIn { token: string; session: SessionRecord }

const digest = (s: string) => createHash('sha256').update(s).digest()

export async function requireSession (app: FastifyInstance, request: FastifyRequest): Promise<SignedIn> {
  const token = sessionToken(request)
  const session = token ? await app.consoleSessions.get(token) : undefined
  if (!token || !session) throw new NoSession()
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const sent = request.headers[CSRF_HEADER]
    if (typeof sent !== 'string' || !timingSafeEqual(digest(sent), digest(session.csrf))) throw new CsrfMismatch()
  }
  return { token, session }
}

/**
 * HttpOnly (never readable by script), SameSite=Strict (never sent by another site's request), Secure when the
 * public URL is https, Path=/ so the API and the /revocation/ proxy see it.
 */
export function setSessionCookie (reply: FastifyReply, token: string, secure: boolean): void {
  const attrs = [`${SESSION_COOKIE}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${SESSION_TTL_MS / 1000}`]
  if (secure) attrs.push('Secure')
  reply.header('set-cookie', attrs.join('; '))
}

export function clearSessionCookie (reply: FastifyReply, secure: boolean): void {
  reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`)
}
