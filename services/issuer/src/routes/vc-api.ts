// VC-API issue (W3C CCG VC-API "Issue Credential"): signs any well-formed VC 2.0 or 1.1 credential of the key's issuer.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { issue } from '@obp/signing'
import type { IssuerContext } from '../context.js'
import { credentialJobId, credentialUrl, lastSegment } from '../ids.js'
import { recordIssued } from '../records/record-items.js'
import { CredentialExists, InvalidCredential, IssuerNotFound, SigningUnavailable, WrongIssuer } from '../errors.js'
import { checkCredentialShape, issuerIdOf, suiteFromOptions } from '../awards/vc-shape.js'
import { keyIssuerId } from './guards.js'

const STATUS_CONTEXT = 'https://www.w3.org/ns/credentials/status/v1'
type Json = Record<string, unknown>

/** Signing failures caused by the credential itself are the caller's 400, naming what is wrong. */
function asBadRequest (err: unknown): unknown {
  const code = (err as { code?: string })?.code
  if (code === 'OBP_SIGNING_UNDEFINED_TERM' || code === 'OBP_SIGNING_FAILED' || code === 'OBP_DOCUMENTS_UNKNOWN_CONTEXT' || code === 'OBP_DOCUMENTS_NOT_ALLOWED') {
    return new InvalidCredential((err as Error).message)
  }
  return err
}

async function signGeneric (ctx: IssuerContext, issuerId: string, body: { credential?: unknown; options?: Json }): Promise<Json> {
  const { version, credential: input } = checkCredentialShape(body.credential)
  const issuer = await ctx.issuers.get(issuerId)
  if (!issuer) throw new IssuerNotFound(issuerId)
  const named = issuerIdOf(input)
  if (named !== issuer.did) throw new WrongIssuer(named, issuer.did)
  const options = body.options ?? {}
  const active = await ctx.signers.signerFor(issuerId)
  if (!active) throw new SigningUnavailable(issuerId)
  const suite = suiteFromOptions(options, active.key.type)
  if (options.credentialId !== undefined && (typeof options.credentialId !== 'string' || (input.id !== undefined && input.id !== options.credentialId))) {
    throw new InvalidCredential('"options.credentialId" must be a URI equal to "credential.id" when both are given')
  }
  const id = (options.credentialId ?? input.id ?? credentialUrl(ctx.config.ISSUER_PUBLIC_URL, randomUUID())) as string
  if (await ctx.credentials.get(id)) throw new CredentialExists(id)
  const credential: Json = { ...input, id }
  if (version === 1 && credential.issuanceDate === undefined) credential.issuanceDate = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
  if (credential.credentialStatus === undefined) {
    // Bitstring Status List v1.0 §2.1; a VCDM 1.1 credential needs the status context for the entry's terms.
    credential.credentialStatus = await ctx.status.allocate({ issuerId, credentialId: id })
    const list = credential['@context'] as unknown[]
    if (version === 1 && !list.includes(STATUS_CONTEXT)) credential['@context'] = [...list, STATUS_CONTEXT]
  }
  let signed: Json
  try {
    signed = await issue({ credential, signer: active.signer, key: active.key, suite, documentLoader: ctx.documentLoader }) as Json
  } catch (err) {
    throw asBadRequest(err)
  }
  if (!await ctx.credentials.insert({ _id: id, issuerId, credential: signed })) throw new CredentialExists(id)
  await ctx.status.bind(id)
  await recordVcApi(ctx, issuerId, signed)
  await ctx.issuedCount.add([id])
  await ctx.queues.events.add('credential.issued', { type: 'credential.issued', credentialId: id, issuerId }, { jobId: credentialJobId(id) })
  return signed
}

/** Listed in the issuer's records like its awards: its achievement and subject, when it names them. */
async function recordVcApi (ctx: IssuerContext, issuerId: string, signed: Json): Promise<void> {
  const subject = (Array.isArray(signed.credentialSubject) ? signed.credentialSubject[0] : signed.credentialSubject) as { id?: unknown; name?: unknown; achievement?: { id?: unknown } } | undefined
  const achievementId = typeof subject?.achievement?.id === 'string' ? subject.achievement.id : ''
  const recipient = { ...(typeof subject?.id === 'string' ? { did: subject.id } : {}), ...(typeof subject?.name === 'string' ? { name: subject.name } : {}) }
  await recordIssued(ctx, issuerId, [{ credential: signed, achievementKey: achievementId === '' ? '-' : lastSegment(achievementId), award: { recipient } }])
}

export default async function vcApiRoutes (app: FastifyInstance): Promise<void> {
  const ctx = app.issuerContext
  app.post<{ Body: { credential?: unknown; options?: Json } }>('/credentials/issue', {
    preHandler: app.requireScope('issue'),
    schema: {
      tags: ['vc-api'], security: [{ bearer: [] }],
      // The credential is not described here on purpose: nothing may be stripped from it (STYLE.md §6).
      body: { type: 'object', properties: { credential: {}, options: { type: 'object' } }, required: ['credential'] },
      description: 'VC-API issue: signs a VC 2.0 or 1.1 credential whose `issuer` is the key\'s issuer DID, and stores it. ' +
        '`options.credentialId` sets the id (else `credential.id`, else ISSUER_PUBLIC_URL/credentials/<uuid>); ' +
        '`options.proofSuite` (eddsa-rdfc-2022 | ecdsa-rdfc-2019 | Ed25519Signature2020) or `options.type`/`options.cryptosuite` ' +
        'choose the proof; other option keys are ignored. Without `credentialStatus` a revocation entry is added. A malformed ' +
        'credential, an undefined JSON-LD term or another issuer: 400 naming the field. 201 {verifiableCredential}.'
    }
  }, async (request, reply) => {
    const issuerId = keyIssuerId(request)
    const verifiableCredential = await signGeneric(ctx, issuerId, request.body)
    return reply.code(201).send({ verifiableCredential })
  })
}
