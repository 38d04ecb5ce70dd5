import Fastify, { type FastifyInstance } from 'fastify'
import type { Db } from 'mongodb'
import type { Redis } from 'ioredis'
import metricsPlugin from './metrics.js'
import healthPlugin, { mongoCheck, redisCheck } from './health.js'

/** A worker's small listener: /health/live, /health/ready and /metrics (for probes and Prometheus). */
export async function startWorkerHealth (opts: { service: string; db: Db; redis: Redis; host: string; port: number }): Promise<FastifyInstance> {
  const app = Fastify({ logger: false })
  await app.register(metricsPlugin, { service: opts.service })
  await app.register(healthPlugin, { checks: { mongodb: mongoCheck(opts.db), redis: redisCheck(opts.redis) } })
  await app.listen({ host: opts.host, port: opts.port })
  return app
}
