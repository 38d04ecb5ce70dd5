import type { FastifyInstance } from 'fastify'
import { Gauge } from 'prom-client'
import type { MongoClient } from 'mongodb'
import type { Redis } from 'ioredis'
import { preloadOb3Schemas } from '@obp/ob3'
import { registerPlatform, type Secrets } from '@obp/service-kit'
import { jsonLdFastPathStats, setJsonLdFastPath } from '@obp/signing'
import type { VerifierConfig } from './config.js'
import bodyParsers from './body-parsers.js'
import { createDeps, type DepsOverrides } from './create-deps.js'
import type { VerifierDeps } from './deps.js'
import pageRoutes from './routes/page.js'
import presentationRoutes from './routes/presentations.js'
import verifyRoutes, { type VerifyParsed } from './routes/verify.js'
import { verifyParsed } from './verify-input.js'
import { createVerifyPool, verifierThreads } from './verify-pool.js'

export interface AppOptions {
  config: VerifierConfig
  secrets: Secrets
  /** injected stores (tests) */
  mongoClient?: MongoClient
  dbName?: string
  redis?: Redis
  /** injected collaborators (tests only; see DepsOverrides) */
  overrides?: DepsOverrides
}

declare module 'fastify' {
  interface FastifyInstance { verifier: VerifierDeps }
}

/** The verifier service as one plugin (STYLE.md §3): platform plugins first, then this service's own, then routes. */
export default async function app (fastify: FastifyInstance, opts: AppOptions): Promise<void> {
  setJsonLdFastPath(opts.config.JSONLD_FAST_PATH_VERIFYING) // process-wide: jsonld is one module
  await registerPlatform(fastify, {
    jsonLdStats: jsonLdFastPathStats,
    service: 'verifier',
    config: opts.config,
    secrets: opts.secrets,
    mongoClient: opts.mongoClient,
    dbName: opts.dbName,
    redis: opts.redis,
    docs: { title: 'Verifier service', description: 'Explainable verification of Open Badges 3.0 credentials and presentations', publicUrl: opts.config.VERIFIER_PUBLIC_URL }
  })
  // Compile the official OB 3.0 JSON Schemas before the first request instead of during it.
  fastify.addHook('onReady', async () => {
    const started = performance.now()
    preloadOb3Schemas()
    fastify.log.info({ ms: Math.round(performance.now() - started) }, 'OB 3.0 JSON Schemas compiled')
  })
  const bodyLimit = opts.config.BODY_LIMIT_BYTES
  const deps = createDeps(opts.config, opts.overrides)
  fastify.decorate('verifier', deps)
  await fastify.register(bodyParsers, { bodyLimit })
  // Verification threads (VERIFIER_THREADS), unless a test injected collaborators that live in this thread only.
  const injected = Object.keys(opts.overrides ?? {}).length > 0
  const threads = injected ? 0 : verifierThreads(opts.config)
  const pool = threads > 0 ? createVerifyPool(opts.config, threads) : undefined
  if (pool !== undefined) fastify.addHook('onClose', async () => { await pool.close() })
  new Gauge({ name: 'obp_verifier_threads', help: 'Verification threads of this process (VERIFIER_THREADS; 0: the HTTP thread verifies)', registers: [fastify.metrics.registry] }).set(threads)
  const verify: VerifyParsed = pool !== undefined
    ? async (parsed, options) => await pool.verify({ parsed, options })
    : async (parsed, options) => await verifyParsed(deps, parsed, options)
  await fastify.register(verifyRoutes, { deps, bodyLimit, verify })
  await fastify.register(presentationRoutes, { deps, bodyLimit })
  await fastify.register(pageRoutes)
}
