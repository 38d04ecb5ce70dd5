// VC-API issue (W3C CCG VC-API / VCALM "Issue Credential"): the route; the rules are in awards/vc-issue.ts.
import type { FastifyInstance } from 'fastify'
import { issueGeneric } from '../awards/vc-issue.js'
import { keyIssuerId } from './guards.js'
import { answer, credentialSchema, open, problems } from '@obp/service-kit'

type Json = Record<string, unknown>

export default async function vcApiRoutes (app: FastifyInstance): Promise<void> {
  const ctx = app.issuerContext
  app.post<{ Body: { credential?: unknown; options?: Json } }>('/credentials/issue', {
    onRequest: app.requireScope('issue'),
    schema: {
      tags: ['vc-api'], security: [{ bearer: [] }],
      // The credential and options are not described here on purpose: nothing may be stripped from a credential
      // (STYLE.md §6), and unknown option keys are ignored (VCALM).
      body: { type: 'object', properties: { credential: {}, options: { type: 'object' } }, required: ['credential'] },
      description: 'VC-API issue: signs a VC 2.0 or 1.1 credential whose `issuer` is the key\'s issuer DID, and stores it. ' +
        'Ids: `options.credentialId` or `credential.id` must be a URL under ISSUER_PUBLIC_URL/credentials/ or a urn:uuid ' +
        '(else ISSUER_PUBLIC_URL/credentials/<uuid>). `options.cryptosuite` (eddsa-rdfc-2022 | ecdsa-rdfc-2019, with `type` ' +
        'DataIntegrityProof), `options.type` Ed25519Signature2020 or `options.proofSuite` choose the proof among those the ' +
        'issuer\'s key signs; other option keys are ignored. Status: the platform owns it. A VCDM 2.0 credential gets a ' +
        'BitstringStatusListEntry (unless `options.credentialStatus: false`); a VCDM 1.1 one only with ' +
        '`options.credentialStatus: {type: "BitstringStatusListEntry"}`. A caller-supplied entry on this platform\'s lists is ' +
        'refused (400 OBP_ISSUER_STATUS_OWNED); another system\'s entry is refused (OBP_ISSUER_FOREIGN_STATUS) unless the ' +
        'issuer was created with `statusPassThrough: true`. `proof` is an array for Open Badges credentials, one object ' +
        'otherwise. Terms mapped only by the v2 context\'s @vocab are issued with a warning naming them; a term no context ' +
        'defines, a protected-term redefinition or any VCDM 2.0 violation: 400 naming the field. 201 {verifiableCredential, warnings?}.',
      response: {
        201: answer('The signed credential (VC-API)', open('VC-API issue answer', {
          verifiableCredential: credentialSchema('The credential with its proof, exactly as signed'),
          warnings: { type: 'array', items: {}, description: 'terms mapped only by @vocab' }
        })),
        ...problems([400, 403, 409], { 400: 'Not a well-formed VC 2.0 or 1.1 credential, another issuer, or a refused id, status or suite (the detail names the field)', 403: 'The admin token or a key without scope issue', 409: 'A credential with this id was already issued' })
      }
    }
  }, async (request, reply) => {
    const { verifiableCredential, warnings } = await issueGeneric(ctx, keyIssuerId(request), request.body)
    return reply.code(201).send(warnings.length > 0 ? { verifiableCredential, warnings } : { verifiableCredential })
  })
}
