// POST /presentations/verify (CONTRACT.md "Verifier service", VC-API).
import type { FastifyInstance } from 'fastify'
import type { VerifierDeps } from '../deps.js'
import { docSchema } from './doc-schema.js'
import { isObject } from '../json.js'
import { readOptions } from '../options.js'
import { readPresentation, verifyPresentationDocument } from '../verify-presentation.js'
import { countOutcome } from '../outcome-metrics.js'

export default async function presentationRoutes (app: FastifyInstance, opts: { deps: VerifierDeps; bodyLimit: number }): Promise<void> {
  app.post('/presentations/verify', {
    bodyLimit: opts.bodyLimit,
    schema: docSchema({
      summary: 'Verify a presentation (VC-API)',
      description: 'Body: `{verifiablePresentation, options: {challenge, domain}}`. The holder proof must be bound to the challenge and domain; every credential inside is verified as by POST /credentials/verify (`credentialResults`).',
      tags: ['verify']
    })
  }, async (request, reply) => {
    const body = isObject(request.body) ? request.body : {}
    const vp = readPresentation(body.verifiablePresentation)
    const report = await verifyPresentationDocument(opts.deps, vp, readOptions(body.options))
    countOutcome(app, report)
    return reply.code(report.verified ? 200 : 422).send(report)
  })
}
