import fp from 'fastify-plugin'
import { Registry, collectDefaultMetrics, Histogram } from 'prom-client'
import type { FastifyInstance } from 'fastify'

declare module 'fastify' {
  interface FastifyInstance { metrics: { registry: Registry } }
}

async function metricsPlugin (app: FastifyInstance, opts: { service: string }): Promise<void> {
  // One registry per app, so several apps (tests) can live in one process.
  const registry = new Registry()
  registry.setDefaultLabels({ service: opts.service })
  collectDefaultMetrics({ register: registry })
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry]
  })
  app.decorate('metrics', { registry })
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched'
    duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000)
    done()
  })
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    return reply.type(registry.contentType).send(await registry.metrics())
  })
}

export default fp(metricsPlugin, { name: 'obp-metrics' })
