// Endorsing, and choosing which endorsements one's badges show (docs/decisions/0005-network-and-endorsements.md, "Endorse").
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Type } from '@sinclair/typebox'
import { assertIssuer } from '@obp/service-kit'
import { acceptEndorsement, hideEndorsement } from './accepted.js'
import type { NetworkContext } from './context.js'
import type { EndorsementState } from './endorsement-store.js'
import { endorse } from './endorse.js'
import { IssuerNotFound } from './errors.js'
import { Credential, EndorseBody, EndorsementParams, EndorsementView, IssuerParams, ListQuery } from './schemas.js'
import { endorsementView } from './views.js'
import { answer, problems } from '@obp/service-kit'

const tags = ['endorsements']

/** The caller acts for `issuerId` (a key of another issuer gets 404), and the issuer exists. */
export async function actingFor (ctx: NetworkContext, request: FastifyRequest, issuerId: string): Promise<void> {
  assertIssuer(request, issuerId, () => new IssuerNotFound(issuerId))
  if (!(await ctx.issuers.get(issuerId))) throw new IssuerNotFound(issuerId)
}

export function endorsementRoutes (app: FastifyInstance, ctx: NetworkContext): void {
  const manage = app.requireScope('manage')

  app.post<{ Params: { issuerId: string }; Body: EndorseBody }>('/issuers/:issuerId/endorsements', {
    onRequest: manage,
    schema: {
      tags,
      summary: 'Endorse another member\'s achievement or profile: a signed OB 3.0 EndorsementCredential',
      params: IssuerParams,
      body: EndorseBody,
      response: { 201: answer('The signed EndorsementCredential (also its Location)', Credential), ...problems([409, 422], { 409: 'Already endorsed (OBP_ISSUER_ALREADY_ENDORSED)', 422: 'The subject is not another member\'s achievement or profile' }) }
    }
  }, async (request, reply) => {
    const { issuerId } = request.params
    await actingFor(ctx, request, issuerId)
    const record = await endorse(ctx, issuerId, request.body)
    return reply.code(201).header('location', record.credential?.id).send(record.credential)
  })

  app.get<{ Params: { issuerId: string }; Querystring: ListQuery }>('/issuers/:issuerId/endorsements', {
    onRequest: manage,
    schema: {
      tags,
      summary: 'Endorsements received (of this issuer\'s achievements and profile) or given',
      params: IssuerParams,
      querystring: ListQuery,
      response: { 200: answer('The endorsements', Type.Array(EndorsementView)) }
    }
  }, async (request) => {
    const { issuerId } = request.params
    await actingFor(ctx, request, issuerId)
    const role = request.query.role ?? 'received'
    const filter = role === 'given' ? { endorserIssuerId: issuerId } : { subjectIssuerId: issuerId }
    const states: EndorsementState[] = request.query.state ? [request.query.state as EndorsementState] : ['issued', 'accepted']
    const found = await ctx.endorsements.find({ ...filter, state: { $in: states } })
    return found.map(e => endorsementView(e))
  })

  app.post<{ Params: { issuerId: string; endorsementId: string } }>('/issuers/:issuerId/endorsements/:endorsementId/accept', {
    onRequest: manage,
    schema: {
      tags,
      summary: 'Show an endorsement on this issuer\'s badges (manage of the endorsed issuer)',
      params: EndorsementParams,
      response: { 200: answer('The endorsement in its new state', EndorsementView), ...problems([409], { 409: 'Not in a state that allows it (OBP_ISSUER_ENDORSEMENT_STATE, OBP_ISSUER_ENDORSEMENT_REVOKED)' }) }
    }
  }, async (request) => {
    const { issuerId, endorsementId } = request.params
    await actingFor(ctx, request, issuerId)
    return endorsementView(await acceptEndorsement(ctx, issuerId, endorsementId))
  })

  app.post<{ Params: { issuerId: string; endorsementId: string } }>('/issuers/:issuerId/endorsements/:endorsementId/hide', {
    onRequest: manage,
    schema: {
      tags,
      summary: 'Stop showing an accepted endorsement on this issuer\'s badges',
      params: EndorsementParams,
      response: { 200: answer('The endorsement in its new state', EndorsementView), ...problems([409], { 409: 'Not in a state that allows it (OBP_ISSUER_ENDORSEMENT_STATE, OBP_ISSUER_ENDORSEMENT_REVOKED)' }) }
    }
  }, async (request) => {
    const { issuerId, endorsementId } = request.params
    await actingFor(ctx, request, issuerId)
    return endorsementView(await hideEndorsement(ctx, issuerId, endorsementId))
  })
}
