// The consumer of `obp-credential-events` inside the issuer worker: without one, `credential.issued` jobs would
// pile up in Redis forever (ARCHITECTURE.md, Queues). It counts issued credentials per issuer and observes the
// time from enqueue (the job's timestamp) to consumption. Only the last 10,000 completed jobs are kept.
import { Worker, type Job, type ConnectionOptions } from 'bullmq'
import { Counter, Histogram, type Registry } from 'prom-client'
import { QUEUES } from '@obp/service-kit'
import type { IssuedEvent } from '../context.js'

export interface IssuedEventsOptions {
  connection: ConnectionOptions
  prefix: string
  registry: Registry
  concurrency?: number
}

export function createIssuedEventsMetrics (registry: Registry) {
  return {
    issued: new Counter({ name: 'obp_credentials_issued_total', help: 'credentials named by the consumed credential.issued and credentials.issued jobs, by issuer', labelNames: ['issuer'], registers: [registry] }),
    latency: new Histogram({
      name: 'obp_credential_event_latency_seconds',
      help: 'time from a credential.issued (or a chunk\'s credentials.issued) job being queued to its consumption',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry]
    })
  }
}

/**
 * Drains `obp-credential-events`: one metric update per job, nothing else (the jobs carry ids only). A single
 * award is a `credential.issued` job, a batch chunk one `credentials.issued` job naming all its credentials.
 */
export function startIssuedEventsConsumer (opts: IssuedEventsOptions): Worker<IssuedEvent> {
  const metrics = createIssuedEventsMetrics(opts.registry)
  return new Worker<IssuedEvent>(QUEUES.credentialEvents, async (job: Job<IssuedEvent>) => {
    metrics.issued.inc({ issuer: job.data.issuerId }, job.data.type === 'credentials.issued' ? job.data.credentialIds.length : 1)
    metrics.latency.observe(Math.max(0, Date.now() - job.timestamp) / 1000)
  }, {
    connection: opts.connection,
    prefix: opts.prefix,
    concurrency: opts.concurrency ?? 50,
    // a bounded window of completed jobs, so a chunk re-run soon after still finds its events by jobId
    removeOnComplete: { count: 10_000 },
    removeOnFail: { count: 1000 }
  })
}
