import type { FastifyInstance } from 'fastify'
import type { MongoClient } from 'mongodb'
import type { Redis } from 'ioredis'
import { registerPlatform, type Secrets } from '@obp/service-kit'
import { jsonLdFastPathStats, setJsonLdFastPath } from '@obp/signing'
import type { RevocationConfig } from './config.js'
import statusPlugin from './plugins/status.js'
import credentialStatusRoutes from './routes/credential-status.js'
import statusListRoutes from './routes/status-lists.js'

export interface AppOptions {
  config: RevocationConfig
  secrets: Secrets
  /** injected stores (tests) */
  mongoClient?: MongoClient
  dbName?: string
  redis?: Redis
  /** BullMQ key prefix (tests use their own queues) */
  queuePrefix?: string
}

/** The revocation service as one plugin (STYLE.md §3): platform plugins first, then this service's own, then routes. */
export default async function app (fastify: FastifyInstance, opts: AppOptions): Promise<void> {
  setJsonLdFastPath(opts.config.JSONLD_FAST_PATH_SIGNING) // process-wide: jsonld is one module
  await registerPlatform(fastify, {
    jsonLdStats: jsonLdFastPathStats,
    service: 'revocation',
    config: opts.config,
    secrets: opts.secrets,
    mongoClient: opts.mongoClient,
    dbName: opts.dbName,
    redis: opts.redis,
    docs: { title: 'Revocation service', description: 'Bitstring Status Lists: allocation, revocation and signed lists for wallets', publicUrl: opts.config.REVOCATION_PUBLIC_URL }
  })
  await fastify.register(statusPlugin, { config: opts.config, secrets: opts.secrets, queuePrefix: opts.queuePrefix })
  await fastify.register(credentialStatusRoutes)
  await fastify.register(statusListRoutes, {
    maxAgeSeconds: opts.config.STATUS_LIST_MAX_AGE_SECONDS,
    ttlSeconds: opts.config.STATUS_LIST_TTL_SECONDS,
    cacheMs: opts.config.STATUS_LIST_CACHE_MS
  })
}
