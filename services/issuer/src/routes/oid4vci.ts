// OID4VCI 1.0 (final), pre-authorized code flow (CONTRACT.md "Learner delivery"; notes/wallet-delivery.md §1):
// the claim page mints an offer by reference; the wallet reads the issuer metadata, trades the pre-authorized
// code for a short-lived access token, fetches a nonce, and posts a key proof to the credential endpoint, which
// answers the holder-bound copy of the award. Errors are the specification's `{error, error_description}`.
import type { FastifyInstance, FastifyReply } from 'fastify'
import { PRE_AUTH_GRANT, CONFIGURATION_ID, authorizationServerMetadata, credentialIssuerId, issuerMetadata } from '../oid4vci/metadata.js'
import { ACCESS_TOKEN_TTL_S, createOid4vciState } from '../oid4vci/state.js'
import { ProofError, verifyProofJwt } from '../oid4vci/proof.js'
import { verifyDiVpProof } from '../oid4vci/di-vp-proof.js'
import { createExchangeStore } from '../exchanges/exchange-store.js'
import { interactionUrl as interactionUrlOf, lcwDeepLink } from '../exchanges/messages.js'
import { assertDeliverable, issueHolderCopy } from '../oid4vci/holder-credential.js'
import { findIssuer, issuerParams } from './guards.js'
import QRCode from 'qrcode'
import { walletOfferPage } from '../learner/page.js'
import { LEARNER_CSP, pageLanguage } from '../learner/render.js'
import { answer, credentialSchema, open, problems } from '@obp/service-kit'
import { AwardNotDeliverable, ClaimNotFound } from '../errors.js'

const oauthError = (reply: FastifyReply, status: number, error: string, description: string) =>
  reply.code(status).header('cache-control', 'no-store').type('application/json').send({ error, error_description: description })

const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store').header('pragma', 'no-cache')

export default async function oid4vciRoutes (app: FastifyInstance): Promise<void> {
  const ctx = app.issuerContext
  const state = createOid4vciState(app.redis, ctx.config.OBP_QUEUE_PREFIX)
  const exchanges = createExchangeStore(ctx.db)
  const publicUrl = ctx.config.ISSUER_PUBLIC_URL.replace(/\/+$/, '')
  // token requests are forms (RFC 6749 §4.1.3); parsed here so the service needs no other body parser
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)))
  })
  // wallets are apps and browsers of other origins
  app.addHook('onSend', async (request, reply) => {
    if (/^\/(\.well-known\/(openid-credential-issuer|oauth-authorization-server)\/|issuers\/[^/]+\/(token|nonce|credential|offers\/))/.test(request.url)) {
      reply.header('access-control-allow-origin', '*')
    }
  })

  app.post<{ Params: { token: string }; Querystring: { lang?: 'fr' | 'en' } }>('/claim/:token/offers', {
    schema: {
      tags: ['delivery'],
      params: { type: 'object', properties: { token: { type: 'string', minLength: 1, maxLength: 256 } }, required: ['token'] },
      description: 'Mints a single-use wallet offer for the claim link\'s badge (OID4VCI 1.0 pre-authorized code, offer by reference, ' +
        'valid 10 minutes) and a single-use VC-API exchange (for the Learner Credential Wallet, routes/exchanges.ts): 201 {offerUri: ' +
        '"openid-credential-offer://?credential_offer_uri=...", credentialOfferUri, interactionUrl (the exchange\'s VCALM interaction URL, ' +
        '`protocols.vcapi`), lcwUrl (LCW\'s same-device link), expiresAt}. JSON body ' +
        '`{txCode: true}`: the offer also needs a 6-digit transaction code, answered once as `txCode` (5 wrong codes kill the offer). A claim link ' +
        'sent by email came with its own code in the same message: every offer made from it needs that code (not answered here; 5 wrong per offer, ' +
        '10 per claim link, then a re-send is needed). A browser ' +
        '(the claim page\'s form, Accept: text/html) gets a page with the offer as a QR code and a same-device link. Unknown or expired link: 404.',
      response: {
        201: { description: 'The offer (JSON), or a page with its QR code (HTML)', content: { 'application/json': { schema: open('Wallet offer', { offerUri: { type: 'string' }, credentialOfferUri: { type: 'string' }, interactionUrl: { type: 'string' }, lcwUrl: { type: 'string' }, expiresAt: {}, txCode: { type: 'string' } }) }, 'text/html': { schema: { type: 'string' } } } },
        ...problems([404, 409], { 404: 'Unknown or expired claim link', 409: 'The badge is revoked or expired: OBP_ISSUER_AWARD_NOT_DELIVERABLE' })
      }
    }
  }, async (request, reply) => {
    const claim = await ctx.claims.find(request.params.token)
    if (!claim) throw new ClaimNotFound()
    const award = await ctx.credentials.get(claim.credentialId)
    if (award) await assertDeliverable(ctx, award.credential as Record<string, unknown>) // 409 once revoked or expired
    const withTxCode = (request.body as { txCode?: unknown } | undefined)?.txCode === true
    // a claim link sent by email came with its transaction code: every offer made from it asks for that code
    const claimTx = claim.txHash !== undefined ? { claimId: claim._id, txHash: claim.txHash } : undefined
    const { offer, txCode } = await state.createOffer(claim.credentialId, claim.issuerId, withTxCode, claimTx)
    const offerUrl = `${credentialIssuerId(publicUrl, claim.issuerId)}/offers/${offer.offerId}`
    const offerUri = `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(offerUrl)}`
    // the VC-API exchange of the same offer (wallet-delivery.md §4: one offer, several protocols); both live 10 minutes
    const exchange = await exchanges.create(claim.credentialId, claim.issuerId, offerUri)
    const interactionUrl = interactionUrlOf(publicUrl, exchange._id)
    const lcwUrl = lcwDeepLink(publicUrl, exchange)
    noStore(reply).code(201)
    if ((request.headers.accept ?? '').includes('text/html')) { // the claim page's form
      const issuer = await ctx.issuers.get(claim.issuerId)
      const svg = async (text: string) => `data:image/svg+xml;base64,${Buffer.from(await QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })).toString('base64')}`
      return reply.type('text/html; charset=utf-8').header('content-security-policy', LEARNER_CSP).send(walletOfferPage({
        lang: pageLanguage(request, issuer?.language ?? 'fr'), offerUri, expiresAt: new Date(offer.expiresAt),
        qrDataUri: await svg(offerUri), codeByEmail: claimTx !== undefined, interactionUrl, interactionQrDataUri: await svg(interactionUrl), lcwUrl, back: `/claim/${request.params.token}`
      }))
    }
    return reply.send({ offerUri, credentialOfferUri: offerUrl, interactionUrl, lcwUrl, expiresAt: offer.expiresAt, ...(txCode ? { txCode } : {}) })
  })

  app.get<{ Params: { issuerId: string } }>('/.well-known/openid-credential-issuer/issuers/:issuerId', {
    schema: { tags: ['oid4vci'], params: issuerParams, description: 'OID4VCI 1.0 credential issuer metadata (§12.2): `credential_issuer` = ISSUER_PUBLIC_URL/issuers/:issuerId.', response: { 200: answer('The metadata', open('Credential issuer metadata')) } }
  }, async (request) => {
    const issuer = await findIssuer(ctx, request.params.issuerId)
    return issuerMetadata(publicUrl, issuer._id, { name: String(issuer.profile.name) })
  })

  app.get<{ Params: { issuerId: string } }>('/.well-known/oauth-authorization-server/issuers/:issuerId', {
    schema: { tags: ['oid4vci'], params: issuerParams, description: 'RFC 8414 authorization server metadata of the credential issuer (pre-authorized code grant, anonymous access).', response: { 200: answer('The metadata', open('Authorization server metadata')) } }
  }, async (request) => {
    const issuer = await findIssuer(ctx, request.params.issuerId)
    return authorizationServerMetadata(publicUrl, issuer._id)
  })

  app.get<{ Params: { issuerId: string; offerId: string } }>('/issuers/:issuerId/offers/:offerId', {
    schema: { tags: ['oid4vci'], params: { type: 'object', properties: { issuerId: { type: 'string', maxLength: 2048 }, offerId: { type: 'string', maxLength: 64 } }, required: ['issuerId', 'offerId'] }, description: 'A credential offer by reference (§4.1.3).', response: { 200: answer('The credential offer', open('Credential offer', { credential_issuer: { type: 'string' }, credential_configuration_ids: { type: 'array', items: { type: 'string' } }, grants: {} })), 404: answer('Unknown or expired offer', open('Error', { error: { type: 'string' } })) } }
  }, async (request, reply) => {
    const offer = await state.getOffer(request.params.offerId)
    if (!offer || offer.issuerId !== request.params.issuerId) return reply.code(404).send({ error: 'not_found' })
    return noStore(reply).send({
      credential_issuer: credentialIssuerId(publicUrl, offer.issuerId),
      credential_configuration_ids: [CONFIGURATION_ID],
      grants: {
        [PRE_AUTH_GRANT]: {
          'pre-authorized_code': offer.code,
          ...(offer.txCode ? { tx_code: { input_mode: 'numeric', length: 6, description: offer.txCodeByEmail ? 'The 6-digit code in the email that brought your badge' : 'Code shown when the offer was made' } } : {})
        }
      }
    })
  })

  app.post<{ Params: { issuerId: string }; Body: Record<string, string> }>('/issuers/:issuerId/token', {
    schema: { tags: ['oid4vci'], params: issuerParams, description: 'Token endpoint (§6): the pre-authorized code grant; access tokens live 5 minutes and allow one credential.', consumes: ['application/x-www-form-urlencoded', 'application/json'], response: { 200: answer('The access token', open('Token', { access_token: { type: 'string' }, token_type: { type: 'string' }, expires_in: { type: 'integer' } })), 400: answer('OAuth 2.0 error (RFC 6749 §5.2)', open('OAuth error', { error: { type: 'string' }, error_description: { type: 'string' } })) } }
  }, async (request, reply) => {
    const body = request.body ?? {}
    if (typeof body !== 'object' || body.grant_type === undefined) return oauthError(reply, 400, 'invalid_request', 'grant_type is required')
    if (body.grant_type !== PRE_AUTH_GRANT) return oauthError(reply, 400, 'unsupported_grant_type', 'only the pre-authorized code grant is supported')
    if (typeof body['pre-authorized_code'] !== 'string') return oauthError(reply, 400, 'invalid_request', 'pre-authorized_code is required')
    const code = body['pre-authorized_code']
    const pending = await state.peekCode(code)
    if (!pending || pending.issuerId !== request.params.issuerId) return oauthError(reply, 400, 'invalid_grant', 'the pre-authorized code is unknown, expired or already used')
    // §6.3: a tx_code that is missing or not expected is invalid_request; a wrong one invalid_grant (capped: errata)
    const needsCode = pending.txHash !== undefined || pending.claimTx !== undefined // shown with the offer, or sent with the claim link
    if (!needsCode && body.tx_code !== undefined) return oauthError(reply, 400, 'invalid_request', 'this offer has no tx_code')
    if (needsCode) {
      if (typeof body.tx_code !== 'string') return oauthError(reply, 400, 'invalid_request', 'tx_code is required')
      const verdict = await state.checkTxCode(code, pending, body.tx_code)
      if (verdict === 'wrong') return oauthError(reply, 400, 'invalid_grant', 'wrong tx_code')
      if (verdict === 'dead') return oauthError(reply, 400, 'invalid_grant', 'too many wrong tx_codes: the offer is invalidated' + (pending.claimTx ? ' (the emailed code is dead: ask the issuer to send the badge again)' : ''))
    }
    const grant = await state.redeemCode(code)
    if (!grant || grant.issuerId !== request.params.issuerId) return oauthError(reply, 400, 'invalid_grant', 'the pre-authorized code is unknown, expired or already used')
    const accessToken = await state.issueAccessToken(grant)
    return noStore(reply).send({ access_token: accessToken, token_type: 'Bearer', expires_in: ACCESS_TOKEN_TTL_S })
  })

  app.post('/issuers/:issuerId/nonce', {
    schema: { tags: ['oid4vci'], params: issuerParams, description: 'Nonce endpoint (§7): a fresh c_nonce for the key proof, valid 5 minutes, single use.', response: { 200: answer('A nonce', open('Nonce', { c_nonce: { type: 'string' } })) } }
  }, async (_request, reply) => noStore(reply).send({ c_nonce: await state.newNonce() }))

  app.post<{ Params: { issuerId: string }; Body: Record<string, any> }>('/issuers/:issuerId/credential', {
    schema: { tags: ['oid4vci'], params: issuerParams, description: 'Credential endpoint (§8): `{credential_configuration_id: "OpenBadgeCredential", proofs: {jwt: [...]} or {di_vp: [...]}}` ' +
      'with the access token; answers `{credentials: [{credential}]}`. A `di_vp` proof (App. F.2) is a presentation with a DataIntegrityProof ' +
      'eddsa-rdfc-2022, proofPurpose authentication, challenge = a c_nonce, domain = the credential issuer id, signed by a did:key or did:jwk. ' +
      'A badge revoked or expired since the offer: 400 credential_request_denied.', response: { 200: answer('The holder-bound credential', open('Credential response', { credentials: { type: 'array', items: open('One credential', { credential: credentialSchema('The signed credential, `credentialSubject.id` the wallet\'s DID') }) } })), 400: answer('OAuth 2.0 error (RFC 6749 §5.2)', open('OAuth error', { error: { type: 'string' }, error_description: { type: 'string' } })), 401: answer('OAuth 2.0 error (RFC 6749 §5.2)', open('OAuth error', { error: { type: 'string' }, error_description: { type: 'string' } })) } }
  }, async (request, reply) => {
    const auth = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(request.headers.authorization ?? '')
    const grant = auth ? await state.peekAccessToken(auth[1]) : null
    if (!grant || grant.issuerId !== request.params.issuerId) {
      return reply.code(401).header('www-authenticate', 'Bearer error="invalid_token"').header('cache-control', 'no-store').send({ error: 'invalid_token', error_description: 'the access token is missing, unknown or expired' })
    }
    const body = request.body ?? {}
    if (body.credential_identifier !== undefined) return oauthError(reply, 400, 'unknown_credential_identifier', 'no credential identifiers were issued with this token')
    if (body.credential_configuration_id !== CONFIGURATION_ID) return oauthError(reply, 400, body.credential_configuration_id === undefined ? 'invalid_credential_request' : 'unknown_credential_configuration', `credential_configuration_id must be ${CONFIGURATION_ID}`)
    const proofs = body.proofs && typeof body.proofs === 'object' && !Array.isArray(body.proofs) ? body.proofs as Record<string, unknown> : undefined
    const kinds = proofs ? Object.keys(proofs) : []
    const list = kinds.length === 1 ? proofs![kinds[0]] : undefined
    // §8.2: `proofs` holds one proof type; this issuer issues one credential per request (no batch_credential_issuance)
    if (body.proof !== undefined || !(kinds[0] === 'jwt' || kinds[0] === 'di_vp') || !Array.isArray(list) || list.length !== 1) {
      return oauthError(reply, 400, 'invalid_credential_request', 'proofs must be {jwt: [one proof JWT]} or {di_vp: [one presentation]}')
    }
    let did: string
    try {
      const audience = credentialIssuerId(publicUrl, grant.issuerId)
      const consumeNonce = (n: string) => state.consumeNonce(n);
      ({ did } = kinds[0] === 'jwt'
        ? await verifyProofJwt(list[0], { audience, consumeNonce })
        : await verifyDiVpProof(list[0], { domain: audience, consumeNonce, documentLoader: ctx.documentLoader }))
    } catch (err) {
      if (err instanceof ProofError) return oauthError(reply, 400, err.error, err.message)
      throw err
    }
    // the token is spent only once a valid proof is in: one credential per offer
    if (!await state.redeemAccessToken(auth![1])) return oauthError(reply, 401, 'invalid_token', 'the access token was already used')
    let credential: Record<string, unknown>
    try {
      credential = await issueHolderCopy(ctx, grant.credentialId, grant.issuerId, did)
    } catch (err) {
      // OID4VCI 1.0 §8.3.1.2: revoked or expired since the offer was made
      if (err instanceof AwardNotDeliverable) return oauthError(reply, 400, 'credential_request_denied', (err as Error).message)
      throw err
    }
    request.log.info({ award: grant.credentialId, credential: credential.id }, 'holder-bound credential issued')
    return noStore(reply).send({ credentials: [{ credential }] })
  })
}
