import type { FastifyRequest } from 'fastify'
import { assertIssuer } from '@obp/service-kit'
import type { IssuerRecord } from '@obp/issuers'
import type { IssuerContext } from '../context.js'
import { IssuerKeyRequired, IssuerNotFound } from '../errors.js'

/** The issuer a path names (its id, or its DID), or a 404. */
export async function findIssuer (ctx: IssuerContext, ref: string): Promise<IssuerRecord> {
  const issuer = ref.startsWith('did:') ? await ctx.issuers.getByDid(ref) : await ctx.issuers.get(ref)
  if (!issuer) throw new IssuerNotFound(ref)
  return issuer
}

/**
 * The issuer a request acts on: it must exist and the key must belong to it (another issuer's key gets the same
 * 404 as a missing issuer: CONTRACT.md "Auth", never reveal another issuer's data). The admin token passes.
 */
export async function actingIssuer (ctx: IssuerContext, request: FastifyRequest, ref: string): Promise<IssuerRecord> {
  const p = request.principal
  if (p?.kind === 'issuer' && p.issuerId !== ref && !ref.startsWith('did:')) throw new IssuerNotFound(ref)
  const issuer = await findIssuer(ctx, ref)
  assertIssuer(request, issuer._id, () => new IssuerNotFound(ref))
  return issuer
}

/** The issuer of the API key (calls like VC-API issue that name no issuer in the path). */
export function keyIssuerId (request: FastifyRequest): string {
  const p = request.principal
  if (p?.kind !== 'issuer') throw new IssuerKeyRequired()
  return p.issuerId
}

export const issuerParams = {
  type: 'object',
  properties: { issuerId: { type: 'string', minLength: 1, maxLength: 2048 } },
  required: ['issuerId']
} as const
