// POST /presentations/verify (CONTRACT.md "Verifier service", VC-API).
import type { FastifyInstance } from 'fastify'
import type { VerifierDeps } from '../deps.js'
import { docSchema } from './doc-schema.js'
import { answer, problems } from '@obp/service-kit'
import { OPTIONS_DOC, PresentationReportSchema } from './report-schema.js'
import { isObject } from '../json.js'
import { readOptions } from '../options.js'
import { readPresentation, verifyPresentationDocument } from '../verify-presentation.js'
import { countOutcome } from '../outcome-metrics.js'

export default async function presentationRoutes (app: FastifyInstance, opts: { deps: VerifierDeps; bodyLimit: number }): Promise<void> {
  app.post('/presentations/verify', {
    bodyLimit: opts.bodyLimit,
    schema: {
      ...docSchema({
        summary: 'Verify a presentation (VC-API)',
        description: 'Body: `{verifiablePresentation, options: {challenge, domain, requireHolderBinding?}}`. The presentation\'s proof must be bound to the ' +
          'challenge and domain; `holder` is optional, and when present it must control the proof\'s key (the `holder` check). Every credential inside is ' +
          'verified as by POST /credentials/verify (`credentialResults`), with a `holder-binding` check: a warning when no subject DID controls the ' +
          'presentation\'s key (or the subject has no DID), a failure with `requireHolderBinding: true`. ' + OPTIONS_DOC,
        tags: ['verify']
      }),
      body: {
        properties: {
          verifiablePresentation: { description: 'the presentation: an object with a Data Integrity proof, or a compact JWS' },
          options: { description: '`challenge` and `domain` the proof must be bound to; `requireHolderBinding`; the credential options (`checks`, `recipient`)' }
        },
        examples: [{ verifiablePresentation: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: ['…'], proof: { '…': '…' } }, options: { challenge: 'f4b1…', domain: 'employer.example' } }]
      },
      response: {
        200: answer('Verified: the presentation\'s report with each credential\'s (`credentialResults`)', PresentationReportSchema),
        422: answer('Not verified: the same report with `verified: false`', PresentationReportSchema),
        ...problems([400, 413, 415], { 400: 'Not a presentation at all (not JSON, no @context or type)' })
      }
    }
  }, async (request, reply) => {
    const body = isObject(request.body) ? request.body : {}
    const vp = readPresentation(body.verifiablePresentation)
    const report = await verifyPresentationDocument(opts.deps, vp, readOptions(body.options))
    countOutcome(app, report)
    return reply.code(report.verified ? 200 : 422).send(report)
  })
}
