// The issuer's side of learner delivery (issue 17): notification settings, a credential's delivery state, re-sending
// the claim link, and the erasure of a recipient's personal data. Tenant-scoped: another issuer's credential
// answers like a missing one.
import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { matchesIdentity, type IdentityObject } from '@obp/ob3'
import type { IssuerContext } from '../context.js'
import { credentialUrl, lastSegment } from '../ids.js'
import { CredentialNotFound, RecipientMismatch } from '../errors.js'
import { newClaimLink } from '../delivery/claim-links.js'
import { resendNotification } from '../delivery/resend.js'
import { actingIssuer, issuerParams } from './guards.js'
import { createExchangeStore } from '../exchanges/exchange-store.js'
import { answer, open, problems } from '@obp/service-kit'

export const notificationSettings = Type.Object({
  language: Type.Optional(Type.Union([Type.Literal('fr'), Type.Literal('en')], { description: 'default language of learner messages' })),
  notificationText: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S', description: 'the issuer\'s own short text in learner messages' }))
}, { additionalProperties: false })

/** PUT body: as at creation, and `notificationText: null` removes the issuer's own text. */
const settingsUpdate = Type.Object({
  language: notificationSettings.properties.language,
  notificationText: Type.Optional(Type.Union([notificationSettings.properties.notificationText, Type.Null()]))
}, { additionalProperties: false })

const Resend = Type.Object({
  email: Type.Optional(Type.String({ format: 'email', maxLength: 320, description: 'send the new link to this address (it must be the credential\'s recipient)' })),
  language: Type.Optional(Type.Union([Type.Literal('fr'), Type.Literal('en')]))
}, { additionalProperties: false })

const Erase = Type.Object({ email: Type.String({ format: 'email', maxLength: 320 }) }, { additionalProperties: false })

const credentialParams = {
  type: 'object',
  properties: { issuerId: { type: 'string', minLength: 1, maxLength: 2048 }, credentialId: { type: 'string', minLength: 1, maxLength: 4096 } },
  required: ['issuerId', 'credentialId']
} as const

/** The issuer's credential a path names, or the same 404 as a missing one. */
async function ownCredential (ctx: IssuerContext, issuerId: string, ref: string) {
  const id = ref.includes('/') ? ref : credentialUrl(ctx.config.ISSUER_PUBLIC_URL, lastSegment(ref))
  const record = await ctx.credentials.get(id)
  if (!record || record.issuerId !== issuerId) throw new CredentialNotFound(ref)
  return record
}

const SETTINGS = open('Notification settings', { language: { type: 'string', enum: ['fr', 'en'] }, notificationText: { type: 'string' } })

export default async function deliveryRoutes (app: FastifyInstance): Promise<void> {
  const ctx = app.issuerContext

  const settingsOf = (issuer: { language?: 'fr' | 'en'; notificationText?: string } | null | undefined) =>
    ({ language: issuer?.language ?? 'fr', ...(issuer?.notificationText ? { notificationText: issuer.notificationText } : {}) })

  app.get<{ Params: { issuerId: string } }>('/issuers/:issuerId/notification-settings', {
    onRequest: app.requireScope('manage'),
    schema: { tags: ['delivery'], security: [{ bearer: [] }], params: issuerParams, description: 'The default language and the issuer\'s own short text of learner notifications: {language, notificationText?}.', response: { 200: answer('The settings in force', SETTINGS) } }
  }, async (request) => settingsOf(await actingIssuer(ctx, request, request.params.issuerId)))

  app.put<{ Params: { issuerId: string }; Body: Static<typeof settingsUpdate> }>('/issuers/:issuerId/notification-settings', {
    onRequest: app.requireScope('manage'),
    schema: { tags: ['delivery'], security: [{ bearer: [] }], params: issuerParams, body: settingsUpdate, description: 'Sets the default language and the issuer\'s own short text of learner notifications (`notificationText: null` removes the text).', response: { 200: answer('The settings now in force', SETTINGS) } }
  }, async (request) => {
    const issuer = await actingIssuer(ctx, request, request.params.issuerId)
    await ctx.issuers.updateNotificationSettings(issuer._id, request.body)
    return settingsOf(await ctx.issuers.get(issuer._id))
  })

  app.get<{ Params: { issuerId: string; credentialId: string } }>('/issuers/:issuerId/credentials/:credentialId/delivery', {
    onRequest: app.requireScope('issue'),
    schema: {
      tags: ['delivery'], security: [{ bearer: [] }], params: credentialParams,
      description: 'The learner notification of a credential: {state: none | queued | sent | failed, attempts, messages, sentAt?, lastError?}. ' +
        '`messages` counts the messages sent (the first and each re-send).',
      response: { 200: answer('The notification\'s state', open('Delivery', { credentialId: { type: 'string' }, state: { type: 'string', enum: ['none', 'queued', 'sent', 'failed'] }, attempts: { type: 'integer' }, messages: { type: 'integer' }, sentAt: {}, lastError: {} })) }
    }
  }, async (request) => {
    const issuer = await actingIssuer(ctx, request, request.params.issuerId)
    const record = await ownCredential(ctx, issuer._id, request.params.credentialId)
    const d = await ctx.deliveries.get(record._id)
    if (!d) return { credentialId: record._id, state: 'none', attempts: 0, messages: 0 }
    return {
      credentialId: record._id, state: d.state, attempts: d.attempts, messages: d.sentSeq ?? 0,
      ...(d.sentAt ? { sentAt: d.sentAt.toISOString() } : {}), ...(d.lastError ? { lastError: d.lastError } : {})
    }
  })

  app.post<{ Params: { issuerId: string; credentialId: string }; Body: Static<typeof Resend> }>('/issuers/:issuerId/credentials/:credentialId/claim', {
    onRequest: app.requireScope('issue'),
    schema: {
      tags: ['delivery'], security: [{ bearer: [] }], params: credentialParams, body: Resend,
      description: 'A new claim link for a credential (earlier links keep working until they expire). With `email` (which must match the ' +
        'credential\'s hashed recipient: 422 OBP_ISSUER_RECIPIENT_MISMATCH otherwise) the learner is sent a new message and the answer is ' +
        '202 {state: "queued"}; the address was deleted after the first message, so it is given again. Without `email`: 201 {claimUrl, ' +
        'expiresAt}, for the SIS to hand over itself.',
      response: {
        201: answer('A new claim link', open('Claim link', { claimUrl: { type: 'string' }, expiresAt: { type: 'string' } })),
        202: answer('The learner is sent a new message', open('Queued', { credentialId: { type: 'string' }, state: { type: 'string' } })),
        ...problems([422], { 422: 'The email is not the credential\'s recipient (OBP_ISSUER_RECIPIENT_MISMATCH)' })
      }
    }
  }, async (request, reply) => {
    const issuer = await actingIssuer(ctx, request, request.params.issuerId)
    const record = await ownCredential(ctx, issuer._id, request.params.credentialId)
    const { email, language } = request.body ?? {}
    if (email === undefined) {
      const link = await newClaimLink(ctx, record._id, issuer._id)
      return reply.code(201).send({ claimUrl: link.url, expiresAt: link.expiresAt.toISOString() })
    }
    const identifier = (record.credential as any).credentialSubject?.identifier
    const identities: IdentityObject[] = Array.isArray(identifier) ? identifier : identifier ? [identifier] : []
    if (!identities.some(i => i.identityType === 'emailAddress' && matchesIdentity(i, email))) throw new RecipientMismatch()
    await resendNotification(ctx, { credentialId: record._id, issuerId: issuer._id, email, language })
    return reply.code(202).send({ credentialId: record._id, state: 'queued' })
  })

  app.post<{ Params: { issuerId: string }; Body: Static<typeof Erase> }>('/issuers/:issuerId/recipients/erase', {
    onRequest: app.requireScope('manage'),
    schema: {
      tags: ['delivery'], security: [{ bearer: [] }], params: issuerParams, body: Erase,
      description: 'GDPR erasure (art. 17) of a recipient of this issuer: deletes the delivery records (with any address still kept for ' +
        'sending), the claim links and so the wallet offers and VC-API exchanges they allow. Signed credentials stay valid (they hold only a salted hash). ' +
        'Answers {credentials, deliveries, claims} counts.',
      response: { 200: answer('What was deleted', open('Counts', { credentials: { type: 'integer' }, deliveries: { type: 'integer' }, claims: { type: 'integer' } })) }
    }
  }, async (request) => {
    const issuer = await actingIssuer(ctx, request, request.params.issuerId)
    const ids = await ctx.deliveries.byAddress(issuer._id, ctx.addressSeal.lookupKey(request.body.email))
    let claims = 0
    const exchanges = createExchangeStore(ctx.db)
    for (const id of ids) {
      claims += await ctx.claims.deleteForCredential(id)
      await exchanges.deleteForCredential(id) // the VC-API exchanges those links minted
      await ctx.deliveries.delete(id)
    }
    request.log.info({ issuerId: issuer._id, credentials: ids.length }, 'recipient erased')
    return { credentials: ids.length, deliveries: ids.length, claims }
  })
}
