import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { Secrets } from '@obp/service-kit'
import type { IssuerConfig } from '../config.js'
import { createIssuerContext, type IssuerContext } from '../context.js'

declare module 'fastify' {
  interface FastifyInstance { issuerContext: IssuerContext }
}

/** Stores, signers, status allocator and queues of the issuer service, as one named plugin (STYLE.md §4). */
async function issuerContextPlugin (app: FastifyInstance, opts: { config: IssuerConfig; secrets: Secrets }): Promise<void> {
  const ctx = createIssuerContext({ config: opts.config, secrets: opts.secrets, db: app.mongo.db, redis: app.redis })
  app.decorate('issuerContext', ctx)
  // Indexes in one place, at start-up; a service that starts while Mongo is down says so in /health/ready.
  await ctx.ensureIndexes().catch(err => app.log.warn({ err: err.message }, 'could not create issuer indexes yet'))
  app.addHook('onClose', async () => { await ctx.close() })
}

export default fp(issuerContextPlugin, { name: 'obp-issuer-context', dependencies: ['obp-mongo', 'obp-redis'] })
