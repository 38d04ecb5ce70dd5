import type { FastifyInstance } from 'fastify'
import type { MongoClient } from 'mongodb'
import type { Redis } from 'ioredis'
import problemPlugin from './problem.js'
import mongoPlugin from './mongo.js'
import redisPlugin from './redis.js'
import metricsPlugin from './metrics.js'
import { registerJsonLdMetrics } from './business-metrics.js'
import healthPlugin, { mongoCheck, redisCheck } from './health.js'
import docsPlugin, { type DocsOptions } from './docs.js'
import authPlugin from './auth.js'
import corsPlugin, { allowedOrigins } from './cors.js'
import { installValidation } from './validation.js'
import { registerOpenApiShapes } from './openapi.js'
import protectionPlugin from './protection.js'
import securityHeadersPlugin from './security-headers.js'
import type { CommonConfig, Secrets } from './config.js'

export interface PlatformOptions {
  service: string
  config: CommonConfig
  secrets: Secrets
  docs: DocsOptions
  /** injected stores (tests); otherwise connections are made from the config */
  mongoClient?: MongoClient
  dbName?: string
  redis?: Redis
  /** the process's jsonld fast-path counters (@obp/signing jsonLdFastPathStats), shown on /metrics */
  jsonLdStats?: () => { active: boolean; hits: number; fallbacks: number }
}

/** The common plugins every service registers first (STYLE.md §3): errors, CORS, stores, metrics, health, docs, auth. */
export async function registerPlatform (app: FastifyInstance, opts: PlatformOptions): Promise<void> {
  installValidation(app)
  registerOpenApiShapes(app) // before any route: the shared ProblemDetails schema and each route's common errors
  await app.register(problemPlugin)
  await app.register(corsPlugin, { origins: allowedOrigins(opts.config) })
  await app.register(securityHeadersPlugin)
  await app.register(mongoPlugin, { url: opts.config.MONGODB_URL, client: opts.mongoClient, dbName: opts.dbName })
  await app.register(redisPlugin, { url: opts.config.REDIS_URL, redis: opts.redis })
  // before any route: it decides each route's rate limit and load shedding as the route is added
  await app.register(protectionPlugin, {
    redis: app.redis,
    rateLimitMax: opts.config.RATE_LIMIT_MAX,
    rateLimitWindowMs: opts.config.RATE_LIMIT_WINDOW_MS,
    maxEventLoopDelayMs: opts.config.LOAD_SHED_EVENT_LOOP_DELAY_MS,
    maxEventLoopUtilization: opts.config.LOAD_SHED_EVENT_LOOP_UTILIZATION,
    nameSpace: `obp-rate-limit:${opts.config.OBP_QUEUE_PREFIX}:${opts.service}:`
  })
  await app.register(metricsPlugin, { service: opts.service })
  if (opts.jsonLdStats) registerJsonLdMetrics(app.metrics.registry, opts.jsonLdStats)
  await app.register(docsPlugin, opts.docs)
  await app.register(healthPlugin, { checks: { mongodb: mongoCheck(app.mongo.db), redis: redisCheck(app.redis) } })
  await app.register(authPlugin, { adminToken: opts.secrets.adminToken, apiKeyCacheMs: opts.config.API_KEY_CACHE_MS })
  await app.apiKeys.ensureIndexes().catch(err => app.log.warn({ err: err.message }, 'could not create api_keys indexes yet'))
}
