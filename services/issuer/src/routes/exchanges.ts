// VC-API / VCALM exchanges as the Learner Credential Wallet runs them (CONTRACT.md "Learner delivery";
// wallet-delivery.md §2). `POST /claim/<token>/offers` mints the exchange (routes/oid4vci.ts); the wallet opens the
// interaction URL (`protocols.vcapi`), posts `{}` to the exchange, gets a DIDAuthentication request, answers with a
// presentation signed by its did:key, and receives the holder-bound copy of the award (the OID4VCI path's issuing
// code). Single use, 10 minutes, a cap on refused presentations; every refusal is a 4xx with its own code.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { answer, credentialSchema, open, problems } from '@obp/service-kit'
import { createExchangeStore, type ExchangeRecord } from '../exchanges/exchange-store.js'
import { DidAuthError, verifyDidAuth } from '../exchanges/did-auth.js'
import { VC_API_DID_METHODS, VC_API_SUITES, WORKFLOW, deliveryPresentation, didAuthRequest, exchangeDomain, exchangeUrl, lcwDeepLink, protocols } from '../exchanges/messages.js'
import { issueHolderCopy } from '../oid4vci/holder-credential.js'
import {
  ChallengeMismatch, DidMethodUnsupported, DomainMismatch, ExchangeComplete, ExchangeExpired, ExchangeInvalidated, ExchangeMessageInvalid,
  ExchangeNotFound, HolderMismatch, PresentationInvalid, PresentationNotVerified
} from '../errors.js'
import { interactionPage } from '../learner/page.js'
import { LEARNER_CSP, pageLanguage } from '../learner/render.js'

const params = { type: 'object', properties: { exchangeId: { type: 'string', minLength: 1, maxLength: 64 } }, required: ['exchangeId'] } as const
type Params = { Params: { exchangeId: string } }

const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store')

const REFUSALS = {
  shape: PresentationInvalid, suite: PresentationInvalid, purpose: PresentationInvalid, challenge: ChallengeMismatch,
  domain: DomainMismatch, method: DidMethodUnsupported, holder: HolderMismatch, signature: PresentationNotVerified
} as const

const PROTOCOLS = open('VCALM protocols', { protocols: open('Protocol URLs by name', { vcapi: { type: 'string' }, 'oid4vci-1.0': { type: 'string' } }) })

export default async function exchangeRoutes (app: FastifyInstance): Promise<void> {
  const ctx = app.issuerContext
  const exchanges = createExchangeStore(ctx.db)
  const publicUrl = ctx.config.ISSUER_PUBLIC_URL.replace(/\/+$/, '')

  /** The live exchange, or the error that says why not. */
  async function live (id: string, now = new Date()): Promise<ExchangeRecord> {
    const exchange = await exchanges.get(id)
    if (!exchange) throw new ExchangeNotFound()
    if (exchange.state === 'complete') throw new ExchangeComplete()
    if (exchange.state === 'invalid') throw new ExchangeInvalidated()
    if (exchange.expiresAt <= now) throw new ExchangeExpired()
    return exchange
  }

  app.get<Params & { Querystring: { iuv?: string; lang?: 'fr' | 'en' } }>('/interactions/:exchangeId', {
    schema: {
      tags: ['vc-api-exchange'], params,
      querystring: { type: 'object', properties: { iuv: { type: 'string', maxLength: 8 }, lang: { type: 'string', enum: ['fr', 'en'] } } },
      description: 'VCALM interaction URL of a wallet offer. `Accept: application/json`: `{protocols: {vcapi, "oid4vci-1.0"}}`; ' +
        'otherwise an HTML page telling a person to open it in a wallet. Unknown, used or expired: 404/409/410.',
      response: {
        200: { description: 'The protocols (JSON), or a page for a person (HTML)', content: { 'application/json': { schema: PROTOCOLS }, 'text/html': { schema: { type: 'string' } } } },
        ...problems([404, 409, 410])
      }
    }
  }, async (request, reply) => {
    const exchange = await live(request.params.exchangeId)
    noStore(reply)
    if ((request.headers.accept ?? '').includes('application/json')) return { protocols: protocols(publicUrl, exchange) }
    const issuer = await ctx.issuers.get(exchange.issuerId)
    return reply.type('text/html; charset=utf-8').header('content-security-policy', LEARNER_CSP).header('referrer-policy', 'no-referrer')
      .send(interactionPage({ lang: pageLanguage(request, issuer?.language ?? 'fr'), lcwUrl: lcwDeepLink(publicUrl, exchange) }))
  })

  app.get<Params>(`/workflows/${WORKFLOW}/exchanges/:exchangeId/protocols`, {
    schema: { tags: ['vc-api-exchange'], params, description: 'VCALM: the protocols this exchange can be run with.', response: { 200: answer('The protocols', PROTOCOLS), ...problems([404, 409, 410]) } }
  }, async (request, reply) => {
    noStore(reply)
    return { protocols: protocols(publicUrl, await live(request.params.exchangeId)) }
  })

  app.get<Params>(`/workflows/${WORKFLOW}/exchanges/:exchangeId`, {
    schema: { tags: ['vc-api-exchange'], params, description: 'VCALM: the exchange\'s state (pending, active, complete, invalid) and expiry.', response: { 200: answer('The exchange', open('Exchange', { id: { type: 'string' }, state: { type: 'string', enum: ['pending', 'active', 'complete', 'invalid'] }, expires: { type: 'string' } })), ...problems([404]) } }
  }, async (request, reply) => {
    const exchange = await exchanges.get(request.params.exchangeId)
    if (!exchange) throw new ExchangeNotFound()
    noStore(reply)
    return { id: exchangeUrl(publicUrl, exchange._id), state: exchange.expiresAt <= new Date() && exchange.state !== 'complete' ? 'invalid' : exchange.state, expires: exchange.expiresAt.toISOString() }
  })

  app.post<Params>(`/workflows/${WORKFLOW}/exchanges/:exchangeId`, {
    schema: {
      tags: ['vc-api-exchange'], params,
      description: 'VCALM exchange participation. `{}` starts it: 200 `{verifiablePresentationRequest: {query: [{type: "DIDAuthentication", ' +
        'acceptedMethods: [{method: "key"}], acceptedCryptosuites}], challenge, domain, interact}}`. `{verifiablePresentation}` (or the bare ' +
        'presentation, as older LCW versions post it) signed by the wallet\'s did:key (Ed25519Signature2020 or DataIntegrityProof ' +
        'eddsa-rdfc-2022, proofPurpose authentication, that challenge and domain): 200 `{verifiablePresentation: {verifiableCredential: ' +
        '[the holder-bound credential]}}`. Single use (409 once used), 10 minutes (410), 5 refused presentations invalidate it (410).',
      response: {
        200: answer('The DIDAuthentication request, or the presentation carrying the credential', open('Exchange message', {
          verifiablePresentationRequest: credentialSchema('What the wallet must present: DIDAuthentication, challenge, domain'),
          verifiablePresentation: credentialSchema('An unsigned presentation whose verifiableCredential holds the holder-bound credential, as signed')
        })),
        ...problems([400, 404, 409, 410])
      }
    }
  }, async (request: FastifyRequest<Params>, reply) => {
    const exchange = await live(request.params.exchangeId)
    noStore(reply)
    const body = (request.body ?? {}) as Record<string, unknown>
    if (typeof body !== 'object' || Array.isArray(body)) throw new ExchangeMessageInvalid('The message must be a JSON object')
    // VCALM wraps the presentation; LCW's legacy flow posts it bare (wallet-delivery.md §2)
    const presentation = body.verifiablePresentation ?? ([body.type].flat().includes('VerifiablePresentation') ? body : undefined)
    if (presentation === undefined) {
      if (Object.keys(body).length > 0) throw new ExchangeMessageInvalid('Send {} to start the exchange, then {verifiablePresentation}')
      await exchanges.markActive(exchange._id)
      return didAuthRequest(publicUrl, exchange)
    }
    let did: string
    try {
      ({ did } = await verifyDidAuth({
        presentation, challenge: exchange.challenge, domain: exchangeDomain(publicUrl), suites: VC_API_SUITES, methods: VC_API_DID_METHODS, documentLoader: ctx.documentLoader
      }))
    } catch (err) {
      if (!(err instanceof DidAuthError)) throw err
      const state = await exchanges.recordFailure(exchange._id)
      request.log.info({ reason: err.reason, invalidated: state === 'invalid' }, 'exchange presentation refused')
      throw new REFUSALS[err.reason](err.message)
    }
    if (!await exchanges.complete(exchange._id, did)) throw new ExchangeComplete() // a concurrent twin won
    let credential: Record<string, unknown>
    try {
      credential = await issueHolderCopy(ctx, exchange.credentialId, exchange.issuerId, did)
    } catch (err) {
      await exchanges.reopen(exchange._id)
      throw err
    }
    await exchanges.setDelivered(exchange._id, String(credential.id))
    request.log.info({ award: exchange.credentialId, credential: credential.id }, 'holder-bound credential issued (VC-API exchange)')
    return deliveryPresentation(credential)
  })
}
