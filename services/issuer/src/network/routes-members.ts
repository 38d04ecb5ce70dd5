// The member registry (docs/decisions/0005-network-and-endorsements.md, "The network"): admin adds and removes, anyone reads.
import type { FastifyInstance } from 'fastify'
import { Type } from '@sinclair/typebox'
import type { NetworkContext } from './context.js'
import { IssuerNotFound, MemberNotFound } from './errors.js'
import { AddMemberBody, IssuerParams, Member } from './schemas.js'
import { memberView } from './views.js'
import { answer, problems } from '@obp/service-kit'

const tags = ['network']

export function memberRoutes (app: FastifyInstance, ctx: NetworkContext): void {
  app.post<{ Body: { issuerId: string } }>('/network/members', {
    onRequest: app.requireAdmin,
    schema: { tags, summary: 'Add an issuer to the network (admin)', body: AddMemberBody, response: { 201: answer('The new member', Member), 200: answer('Already a member', Member), ...problems([409], { 409: 'Already a member (OBP_ISSUER_ALREADY_MEMBER)' }) } }
  }, async (request, reply) => {
    const issuerId = request.body.issuerId
    const issuer = await ctx.issuers.get(issuerId)
    if (!issuer) throw new IssuerNotFound(issuerId)
    const { outcome, member } = await ctx.members.add(issuerId, issuer.did)
    // Adding a current member again is harmless: 200 with the membership as it is.
    return reply.code(outcome === 'existing' ? 200 : 201).send(memberView(member, issuer, true))
  })

  app.delete<{ Params: { issuerId: string } }>('/network/members/:issuerId', {
    onRequest: app.requireAdmin,
    schema: { tags, summary: 'Remove a member; its membership history is kept (admin)', params: IssuerParams, response: { 200: answer('The former member, its history kept', Member) } }
  }, async (request) => {
    const { issuerId } = request.params
    if (!(await ctx.members.remove(issuerId))) throw new MemberNotFound(issuerId)
    const member = await ctx.members.get(issuerId)
    if (!member) throw new MemberNotFound(issuerId)
    return memberView(member, await ctx.issuers.get(issuerId), true)
  })

  app.get('/network/members', {
    schema: { tags, summary: 'The current members: profile, DID, since', response: { 200: answer('The current members', Type.Array(Member)) } }
  }, async () => {
    const members = await ctx.members.current()
    const issuers = new Map((await ctx.issuers.list({ ids: members.map(m => m._id) })).map(i => [i._id, i]))
    return members.map(m => memberView(m, issuers.get(m._id) ?? null))
  })

  app.get<{ Params: { issuerId: string } }>('/network/members/:issuerId', {
    schema: { tags, summary: 'One member, current or past, with its membership history', params: IssuerParams, response: { 200: answer('The member', Member) } }
  }, async (request) => {
    const member = await ctx.members.get(request.params.issuerId)
    if (!member) throw new MemberNotFound(request.params.issuerId)
    return memberView(member, await ctx.issuers.get(member._id), true)
  })
}
