// Members of an issuer (owners manage them: the API's `manage` scope; the operator's session is the admin),
// invitations and password resets by email, through the same auth as every other API call.
import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { ROLES, type Role } from '@obp/service-kit'
import { actingIssuer, findIssuer } from '../routes/guards.js'
import type { Mailer } from '../mail/mailer.js'
import type { Accounts } from './accounts.js'
import { normalizeEmail } from './accounts.js'
import { invitationLetter, resetLetter } from './mail-text.js'
import { LastOwner, MemberNotFound, TokenInvalid } from './errors.js'
import { Email, Password } from './routes-session.js'
import { setSessionCookie } from './session-guard.js'
import { answer, empty, open, problems } from '@obp/service-kit'

const RoleSchema = Type.Union(ROLES.map(r => Type.Literal(r)))
const Invite = Type.Object({ email: Email, role: RoleSchema }, { additionalProperties: false })
const SetRole = Type.Object({ role: RoleSchema }, { additionalProperties: false })
const Accept = Type.Object({ password: Type.Optional(Password), name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }, { additionalProperties: false })
const ResetRequest = Type.Object({ email: Email }, { additionalProperties: false })
const ResetComplete = Type.Object({ password: Password }, { additionalProperties: false })
const issuerParams = { type: 'object', properties: { issuerId: { type: 'string', minLength: 1 } }, required: ['issuerId'] } as const
const memberParams = { type: 'object', properties: { issuerId: { type: 'string', minLength: 1 }, email: Email }, required: ['issuerId', 'email'] } as const
const tokenParams = { type: 'object', properties: { token: { type: 'string', minLength: 20, maxLength: 100 } }, required: ['token'] } as const

export interface MemberRouteOptions { accounts: Accounts; mailer: Mailer; secureCookie: boolean }

export default async function memberRoutes (app: FastifyInstance, opts: MemberRouteOptions): Promise<void> {
  const { accounts, mailer, secureCookie } = opts
  const ctx = app.issuerContext
  const consoleUrl = `${ctx.config.ISSUER_PUBLIC_URL.replace(/\/+$/, '')}/console/#/`
  const common = { tags: ['members'], security: [{ bearer: [] }] }

  app.get<{ Params: { issuerId: string } }>('/issuers/:issuerId/members', {
    onRequest: app.requireScope('manage'),
    schema: { ...common, params: issuerParams, description: 'The issuer\'s console members with their roles, and pending invitations.', response: { 200: answer('Members and invitations', open('Members', { members: { type: 'array', items: open('A member') }, invitations: { type: 'array', items: open('An invitation') } })) } }
  }, async (request) => {
    const issuer = await actingIssuer(ctx, request, request.params.issuerId)
    const members = (await accounts.membersOf(issuer._id)).map(m => ({ email: m.email, role: m.role, since: m.createdAt }))
    const invitations = (await accounts.pendingInvitations(issuer._id)).map(t => ({ email: t.email, role: t.role, expiresAt: t.expiresAt }))
    return { members, invitations }
  })

  app.post<{ Params: { issuerId: string }; Body: Static<typeof Invite> }>('/issuers/:issuerId/invitations', {
    onRequest: app.requireScope('manage'),
    schema: { ...common, params: issuerParams, body: Invite, description: 'Invites a person by email with a role; the email links the console page where they choose a password (202).', response: { 202: answer('The invitation is being sent', open('Invitation', { email: { type: 'string' }, role: { type: 'string' } })) } }
  }, async (request, reply) => {
    const issuer = await actingIssuer(ctx, request, request.params.issuerId)
    const token = await accounts.issueToken({ kind: 'invitation', email: request.body.email, issuerId: issuer._id, role: request.body.role })
    await mailer.send({ to: normalizeEmail(request.body.email), ...invitationLetter({ issuerName: issuer.profile.name, role: request.body.role, link: consoleUrl + 'invitation/' + token }) })
    return reply.code(202).send({ email: normalizeEmail(request.body.email), role: request.body.role })
  })

  async function keepAnOwner (issuerId: string, email: string, newRole?: Role): Promise<void> {
    const members = await accounts.membersOf(issuerId)
    const target = members.find(m => m.email === normalizeEmail(email))
    if (!target) throw new MemberNotFound(email)
    const owners = members.filter(m => m.role === 'owner')
    if (target.role === 'owner' && newRole !== 'owner' && owners.length === 1) throw new LastOwner()
  }

  app.put<{ Params: { issuerId: string; email: string }; Body: Static<typeof SetRole> }>('/issuers/:issuerId/members/:email', {
    onRequest: app.requireScope('manage'),
    schema: { ...common, params: memberParams, body: SetRole, description: 'Changes a member\'s role (an issuer keeps at least one owner).', response: { 200: answer('The member\'s new role', open('Member', { email: { type: 'string' }, role: { type: 'string' } })), ...problems([409]) } }
  }, async (request) => {
    const issuer = await actingIssuer(ctx, request, request.params.issuerId)
    await keepAnOwner(issuer._id, request.params.email, request.body.role)
    await accounts.setMembership(issuer._id, request.params.email, request.body.role)
    return { email: normalizeEmail(request.params.email), role: request.body.role }
  })

  app.delete<{ Params: { issuerId: string; email: string } }>('/issuers/:issuerId/members/:email', {
    onRequest: app.requireScope('manage'),
    schema: { ...common, params: memberParams, description: 'Removes a member: their sessions lose this issuer at once (204).', response: { 204: empty('Removed'), ...problems([409]) } }
  }, async (request, reply) => {
    const issuer = await actingIssuer(ctx, request, request.params.issuerId)
    await keepAnOwner(issuer._id, request.params.email)
    await accounts.removeMembership(issuer._id, request.params.email)
    return reply.code(204).send()
  })

  app.get<{ Params: { token: string } }>('/console/api/invitations/:token', {
    schema: { tags: ['console'], params: tokenParams, description: 'What an invitation link is for (never changes state: mail scanners prefetch links).', response: { 200: answer('The invitation', open('Invitation', { email: { type: 'string' }, role: { type: 'string' }, issuerName: {}, hasAccount: { type: 'boolean' } })) } }
  }, async (request) => {
    const invitation = await accounts.peekToken(request.params.token, 'invitation')
    if (!invitation?.issuerId) throw new TokenInvalid()
    const issuer = await findIssuer(ctx, invitation.issuerId)
    const user = await accounts.getUser(invitation.email)
    return { email: invitation.email, role: invitation.role, issuerName: issuer.profile.name, hasAccount: Boolean(user?.passwordHash) }
  })

  app.post<{ Params: { token: string }; Body: Static<typeof Accept> }>('/console/api/invitations/:token', {
    config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: { tags: ['console'], params: tokenParams, body: Accept, description: 'Accepts an invitation: a new person sets their password; then signed in, acting for the issuer.', response: { 200: answer('The membership now held (the session cookie is set)', open('Membership', { email: { type: 'string' }, issuerId: { type: 'string' }, role: { type: 'string' } })) } }
  }, async (request, reply) => {
    const pending = await accounts.peekToken(request.params.token, 'invitation')
    if (!pending) throw new TokenInvalid()
    const user = await accounts.getUser(pending.email)
    const needsPassword = !user?.passwordHash
    if (needsPassword && !request.body.password) throw new TokenInvalid()
    const invitation = await accounts.useToken(request.params.token, 'invitation')
    if (!invitation?.issuerId || !invitation.role) throw new TokenInvalid()
    await accounts.upsertUser(invitation.email, { ...(needsPassword ? { password: request.body.password } : {}), name: request.body.name })
    await accounts.setMembership(invitation.issuerId, invitation.email, invitation.role)
    const { token } = await app.consoleSessions.create(invitation.email)
    await app.consoleSessions.setIssuer(token, invitation.issuerId)
    setSessionCookie(reply, token, secureCookie)
    return { email: invitation.email, issuerId: invitation.issuerId, role: invitation.role }
  })

  app.post<{ Body: Static<typeof ResetRequest> }>('/console/api/password-reset', {
    config: { rateLimit: { max: 5, timeWindow: '1 minute' } },
    schema: { tags: ['console'], body: ResetRequest, description: 'Emails a password-reset link when the account exists; answers 202 either way (no account discovery).', response: { 202: answer('Accepted, whether or not the account exists', open('Nothing', {})) } }
  }, async (request, reply) => {
    const user = await accounts.getUser(request.body.email)
    if (user?.passwordHash) {
      const token = await accounts.issueToken({ kind: 'reset', email: user._id })
      await mailer.send({ to: user._id, ...resetLetter({ link: consoleUrl + 'reset/' + token }) })
    }
    return reply.code(202).send({})
  })

  app.post<{ Params: { token: string }; Body: Static<typeof ResetComplete> }>('/console/api/password-reset/:token', {
    config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: { tags: ['console'], params: tokenParams, body: ResetComplete, description: 'Sets a new password from a reset link (204); the person then signs in.', response: { 204: empty('The password is set') } }
  }, async (request, reply) => {
    const reset = await accounts.useToken(request.params.token, 'reset')
    if (!reset) throw new TokenInvalid()
    await accounts.upsertUser(reset.email, { password: request.body.password })
    await app.consoleSessions.users.updateOne({ _id: reset.email }, { $set: { failedSignIns: 0 }, $unset: { lockedUntil: '' } })
    return reply.code(204).send()
  })
}
