// Asking for an endorsement, and granting or declining it (docs/decisions/0005-network-and-endorsements.md, "Request and accept").
import type { FastifyInstance } from 'fastify'
import { Type } from '@sinclair/typebox'
import { InvalidBody } from './errors.js'
import type { NetworkContext } from './context.js'
import { declineRequest, issueRequested, requestEndorsement } from './endorse.js'
import { actingFor } from './routes-endorsements.js'
import { Credential, EndorsementView, IssuerParams, type IssueRequestBody, RequestBody, RequestParams, RequestsQuery } from './schemas.js'
import { endorsementView } from './views.js'
import { answer, problems } from '@obp/service-kit'

const tags = ['endorsements']

/** No body, `{}` or `{comment}` with a string of at most 5000 characters. */
function issueRequestBody (body: unknown): IssueRequestBody {
  if (body === undefined || body === null) return {}
  const comment = (body as { comment?: unknown }).comment
  if (typeof body !== 'object' || Array.isArray(body) || Object.keys(body).some(k => k !== 'comment') ||
    (comment !== undefined && (typeof comment !== 'string' || comment.length > 5000))) {
    throw new InvalidBody('the body is optional; when given it is {"comment": "<at most 5000 characters>"}')
  }
  return comment === undefined ? {} : { comment }
}

export function requestRoutes (app: FastifyInstance, ctx: NetworkContext): void {
  const manage = app.requireScope('manage')

  app.post<{ Params: { issuerId: string }; Body: RequestBody }>('/issuers/:issuerId/endorsement-requests', {
    onRequest: manage,
    schema: {
      tags,
      summary: 'Ask another member to endorse one of this issuer\'s achievements or its profile',
      params: IssuerParams,
      body: RequestBody,
      response: { 201: answer('The request, waiting for the endorser', EndorsementView), ...problems([409, 422], { 409: 'Already requested or already endorsed', 422: 'Not one of this issuer\'s own achievements or profile' }) }
    }
  }, async (request, reply) => {
    const { issuerId } = request.params
    await actingFor(ctx, request, issuerId)
    const record = await requestEndorsement(ctx, issuerId, request.body)
    return reply.code(201).send({ requestId: record._id, ...endorsementView(record) })
  })

  app.get<{ Params: { issuerId: string }; Querystring: RequestsQuery }>('/issuers/:issuerId/endorsement-requests', {
    onRequest: manage,
    schema: {
      tags,
      summary: 'Pending requests: addressed to this issuer (role=endorser, default) or sent by it (role=requester)',
      params: IssuerParams,
      querystring: RequestsQuery,
      response: { 200: answer('The waiting requests', Type.Array(EndorsementView)) }
    }
  }, async (request) => {
    const { issuerId } = request.params
    await actingFor(ctx, request, issuerId)
    const who = request.query.role === 'requester' ? { subjectIssuerId: issuerId } : { endorserIssuerId: issuerId }
    return (await ctx.endorsements.find({ ...who, state: 'requested' })).map(e => endorsementView(e, false))
  })

  app.post<{ Params: { issuerId: string; requestId: string }; Body: IssueRequestBody }>('/issuers/:issuerId/endorsement-requests/:requestId/issue', {
    onRequest: manage,
    schema: {
      tags,
      summary: 'Grant a request: 201 with the signed EndorsementCredential (its id ends with the request id)',
      params: RequestParams,
      response: { 201: answer('The signed EndorsementCredential', Credential), ...problems([409], { 409: 'The request is no longer waiting' }) }
    }
  }, async (request, reply) => {
    const { issuerId, requestId } = request.params
    await actingFor(ctx, request, issuerId)
    const record = await issueRequested(ctx, issuerId, requestId, issueRequestBody(request.body))
    return reply.code(201).header('location', record.credential?.id).send(record.credential)
  })

  app.post<{ Params: { issuerId: string; requestId: string } }>('/issuers/:issuerId/endorsement-requests/:requestId/decline', {
    onRequest: manage,
    schema: { tags, summary: 'Decline a request', params: RequestParams, response: { 200: answer('The declined request', EndorsementView) } }
  }, async (request) => {
    const { issuerId, requestId } = request.params
    await actingFor(ctx, request, issuerId)
    return endorsementView(await declineRequest(ctx, issuerId, requestId), false)
  })
}
