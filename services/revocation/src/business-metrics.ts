// The revocation API's business metrics on its /metrics (issue 16), read at scrape time from the status
// collections (libs/status) and the publish queue.
import type { Db } from 'mongodb'
import type { Queue } from 'bullmq'
import type { Registry } from 'prom-client'
import { registerQueueMetrics, scrapeGauge } from '@obp/service-kit'

export function registerRevocationMetrics (registry: Registry, db: Db, queues: Queue[]): void {
  scrapeGauge(registry, 'obp_credentials_revoked', 'Credentials revoked now (set bits of all status lists)', [], async g => {
    g.set(await db.collection('status_revocations').estimatedDocumentCount())
  })
  scrapeGauge(registry, 'obp_status_changes', 'Status changes recorded in the audit trail, by new state (revoked: revocations, active: restorations)', ['to'], async g => {
    const changes = await db.collection('status_audit').find({}, { projection: { to: 1 } }).toArray() // one read, not a count per state
    for (const to of ['revoked', 'active']) g.set({ to }, changes.filter(c => c.to === to).length)
  })
  registerQueueMetrics(registry, queues)
}
