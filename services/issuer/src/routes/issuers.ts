// Issuers: OB 3.0 Profiles with their own keys and DID (CONTRACT.md "Issuer service").
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { buildProfile, profileInput } from '@obp/ob3'
import { buildDidDocument, generateKey, type KeyType, type StoredKey } from '@obp/signing'
import type { IssuerConfig } from '../config.js'
import { DidWebUnavailable, KeyTypeUnsupported, NotDidWeb, RotationNeedsDidWeb } from '../errors.js'
import { cleanImageInput, imageLimits } from '../images/image-input.js'
import { actingIssuer, findIssuer, issuerParams } from './guards.js'
import { notificationSettings } from './delivery.js'
import { answer, open, problems } from '@obp/service-kit'
import { KeyShape, ProfileShape } from './openapi-shapes.js'

const CreateIssuer = Type.Object({
  ...profileInput.properties,
  didMethod: Type.Optional(Type.Union([Type.Literal('key'), Type.Literal('web')], { default: 'key' })),
  keyType: Type.Optional(Type.Union([Type.Literal('Ed25519'), Type.Literal('P-256')], { default: 'Ed25519', description: 'Ed25519 signs eddsa-rdfc-2022 (and Ed25519Signature2020), P-256 signs ecdsa-rdfc-2019' })),
  statusPassThrough: Type.Optional(Type.Boolean({ description: 'VC-API issue keeps another system\'s credentialStatus as given (default false: refused)' })),
  ...notificationSettings.properties
}, { additionalProperties: false })
type CreateIssuer = Static<typeof CreateIssuer>

const RotateKey = Type.Object({
  type: Type.Optional(Type.Union([Type.Literal('Ed25519'), Type.Literal('P-256'), Type.Literal('RSA')], { default: 'Ed25519' }))
}, { additionalProperties: false })

/** did:web host: DID_WEB_HOST, else ISSUER_PUBLIC_URL's host when it is https (did:web §3.1: port colon %-encoded). */
export function didWebHost (config: IssuerConfig): string | undefined {
  const url = new URL(config.ISSUER_PUBLIC_URL)
  const host = config.DID_WEB_HOST ?? (url.protocol === 'https:' ? url.host : undefined)
  if (host === undefined) return undefined
  if (config.DID_WEB_HOST === undefined && url.pathname.replace(/\/+$/, '') !== '') {
    // did:web paths map to URL paths: a base URL with a path adds its segments
    return [host, ...url.pathname.split('/').filter(Boolean)].join(':').replace(/^([^:]+):(\d+)/, '$1%3A$2')
  }
  return host.replace(':', '%3A')
}

/** What a key looks like to clients: public parts only. */
export function publicKeyView (key: StoredKey, activeKeyId?: string): Record<string, unknown> {
  const { sealed: _sealed, ...rest } = key
  return { ...rest, active: key.id === activeKeyId }
}

export default async function issuerRoutes (app: FastifyInstance): Promise<void> {
  const ctx = app.issuerContext
  const config = ctx.config

  app.post<{ Body: CreateIssuer }>('/issuers', {
    onRequest: app.requireAdmin,
    schema: {
      tags: ['issuers'], security: [{ bearer: [] }], body: CreateIssuer,
      description: 'Creates an issuer: an OB 3.0 Profile whose `id` is its DID (did:key by default; did:web when ' +
        'ISSUER_PUBLIC_URL is https or DID_WEB_HOST is set), its first signing key and its first API key (scopes issue, ' +
        'revoke, manage). `keyType`: Ed25519 (default, eddsa-rdfc-2022) or P-256 (ecdsa-rdfc-2019). `statusPassThrough`: VC-API ' +
        'issue keeps another system\'s credentialStatus. `apiKey` is the bearer token, shown this once. `language` (default `fr`) and ' +
        '`notificationText` set the learner notifications (PUT /issuers/:issuerId/notification-settings changes them).',
      response: {
        201: answer('The new issuer, its Profile and its first API key (`apiKey`, shown this once)', open('The created issuer', {
          id: { type: 'string', description: 'the issuer id used in paths' }, did: { type: 'string' }, profile: ProfileShape,
          apiKey: { type: 'string', description: 'the bearer token, shown once' }, apiKeyId: { type: 'string' }, scopes: { type: 'array', items: { type: 'string' } }
        })),
        ...problems([400], { 400: 'Invalid fields, or did:web asked without an https ISSUER_PUBLIC_URL or DID_WEB_HOST (OBP_ISSUER_DID_WEB_UNAVAILABLE)' })
      }
    }
  }, async (request, reply) => {
    const { didMethod = 'key', keyType = 'Ed25519', statusPassThrough, language = 'fr', notificationText, ...fields } = request.body
    if (fields.image !== undefined) fields.image = cleanImageInput(fields.image, imageLimits(config))
    const issuerId = randomUUID()
    let key: StoredKey
    if (didMethod === 'web') {
      const host = didWebHost(config)
      if (host === undefined) throw new DidWebUnavailable()
      key = await generateKey({ type: keyType, controller: `did:web:${host}:issuers:${issuerId}`, keyId: 'key-1', custody: ctx.custody })
    } else {
      key = await generateKey({ type: keyType, custody: ctx.custody })
    }
    const did = key.controller
    const profile = buildProfile({ id: did, ...fields }) as unknown as { id: string; name: string }
    await ctx.issuers.create({ _id: issuerId, did, didMethod, profile, language, ...(notificationText !== undefined ? { notificationText } : {}), ...(statusPassThrough === true ? { statusPassThrough } : {}) }, key)
    let created: Awaited<ReturnType<typeof app.apiKeys.create>>
    try {
      created = await app.apiKeys.create(issuerId, ['issue', 'revoke', 'manage'], 'initial')
    } catch (err) {
      await ctx.issuers.remove(issuerId).catch(() => {}) // nothing half-made stays: no issuer without its key
      throw err
    }
    const { token, key: apiKey } = created
    return reply.code(201).send({ id: issuerId, did, profile, apiKey: token, apiKeyId: apiKey.id, scopes: apiKey.scopes })
  })

  app.get('/issuers', { onRequest: app.requireAdmin, schema: { tags: ['issuers'], security: [{ bearer: [] }], description: 'All issuers (admin).', response: { 200: answer('Every issuer with its DID and Profile', { type: 'array', items: open('An issuer', { id: { type: 'string' }, did: { type: 'string' }, didMethod: { type: 'string' }, profile: ProfileShape }) }) } } },
    async () => (await ctx.issuers.list()).map(i => ({ id: i._id, did: i.did, didMethod: i.didMethod, profile: i.profile, createdAt: i.createdAt })))

  app.get<{ Params: { issuerId: string } }>('/issuers/:issuerId', {
    schema: { tags: ['issuers'], params: issuerParams, description: 'The issuer\'s OB 3.0 Profile (public).', response: { 200: answer('The Profile', ProfileShape) } }
  }, async (request) => (await findIssuer(ctx, request.params.issuerId)).profile)

  app.put<{ Params: { issuerId: string }; Body: Static<typeof profileInput> }>('/issuers/:issuerId', {
    onRequest: app.requireScope('manage'),
    schema: { tags: ['issuers'], security: [{ bearer: [] }], params: issuerParams, body: profileInput, description: 'Replaces the issuer\'s profile fields (name, url, email, description, image); its id (the DID) stays. Credentials issued before keep the profile they embed.', response: { 200: answer('The new Profile', ProfileShape) } }
  }, async (request) => {
    const issuer = await actingIssuer(ctx, request, request.params.issuerId)
    const body = request.body.image === undefined ? request.body : { ...request.body, image: cleanImageInput(request.body.image, imageLimits(config)) }
    const profile = buildProfile({ id: issuer.did, ...body }) as unknown as { id: string; name: string }
    await ctx.issuers.updateProfile(issuer._id, profile)
    ctx.signers.forget(issuer._id)
    return profile
  })

  app.get<{ Params: { issuerId: string } }>('/issuers/:issuerId/did.json', {
    schema: { tags: ['issuers'], params: issuerParams, description: 'The DID document of a did:web issuer: every key it ever had, so old credentials keep verifying.', response: { 200: answer('The DID document (DID Core §5)', open('A DID document', { id: { type: 'string' }, verificationMethod: {}, assertionMethod: {} }), ['application/did+json']), ...problems([404], { 404: 'No such issuer, or a did:key issuer (OBP_ISSUER_NOT_DID_WEB)' }) } }
  }, async (request, reply) => {
    const issuer = await findIssuer(ctx, request.params.issuerId)
    if (issuer.didMethod !== 'web') throw new NotDidWeb(request.params.issuerId)
    const doc = buildDidDocument({ did: issuer.did, keys: await ctx.issuers.keys(issuer._id) })
    return reply.type('application/did+json').header('cache-control', 'public, max-age=60').send(doc)
  })

  app.get<{ Params: { issuerId: string } }>('/issuers/:issuerId/keys', {
    onRequest: app.requireScope('manage'),
    schema: { tags: ['issuers'], security: [{ bearer: [] }], params: issuerParams, description: 'The issuer\'s keys, public parts only.', response: { 200: answer('Every key, the active one marked', { type: 'array', items: KeyShape }) } }
  }, async (request) => {
    const issuer = await actingIssuer(ctx, request, request.params.issuerId)
    return (await ctx.issuers.keys(issuer._id)).map(k => publicKeyView(k, issuer.activeKeyId))
  })

  app.post<{ Params: { issuerId: string }; Body: Static<typeof RotateKey> }>('/issuers/:issuerId/keys', {
    onRequest: app.requireScope('manage'),
    schema: {
      tags: ['issuers'], security: [{ bearer: [] }], params: issuerParams, body: RotateKey,
      description: 'Key rotation (did:web issuers): the new key signs from now on; older keys stay in the DID document. ' +
        'A did:key issuer IS its key, so rotating would change its DID: 409 OBP_ISSUER_ROTATION_NEEDS_DID_WEB. ' +
        'Types: Ed25519 (default) and P-256; RSA is refused (it signs only VC-JWT, not the Data Integrity proofs awards use).',
      response: { 201: answer('The new, active key', KeyShape), ...problems([400, 409], { 400: 'Invalid body, or RSA (OBP_ISSUER_KEY_TYPE_UNSUPPORTED)', 409: 'A did:key issuer cannot rotate (OBP_ISSUER_ROTATION_NEEDS_DID_WEB)' }) }
    }
  }, async (request, reply) => {
    const issuer = await actingIssuer(ctx, request, request.params.issuerId)
    const type: KeyType = request.body?.type ?? 'Ed25519'
    if (issuer.didMethod !== 'web') throw new RotationNeedsDidWeb()
    if (type === 'RSA') throw new KeyTypeUnsupported(type)
    const key = await generateKey({ type, controller: issuer.did, keyId: `key-${randomUUID().slice(0, 8)}`, custody: ctx.custody })
    await ctx.issuers.addKey(issuer._id, key)
    ctx.signers.forget(issuer._id)
    return reply.code(201).send(publicKeyView(key, key.id))
  })
}
