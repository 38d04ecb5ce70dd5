import type { FastifyInstance } from 'fastify'
import type { MongoClient } from 'mongodb'
import type { Redis } from 'ioredis'
import { registerPlatform, type Secrets } from '@obp/service-kit'
import { jsonLdFastPathStats, setJsonLdFastPath } from '@obp/signing'
import type { IssuerConfig } from './config.js'
import issuerContextPlugin from './plugins/issuer-context.js'
import businessMetrics from './plugins/business-metrics.js'
import issuerRoutes from './routes/issuers.js'
import apiKeyRoutes from './routes/api-keys.js'
import achievementRoutes from './routes/achievements.js'
import imageRoutes from './routes/images.js'
import awardRoutes from './routes/awards.js'
import batchRoutes from './routes/batches.js'
import batchRetryRoutes from './routes/batch-retry.js'
import recordRoutes from './routes/records.js'
import hostedRoutes from './routes/hosted.js'
import vcApiRoutes from './routes/vc-api.js'
import wellKnownRoutes from './routes/well-known.js'
import deliveryRoutes from './routes/delivery.js'
import claimRoutes from './routes/claim.js'
import oid4vciRoutes from './routes/oid4vci.js'
import exchangeRoutes from './routes/exchanges.js'
import { networkRoutes } from './network/index.js'
import { consoleRoutes } from './console/index.js'
import type { Mailer } from './mail/mailer.js'

export interface AppOptions {
  config: IssuerConfig
  secrets: Secrets
  /** injected stores (tests) */
  mongoClient?: MongoClient
  dbName?: string
  redis?: Redis
  /** the console's mail transport (tests); otherwise SMTP_URL or the outbox directory */
  mailer?: Mailer
}

/** The issuer service as one plugin (STYLE.md §3): platform plugins first, then this service's own, then routes. */
export default async function app (fastify: FastifyInstance, opts: AppOptions): Promise<void> {
  setJsonLdFastPath(opts.config.JSONLD_FAST_PATH_SIGNING) // process-wide: jsonld is one module
  await registerPlatform(fastify, {
    jsonLdStats: jsonLdFastPathStats,
    service: 'issuer',
    config: opts.config,
    secrets: opts.secrets,
    mongoClient: opts.mongoClient,
    dbName: opts.dbName,
    redis: opts.redis,
    docs: { title: 'Issuer service', description: 'Issuers, achievements, awards (single and batch), VC-API issue, hosted and baked credentials, endorsements', publicUrl: opts.config.ISSUER_PUBLIC_URL }
  })
  await fastify.register(issuerContextPlugin, { config: opts.config, secrets: opts.secrets })
  await fastify.register(businessMetrics)
  await fastify.register(issuerRoutes)
  await fastify.register(apiKeyRoutes)
  await fastify.register(achievementRoutes)
  await fastify.register(imageRoutes)
  await fastify.register(awardRoutes)
  await fastify.register(batchRoutes)
  await fastify.register(batchRetryRoutes)
  await fastify.register(recordRoutes)
  await fastify.register(hostedRoutes)
  await fastify.register(vcApiRoutes)
  await fastify.register(wellKnownRoutes)
  await fastify.register(deliveryRoutes)
  await fastify.register(claimRoutes)
  await fastify.register(oid4vciRoutes)
  await fastify.register(exchangeRoutes)
  await fastify.register(networkRoutes, { config: opts.config })
  await fastify.register(consoleRoutes, { config: opts.config, mailer: opts.mailer })
}
