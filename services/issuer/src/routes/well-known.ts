// GET /.well-known/did-configuration.json (DIF Well-Known DID Configuration v1.0; issue 18): the did:web issuers
// whose DIDs live on this service's domain (DID_WEB_HOST) each link that domain with a Domain Linkage credential
// (JWT form, signed with the issuer's active key), so verifiers can confirm that the domain is theirs. A did:key
// member publishes its own document on its own website instead (README "Domain linkage").
import type { FastifyInstance } from 'fastify'
import { didConfiguration, issueDomainLinkageJwt } from '@obp/signing'
import { didWebHost } from './issuers.js'
import { answer, open } from '@obp/service-kit'

// Signed again after this long (one signature per did:web issuer): a new issuer or key appears within it.
const REFRESH_MS = 5 * 60 * 1000
const VALIDITY_MS = 365 * 24 * 60 * 60 * 1000

export default async function wellKnownRoutes (app: FastifyInstance): Promise<void> {
  const ctx = app.issuerContext
  const host = didWebHost(ctx.config)
  let cached: { at: number; doc: Promise<object> } | undefined

  async function build (): Promise<object> {
    if (host === undefined) return didConfiguration([])
    const origin = `https://${decodeURIComponent(host.split(':')[0]!)}`
    const prefix = `did:web:${host.split(':')[0]!}:`
    const issuers = (await ctx.issuers.list()).filter(i => i.didMethod === 'web' && i.did.startsWith(prefix))
    const now = Date.now()
    const jwts = await Promise.all(issuers.map(async issuer => {
      const active = await ctx.signers.signerFor(issuer._id)
      if (active === null) return undefined
      return await issueDomainLinkageJwt({ did: issuer.did, origin, ...active, validFrom: new Date(now), validUntil: new Date(now + VALIDITY_MS) })
    }))
    return didConfiguration(jwts.filter((j): j is string => j !== undefined))
  }

  app.get('/.well-known/did-configuration.json', {
    schema: { tags: ['issuers'], summary: 'DIF DID Configuration: Domain Linkage credentials (JWT) of the did:web issuers on this domain', response: { 200: answer('The DID Configuration resource (DIF Well-Known DID Configuration §3)', open('DID Configuration', { '@context': {}, linked_dids: { type: 'array', items: {} } })) } }
  }, async (_request, reply) => {
    if (cached === undefined || Date.now() - cached.at > REFRESH_MS) {
      const doc = build()
      cached = { at: Date.now(), doc }
      doc.catch(() => { cached = undefined })
    }
    return reply.type('application/json').header('cache-control', 'public, max-age=300').send(await cached.doc)
  })
}
