// Single awards: POST /issuers/:issuerId/credentials with Idempotency-Key semantics (CONTRACT.md).
import { randomUUID } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { issueRequest, type IssueRequest } from '@obp/ob3'
import { canonicalJson, credentialUrl, sha256Hex } from '../ids.js'
import { AlreadyAwarded, IdempotencyKeyInvalid } from '../errors.js'
import { answer, credentialSchema, problems, withProblemMembers } from '@obp/service-kit'
import { OpenBadgeCredentialShape } from './openapi-shapes.js'
import { issueAward } from '../awards/issue-award.js'
import { actingIssuer, issuerParams } from './guards.js'

/** The Idempotency-Key header, if any (draft-ietf-httpapi-idempotency-key-header: a string, here 1-255 visible ASCII). */
export function idempotencyKey (request: FastifyRequest): string | undefined {
  const raw = request.headers['idempotency-key']
  if (raw === undefined) return undefined
  const key = Array.isArray(raw) ? raw[0] : raw
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw new IdempotencyKeyInvalid()
  return key
}

export default async function awardRoutes (app: FastifyInstance): Promise<void> {
  const ctx = app.issuerContext

  app.post<{ Params: { issuerId: string }; Body: IssueRequest }>('/issuers/:issuerId/credentials', {
    onRequest: app.requireScope('issue'),
    schema: {
      tags: ['awards'], security: [{ bearer: [] }], params: issuerParams, body: issueRequest,
      headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', minLength: 1, maxLength: 255 } } },
      description: 'Awards an achievement: builds an OpenBadgeCredential (an email or sourcedId recipient becomes a salted, hashed ' +
        'IdentityObject; a DID becomes credentialSubject.id), gives it a revocation status entry, signs it and stores it: 201 with ' +
        'the credential. With `Idempotency-Key` (scoped to the issuer): the same key and the same JSON body (key order ignored) ' +
        'answer 200 with the same credential, even while the first request is still running; the same key with another body: 422 ' +
        'OBP_ISSUER_IDEMPOTENCY_KEY_REUSED. A recipient (email, DID or sourcedId) who already holds this achievement from this issuer ' +
        '(not revoked) gets 409 OBP_ISSUER_ALREADY_AWARDED with `credentialId`, the credential they hold, unless the body says `allowDuplicate: true`.',
      response: {
        201: answer('The signed credential', OpenBadgeCredentialShape),
        200: answer('A replay (same Idempotency-Key and body): the credential issued the first time', credentialSchema('The signed credential, as first issued')),
        ...problems([400, 409, 422], {
          400: 'Invalid award (the detail names the field), unknown achievement, or a bad Idempotency-Key',
          409: 'The recipient already holds this achievement (OBP_ISSUER_ALREADY_AWARDED): `credentialId` is the credential they hold',
          422: 'The Idempotency-Key was used with another body (OBP_ISSUER_IDEMPOTENCY_KEY_REUSED)'
        })
      }
    }
  }, async (request, reply) => {
    const issuer = await actingIssuer(ctx, request, request.params.issuerId)
    const key = idempotencyKey(request)
    const credentialId = credentialUrl(ctx.config.ISSUER_PUBLIC_URL, randomUUID())
    // a repeated Idempotency-Key re-enters the same idempotent path with the first request's id (issue-award.ts):
    // it returns the stored credential, or finishes the first request's work if that one crashed or is still running
    const idempotency = key !== undefined ? { key, bodyHash: sha256Hex(canonicalJson(request.body)) } : undefined
    try {
      const { credential, replay } = await issueAward(ctx, { issuerId: issuer._id, award: request.body, credentialId, issuer, knownNew: true, idempotency })
      return reply.code(replay === true ? 200 : 201).send(credential)
    } catch (err) {
      const held = (err as { credentialId?: unknown }).credentialId
      if (!(err instanceof AlreadyAwarded) || typeof held !== 'string') throw err
      // CONTRACT.md "Records": 409 {code, credentialId}, the credential the recipient holds
      throw withProblemMembers(err, { credentialId: held })
    }
  })
}
