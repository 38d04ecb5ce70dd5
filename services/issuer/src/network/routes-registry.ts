// GET /network/registry (CONTRACT.md "Console and network registry"), its public key, and the OpenID Federation
// endpoints (./registry.ts). Public reads; statements are signed on each request (one ES256 signature).
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { NetworkContext } from './context.js'
import { MemberNotFound } from './errors.js'
import { dccRegistry, entityConfiguration, registryEntries, subordinateStatement } from './registry.js'
import { signRegistryJws, type RegistrySigner } from './registry-key.js'
import { answer, open, problems } from '@obp/service-kit'

const tags = ['network']
const ENTITY_STATEMENT = 'application/entity-statement+jwt'

function wantsJwt (format: string | undefined, accept: string | undefined): boolean {
  return format === 'jwt' || (format === undefined && accept !== undefined && /application\/jwt/.test(accept) && !/application\/json/.test(accept))
}

export function registryRoutes (app: FastifyInstance, ctx: NetworkContext, registryKey: () => Promise<RegistrySigner>): void {
  const publicJwk = async () => {
    const s = await registryKey()
    return { ...s.publicJwk, kid: s.kid, alg: 'ES256', use: 'sig' }
  }
  const cached = (reply: FastifyReply) => reply.header('cache-control', 'public, max-age=60').header('vary', 'accept')

  app.get<{ Querystring: { format?: 'json' | 'jwt' } }>('/network/registry', {
    schema: {
      tags,
      summary: 'The member registry for other verifiers: the DCC known-issuer registry document ({meta, registry: {DID: {name, url, memberSince, logo}}}); ' +
        '`?format=jwt` or `Accept: application/jwt`: the same document as an ES256 compact JWS (key at /network/registry/jwks.json)',
      response: { 200: { description: 'The registry (JSON) or its signed form (JWS)', content: { 'application/json': { schema: open('DCC known-issuer registry', { meta: {}, registry: {} }) }, 'application/jwt': { schema: { type: 'string' } } } } },
      querystring: { type: 'object', properties: { format: { type: 'string', enum: ['json', 'jwt'] } } }
    }
  }, async (request, reply) => {
    const now = new Date()
    const doc = dccRegistry(ctx, await registryEntries(ctx), now)
    if (!wantsJwt(request.query.format, request.headers.accept)) return cached(reply).type('application/json').send(doc)
    const iat = Math.floor(now.getTime() / 1000)
    const jws = await signRegistryJws(await registryKey(), 'JWT', { iss: `${ctx.publicUrl}/network/registry`, iat, exp: iat + 24 * 3600, ...doc })
    return cached(reply).type('application/jwt').send(jws)
  })

  app.get('/network/registry/jwks.json', { schema: { tags, summary: 'The registry\'s public key (JWK Set)', response: { 200: answer('The JWK Set (RFC 7517 §5)', open('JWK Set', { keys: { type: 'array', items: {} } }), ['application/jwk-set+json']) } } }, async (_request, reply) => {
    return cached(reply).type('application/jwk-set+json').send({ keys: [await publicJwk()] })
  })

  app.get('/.well-known/openid-federation', { schema: { tags, summary: 'OpenID Federation: the network as trust anchor (entity configuration)', response: { 200: answer('The signed entity configuration (OpenID Federation 1.0 §3)', { type: 'string' }, ['application/entity-statement+jwt']) } } }, async (_request, reply) => {
    const iat = Math.floor(Date.now() / 1000)
    return cached(reply).type(ENTITY_STATEMENT).send(await signRegistryJws(await registryKey(), 'entity-statement+jwt', entityConfiguration(ctx, await publicJwk(), iat)))
  })

  app.get('/network/registry/list', { schema: { tags, summary: 'OpenID Federation subordinate listing: the members\' DIDs', response: { 200: answer('The members\' DIDs', { type: 'array', items: { type: 'string' } }) } } }, async (_request, reply) => {
    return cached(reply).send((await registryEntries(ctx)).map(e => e.did))
  })

  app.get<{ Querystring: { sub: string } }>('/network/registry/fetch', {
    schema: {
      tags,
      summary: 'OpenID Federation fetch: the signed statement about one member (404 for anyone else)',
      querystring: { type: 'object', properties: { sub: { type: 'string', minLength: 1, maxLength: 2048 } }, required: ['sub'] },
      response: { 200: answer('The signed subordinate statement', { type: 'string' }, ['application/entity-statement+jwt']), ...problems([404], { 404: 'Not a member' }) }
    }
  }, async (request, reply) => {
    const entry = (await registryEntries(ctx)).find(e => e.did === request.query.sub)
    if (entry === undefined) throw new MemberNotFound(request.query.sub)
    const iat = Math.floor(Date.now() / 1000)
    return cached(reply).type(ENTITY_STATEMENT).send(await signRegistryJws(await registryKey(), 'entity-statement+jwt', subordinateStatement(ctx, entry, iat)))
  })
}
