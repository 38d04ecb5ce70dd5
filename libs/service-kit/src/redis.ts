import fp from 'fastify-plugin'
import { Redis, type RedisOptions } from 'ioredis'
import type { FastifyInstance } from 'fastify'

declare module 'fastify' {
  interface FastifyInstance { redis: Redis }
}

/**
 * Connection for the HTTP side: no offline queue, so a command fails at once while Redis is gone and the API
 * answers 503 instead of hanging (BullMQ "going to production": fail fast on the producer side).
 */
export function createApiRedis (url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: false, ...extra })
}

/** Connection for workers: BullMQ needs `maxRetriesPerRequest: null` for its blocking commands, and retries forever. */
export function createWorkerRedis (url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableOfflineQueue: true, ...extra })
}

export interface RedisPluginOptions { url?: string; redis?: Redis }

async function redisPlugin (app: FastifyInstance, opts: RedisPluginOptions): Promise<void> {
  const redis = opts.redis ?? createApiRedis(opts.url ?? 'redis://127.0.0.1:6379')
  redis.on('error', (err) => app.log.debug({ err: err.message }, 'redis error'))
  app.decorate('redis', redis)
  if (!opts.redis) app.addHook('onClose', async () => { redis.disconnect() })
}

export default fp(redisPlugin, { name: 'obp-redis' })
