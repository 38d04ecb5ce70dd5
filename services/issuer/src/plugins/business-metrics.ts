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
  scrapeGauge(registry, 'obp_credentials_issued', 'Credentials issued and stored by the platform (all issuers)', [], async g => {
    g.set(await db.collection('credentials').estimatedDocumentCount())
  })
  scrapeGauge(registry, 'obp_batches', 'Batches by state', ['state'], async g => {
    const batches = db.collection('batches')
    for (const state of BATCH_STATES) g.set({ state }, await batches.countDocuments({ state }))
  })
  scrapeGauge(registry, 'obp_webhook_deliveries', 'Batch completion webhooks by delivery state (failed: every attempt spent)', ['state'], async g => {
    const batches = db.collection('batches')
    for (const state of WEBHOOK_STATES) g.set({ state }, await batches.countDocuments({ 'webhook.state': state }))
  })
  scrapeGauge(registry, 'obp_batch_rows_failed_waiting', 'Failed batch rows neither retried nor dismissed', [], async g => {
    g.set(await db.collection('batch_failed_rows').countDocuments({ resolution: { $exists: false } }))
  })
  registerQueueMetrics(registry, Object.values(ctx.queues))
}

export default fp(businessMetrics, { name: 'obp-issuer-business-metrics', dependencies: ['obp-metrics', 'obp-issuer-context'] })
