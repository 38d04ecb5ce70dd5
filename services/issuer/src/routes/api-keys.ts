// API keys of an issuer: several, scoped, stored hashed (service-kit api_keys), listable and revocable.
import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { SCOPES } from '@obp/service-kit'
import { ApiKeyNotFound, ScopesTooWide } from '../errors.js'
import { actingIssuer, issuerParams } from './guards.js'

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
    preHandler: app.requireScope('manage'),
    schema: { ...common, params: issuerParams, description: 'The issuer\'s API keys (never their secrets), revoked ones with `revokedAt`.' }
  }, async (request) => {
    const issuer = await actingIssuer(ctx, request, request.params.issuerId)
    return app.apiKeys.list(issuer._id)
  })

  app.post<{ Params: { issuerId: string }; Body: Static<typeof CreateKey> }>('/issuers/:issuerId/api-keys', {
    preHandler: app.requireScope('manage'),
    schema: { ...common, params: issuerParams, body: CreateKey, description: 'A new API key with the given scopes; `token` is shown this once.' }
  }, async (request, reply) => {
    const issuer = await actingIssuer(ctx, request, request.params.issuerId)
    const p = request.principal
    // a console session creates keys no wider than its role (an API key with manage may mint any scope)
    if (p?.kind === 'issuer' && p.session && !request.body.scopes.every(s => p.scopes.includes(s))) throw new ScopesTooWide(p.scopes.join(', '))
    const { token, key } = await app.apiKeys.create(issuer._id, request.body.scopes, request.body.name)
    return reply.code(201).send({ ...key, token })
  })

  app.delete<{ Params: { issuerId: string; keyId: string } }>('/issuers/:issuerId/api-keys/:keyId', {
    preHandler: app.requireScope('manage'),
    schema: { ...common, params: keyParams, description: 'Revokes an API key at once (204).' }
  }, async (request, reply) => {
    const issuer = await actingIssuer(ctx, request, request.params.issuerId)
    if (!await app.apiKeys.revoke(issuer._id, request.params.keyId)) throw new ApiKeyNotFound(request.params.keyId)
    return reply.code(204).send()
  })
}
