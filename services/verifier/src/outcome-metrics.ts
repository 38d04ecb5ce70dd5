// Verification outcomes on the verifier's /metrics (issue 16): `obp_verifications_total{outcome, check}`, one
// increment per verification (check "none" when verified), plus one per failing check of a failed one.
import { Counter, type Registry } from 'prom-client'
import type { FastifyInstance } from 'fastify'
import type { VerificationReport } from './types.js'

const counters = new WeakMap<Registry, Counter<'outcome' | 'check'>>()

function counterOf (registry: Registry): Counter<'outcome' | 'check'> {
  let c = counters.get(registry)
  if (!c) {
    c = new Counter({ name: 'obp_verifications_total', help: 'Verifications by outcome (verified, failed) and failing check (none when verified)', labelNames: ['outcome', 'check'], registers: [registry] })
    counters.set(registry, c)
  }
  return c
}

export function countOutcome (app: FastifyInstance, report: Pick<VerificationReport, 'verified' | 'checks'>): void {
  const registry = (app as { metrics?: { registry: Registry } }).metrics?.registry
  if (!registry) return
  const counter = counterOf(registry)
  if (report.verified) { counter.inc({ outcome: 'verified', check: 'none' }); return }
  const failing = [...new Set(report.checks.filter(c => c.status === 'failure').map(c => c.check))]
  for (const check of failing.length > 0 ? failing : ['unknown']) counter.inc({ outcome: 'failed', check })
}
