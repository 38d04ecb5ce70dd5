// Business metrics read when Prometheus scrapes an API's /metrics (issue 16): queue depth and age from Redis,
// counts from the stores. Each is read at scrape time from the shared state, so every API replica reports the
// same platform-wide values, and a store that does not answer leaves its gauges out rather than failing /metrics.
import { Gauge, type Registry } from 'prom-client'
import type { Queue } from 'bullmq'

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'] as const

/** A gauge whose values are set by `read` at each scrape; `read` failing leaves the gauge empty for that scrape. */
export function scrapeGauge<L extends string> (registry: Registry, name: string, help: string, labelNames: L[], read: (g: Gauge<L>) => Promise<void>): Gauge<L> {
  return new Gauge<L>({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect () {
      this.reset()
      try { await read(this) } catch { /* a store is down: /health/ready says so; no stale values */ }
    }
  })
}

/** `obp_queue_jobs{queue,state}` and `obp_queue_oldest_waiting_seconds{queue}` for each queue. */
export function registerQueueMetrics (registry: Registry, queues: Queue[]): void {
  scrapeGauge(registry, 'obp_queue_jobs', 'Jobs per BullMQ queue and state (completed and failed: as kept by the queue)', ['queue', 'state'], async g => {
    for (const q of queues) {
      const counts = await q.getJobCounts(...JOB_STATES)
      for (const state of JOB_STATES) g.set({ queue: q.name, state }, counts[state] ?? 0)
    }
  })
  scrapeGauge(registry, 'obp_queue_oldest_waiting_seconds', 'Age of the oldest job waiting in each queue (0 when none waits)', ['queue'], async g => {
    const now = Date.now()
    for (const q of queues) {
      const [oldest] = await q.getJobs(['waiting', 'prioritized'], 0, 0, true)
      g.set({ queue: q.name }, oldest ? Math.max(0, (now - oldest.timestamp) / 1000) : 0)
    }
  })
}

/**
 * `obp_jsonld_fast_path_copies{path}`: active-context copies made by the fast path (`fast`) and by stock jsonld while
 * the switch is off (`stock`), and `obp_jsonld_fast_path_active` (1 when this process uses the fast path). Counts of
 * this process (and thread: a signing pool's threads keep their own).
 */
export function registerJsonLdMetrics (registry: Registry, stats: () => { active: boolean; hits: number; fallbacks: number }): void {
  scrapeGauge(registry, 'obp_jsonld_fast_path_copies', 'jsonld active-context copies of this process, by path (fast: the fast path; stock: the switch is off)', ['path'], async g => {
    const s = stats()
    g.set({ path: 'fast' }, s.hits)
    g.set({ path: 'stock' }, s.fallbacks)
  })
  scrapeGauge(registry, 'obp_jsonld_fast_path_active', '1 when this process uses the jsonld fast path (JSONLD_FAST_PATH_SIGNING / _VERIFYING and the pinned jsonld)', [], async g => {
    g.set(stats().active ? 1 : 0)
  })
}
