// The issuer API's business metrics on its /metrics (issue 16), read at scrape time from the shared stores and
// queues: what the worker processes do shows here too, whichever process did it.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { registerQueueMetrics, scrapeGauge } from '@obp/service-kit'

const BATCH_STATES = ['queued', 'running', 'completed'] as const
const WEBHOOK_STATES = ['pending', 'delivered', 'failed'] as const

async function businessMetrics (app: FastifyInstance): Promise<void> {
  const ctx = app.issuerContext
  const registry = app.metrics.registry
  const db = ctx.db
  scrapeGauge(registry, 'obp_credentials_issued', 'Credentials issued by the platform, all issuers (HyperLogLog: exact when small, about 1% beyond)', [], async g => {
    g.set(await ctx.issuedCount.count())
  })
  // one read of the (small) batch documents per gauge: FerretDB converts every document it counts, so a count
  // per state would read them once per state
  const readBatches = async () => db.collection<{ state?: string; webhook?: { state?: string } }>('batches')
    .find({}, { projection: { state: 1, 'webhook.state': 1 } }).toArray()
  scrapeGauge(registry, 'obp_batches', 'Batches by state', ['state'], async g => {
    const all = await readBatches()
    for (const state of BATCH_STATES) g.set({ state }, all.filter(b => b.state === state).length)
  })
  scrapeGauge(registry, 'obp_webhook_deliveries', 'Batch completion webhooks by delivery state (failed: every attempt spent)', ['state'], async g => {
    const all = await readBatches()
    for (const state of WEBHOOK_STATES) g.set({ state }, all.filter(b => b.webhook?.state === state).length)
  })
  scrapeGauge(registry, 'obp_batch_rows_failed_waiting', 'Failed batch rows neither retried nor dismissed', [], async g => {
    g.set(await db.collection('batch_failed_rows').countDocuments({ resolution: { $exists: false } }))
  })
  registerQueueMetrics(registry, Object.values(ctx.queues))
}

export default fp(businessMetrics, { name: 'obp-issuer-business-metrics', dependencies: ['obp-metrics', 'obp-issuer-context'] })
