import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { Db } from 'mongodb'
import type { Redis } from 'ioredis'

export interface CheckResult { ok: boolean; detail?: string }
export type Check = () => Promise<CheckResult>

function withTimeout<T> (p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_resolve, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms) })
  ])
}

export function mongoCheck (db: Db): Check {
  return async () => {
    try {
      await withTimeout(db.command({ ping: 1 }), 2000, 'mongodb')
      return { ok: true }
    } catch (err) {
      return { ok: false, detail: (err as Error).message }
    }
  }
}

/** Redis must answer, and must not evict keys: BullMQ loses jobs under any other maxmemory-policy. */
export function redisCheck (redis: Redis): Check {
  return async () => {
    try {
      const info = await withTimeout(redis.info('memory'), 2000, 'redis')
      const policy = /maxmemory_policy:(\S+)/.exec(info)?.[1]
      if (policy && policy !== 'noeviction') {
        return { ok: false, detail: `maxmemory-policy is ${policy}; BullMQ needs noeviction` }
      }
      return { ok: true }
    } catch (err) {
      return { ok: false, detail: (err as Error).message }
    }
  }
}

export interface HealthOptions { checks: Record<string, Check> }

async function healthPlugin (app: FastifyInstance, opts: HealthOptions): Promise<void> {
  const hide = { schema: { hide: true } }
  app.get('/health/live', hide, async () => ({ status: 'ok' }))
  app.get('/health/ready', hide, async (_request, reply) => {
    const entries = await Promise.all(Object.entries(opts.checks).map(async ([name, check]) => [name, await check()] as const))
    const down = entries.filter(([, r]) => !r.ok)
    const body = {
      status: down.length === 0 ? 'ok' : 'unavailable',
      checks: Object.fromEntries(entries.map(([name, r]) => [name, r.ok ? 'ok' : `down: ${r.detail ?? 'no answer'}`])),
      ...(down.length ? { down: down.map(([name]) => name) } : {})
    }
    return reply.code(down.length === 0 ? 200 : 503).send(body)
  })
}

export default fp(healthPlugin, { name: 'obp-health' })
