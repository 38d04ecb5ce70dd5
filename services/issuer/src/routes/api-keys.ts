// API keys of an issuer: several, scoped, stored hashed (service-kit api_keys), listable and revocable.
import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { Forbidden, SCOPES } from '@obp/service-kit'
import { ApiKeyNotFound, ScopesTooWide } from '../errors.js'
import { actingIssuer, issuerParams } from './guards.js'
import { answer, empty } from '@obp/service-kit'
import { ApiKeyShape } from './openapi-shapes.js'

const CreateKey = Type.Object({
  scopes: Type.Array(Type.Union(SCOPES.map(s => Type.Literal(s))), { minItems: 1, maxItems: 3, uniqueItems: true }),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 }))
}, { additionalProperties: false })

const keyParams = {
  type: 'object',
  properties: { issuerId: { type: 'string', minLength: 1 }, keyId: { type: 'string', minLength: 1, maxLength: 64 } },
  required: ['issuerId', 'keyId']
} as const

export default async function apiKeyRoutes (app: FastifyInstance): Promise<void> {
  const ctx = app.issuerContext
  const common = { tags: ['api keys'], security: [{ bearer: [] }] }

  app.get<{ Params: { issuerId: string } }>('/issuers/:issuerId/api-keys', {
    onRequest: app.requireScope('manage'),
    schema: { ...common, params: issuerParams, description: 'The issuer\'s API keys (never their secrets), revoked ones with `revokedAt`.', response: { 200: answer('The keys', { type: 'array', items: ApiKeyShape }) } }
  }, async (request) => {
    const issuer = await actingIssuer(ctx, request, request.params.issuerId)
    return app.apiKeys.list(issuer._id)
  })

  app.post<{ Params: { issuerId: string }; Body: Static<typeof CreateKey> }>('/issuers/:issuerId/api-keys', {
    onRequest: app.requireScope('manage'),
    schema: { ...common, params: issuerParams, body: CreateKey, description: 'A new API key with the given scopes; `token` is shown this once.', response: { 201: answer('The key and its `token` (the bearer secret, shown once)', { ...ApiKeyShape, properties: { ...(ApiKeyShape as { properties: object }).properties, token: { type: 'string' } } }) } }
  }, async (request, reply) => {
    const issuer = await actingIssuer(ctx, request, request.params.issuerId)
    // least privilege: a key mints keys with scopes it holds itself (the admin token with any); a console
    // session, keys no wider than its role
    const p = request.principal
    const missing = p?.kind === 'issuer' ? request.body.scopes.filter(s => !p.scopes.includes(s)) : []
    if (missing.length > 0 && p?.kind === 'issuer' && p.session) throw new ScopesTooWide(p.scopes.join(', '))
    if (missing.length > 0) throw new Forbidden(`a key cannot grant scopes it does not hold (${missing.join(', ')})`)
    const { token, key } = await app.apiKeys.create(issuer._id, request.body.scopes, request.body.name)
    return reply.code(201).send({ ...key, token })
  })

  app.delete<{ Params: { issuerId: string; keyId: string } }>('/issuers/:issuerId/api-keys/:keyId', {
    onRequest: app.requireScope('manage'),
    schema: { ...common, params: keyParams, description: 'Revokes an API key at once (204).', response: { 204: empty('Revoked') } }
  }, async (request, reply) => {
    const issuer = await actingIssuer(ctx, request, request.params.issuerId)
    if (!await app.apiKeys.revoke(issuer._id, request.params.keyId)) throw new ApiKeyNotFound(request.params.keyId)
    return reply.code(204).send()
  })
}
