// Strangers cannot tie a service up (issue 15). Load shedding (@fastify/under-pressure): when the event loop is
// late or saturated, the public routes answer 503 at once (Retry-After) instead of queueing for tens of seconds. Rate limits (@fastify/rate-limit, counted in Redis so they hold across replicas) on the public
// routes: those without an authentication hook (authenticated routes are paid for by a key, and a stranger's
// request there ends at the 401 in onRequest). Health and metrics are never limited or shed: probes must see the truth.
import fp from 'fastify-plugin'
import rateLimit from '@fastify/rate-limit'
import underPressure from '@fastify/under-pressure'
import type { FastifyInstance } from 'fastify'
import type { Redis } from 'ioredis'
import { isAuthHook } from './auth.js'
import { Overloaded, RateLimited } from './errors.js'

export interface ProtectionOptions {
  redis: Redis
  /** requests per IP and window on public routes; 0: no limit */
  rateLimitMax: number
  rateLimitWindowMs: number
  maxEventLoopDelayMs: number
  maxEventLoopUtilization: number
  /** Redis key namespace (tests use their own) */
  nameSpace?: string
}

const exempt = (url: string): boolean => url.startsWith('/health') || url === '/metrics'

async function protection (app: FastifyInstance, opts: ProtectionOptions): Promise<void> {
  // Decided per route when it is added (before @fastify/rate-limit's own onRoute hook runs).
  app.addHook('onRoute', route => {
    const authenticated = [route.onRequest].flat().some(isAuthHook)
    if (authenticated || exempt(route.url) || opts.rateLimitMax === 0) route.config = { ...route.config, rateLimit: false }
    // a pressure handler that returns nothing lets the request through: an issuer's accepted work (awards,
    // batches, revocations) is never refused for load, only strangers' public requests are
    if (authenticated || exempt(route.url)) route.config = { ...route.config, ...{ pressureHandler: () => undefined } }
  })
  await app.register(rateLimit, {
    global: true,
    max: Math.max(1, opts.rateLimitMax),
    timeWindow: opts.rateLimitWindowMs,
    redis: opts.redis,
    nameSpace: opts.nameSpace ?? 'obp-rate-limit-',
    // Redis gone: the public routes keep answering (readiness reports the outage), unlimited for that time
    skipOnError: true,
    errorResponseBuilder: (_request, context) => new RateLimited(context.after)
  })
  await app.register(underPressure, {
    maxEventLoopDelay: opts.maxEventLoopDelayMs,
    maxEventLoopUtilization: opts.maxEventLoopUtilization,
    retryAfter: 5,
    customError: Overloaded
  })
}

export default fp(protection, { name: 'obp-protection', dependencies: ['obp-redis'] })
