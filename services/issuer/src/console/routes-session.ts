// The console's sign-in, session and sign-out (under /console/api/). Rate-limited sign-in per address plus a
// lockout per account (accounts.ts).
import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { Accounts } from './accounts.js'
import { normalizeEmail } from './accounts.js'
import { AccountLocked, BadCredentials, NotAMemberOf } from './errors.js'
import { clearSessionCookie, requireSession, setSessionCookie } from './session-guard.js'
import { answer, empty, open, pickLanguage, problems } from '@obp/service-kit'

const SessionShape = open('A console session', { email: { type: 'string' }, name: {}, operator: { type: 'boolean' }, memberships: { type: 'array', items: open('A membership', { issuerId: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } }) }, issuerId: {}, role: {}, csrfToken: { type: 'string' } })

export const Email = Type.String({ minLength: 3, maxLength: 320, pattern: '^[^@\\s]+@[^@\\s]+$' })
export const Password = Type.String({ minLength: 12, maxLength: 200 })
const SignIn = Type.Object({ email: Email, password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false })
const ChooseIssuer = Type.Object({ issuerId: Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()]) }, { additionalProperties: false })

export interface SessionRouteOptions { accounts: Accounts; secureCookie: boolean }

export default async function sessionRoutes (app: FastifyInstance, opts: SessionRouteOptions): Promise<void> {
  const { accounts, secureCookie } = opts
  const ctx = app.issuerContext
  const tags = ['console']

  /** What the signed-in person sees of themselves: memberships with issuer names, the acting issuer, the CSRF token. */
  async function describe (email: string, issuerId: string | undefined, csrf: string) {
    const user = await accounts.getUser(email)
    const memberships = await Promise.all((await accounts.membershipsOf(email)).map(async m => {
      const issuer = await ctx.issuers.get(m.issuerId)
      return { issuerId: m.issuerId, role: m.role, name: issuer?.profile.name ?? m.issuerId }
    }))
    const acting = memberships.find(m => m.issuerId === issuerId)
    return { email, name: user?.name, operator: user?.operator === true, memberships, issuerId: acting?.issuerId ?? null, role: acting?.role ?? null, csrfToken: csrf }
  }

  app.get('/console/api/config', { schema: { tags, description: 'The language negotiated from Accept-Language (en or fr).', response: { 200: answer('The console\'s settings', open('Console config', { language: { type: 'string', enum: ['en', 'fr'] } })) } } },
    async (request) => ({ lang: pickLanguage(undefined, request.headers['accept-language']) }))

  app.post<{ Body: Static<typeof SignIn> }>('/console/api/sign-in', {
    config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: { tags, body: SignIn, description: 'Signs in with email and password; sets the HttpOnly session cookie. Five failures lock the account for 15 minutes.', response: { 200: answer('The signed-in person, their memberships and the CSRF token', SessionShape), ...problems([401, 429], { 401: 'Wrong email or password (OBP_CONSOLE_BAD_CREDENTIALS)', 429: 'Locked after five failures (OBP_CONSOLE_LOCKED), or too many attempts' }) } }
  }, async (request, reply) => {
    const email = normalizeEmail(request.body.email)
    const outcome = await accounts.checkPassword(email, request.body.password)
    if (outcome instanceof Date) throw new AccountLocked(Math.ceil((outcome.getTime() - Date.now()) / 60_000))
    if (outcome !== 'ok') throw new BadCredentials()
    const { token, record } = await app.consoleSessions.create(email)
    // a member of issuers (and not the operator) starts acting for the first one
    const user = await accounts.getUser(email)
    const first = user?.operator ? undefined : (await accounts.membershipsOf(email))[0]?.issuerId
    if (first) await app.consoleSessions.setIssuer(token, first)
    setSessionCookie(reply, token, secureCookie)
    return describe(email, first, record.csrf)
  })

  app.get('/console/api/session', { schema: { tags, description: 'The signed-in person, their memberships and the CSRF token for mutating calls (401 when signed out).', response: { 200: answer('The signed-in person, their memberships and the CSRF token', SessionShape), ...problems([401], { 401: 'Signed out' }) } } },
    async (request) => {
      const { session } = await requireSession(app, request)
      return describe(session.email, session.issuerId, session.csrf)
    })

  app.post<{ Body: Static<typeof ChooseIssuer> }>('/console/api/session/issuer', {
    schema: { tags, body: ChooseIssuer, description: 'Chooses the issuer the session acts for (a membership); null: none (the operator is then the admin).', response: { 200: answer('The signed-in person, their memberships and the CSRF token', SessionShape), ...problems([401, 403, 404], { 401: 'Signed out', 403: 'A missing or wrong CSRF token', 404: 'Not a member of that issuer' }) } }
  }, async (request) => {
    const { token, session } = await requireSession(app, request)
    const issuerId = request.body.issuerId ?? undefined
    if (issuerId && !await accounts.membership(issuerId, session.email)) throw new NotAMemberOf(issuerId)
    await app.consoleSessions.setIssuer(token, issuerId)
    return describe(session.email, issuerId, session.csrf)
  })

  app.post('/console/api/sign-out', { schema: { tags, description: 'Ends the session (204).', response: { 204: empty('Signed out'), ...problems([403], { 403: 'A missing or wrong CSRF token' }) } } }, async (request, reply) => {
    const { token } = await requireSession(app, request)
    await app.consoleSessions.delete(token)
    clearSessionCookie(reply, secureCookie)
    return reply.code(204).send()
  })
}
