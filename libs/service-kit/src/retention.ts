// Retention: records that only grow get an explicit expiry, enforced by a sweep. FerretDB has no TTL indexes, and a
// sweep works the same on MongoDB; expiry is also checked on every read where it matters (sessions, claims, tokens),
// so the sweep only reclaims space and never decides what is valid.
export interface RetentionRule {
  /** the records it removes, for logs and the result (`idempotency_keys`, `batches`, ...) */
  name: string
  /** removes what expired before `now`; returns how many records it removed. Must be idempotent. */
  sweep: (now: Date) => Promise<number>
}

export interface RetentionSweep {
  /** one pass over every rule; a rule that fails is logged and the others still run */
  sweepOnce: (now?: Date) => Promise<Record<string, number>>
  stop: () => void
}

export function startRetentionSweep (opts: {
  rules: RetentionRule[]
  /** 0: no timer (tests call sweepOnce) */
  intervalMs: number
  log: (msg: string, extra?: Record<string, unknown>) => void
}): RetentionSweep {
  let running: Promise<Record<string, number>> | undefined
  async function pass (now: Date): Promise<Record<string, number>> {
    const removed: Record<string, number> = {}
    for (const rule of opts.rules) {
      try {
        removed[rule.name] = await rule.sweep(now)
      } catch (err) {
        opts.log('retention sweep failed', { rule: rule.name, err: (err as Error).message })
      }
    }
    if (Object.values(removed).some(n => n > 0)) opts.log('expired records removed', removed)
    return removed
  }
  // one pass at a time: a slow pass is not overlapped by the next tick
  const sweepOnce = async (now = new Date()): Promise<Record<string, number>> => {
    while (running) await running.catch(() => {})
    running = pass(now)
    try { return await running } finally { running = undefined }
  }
  const timer = opts.intervalMs > 0 ? setInterval(() => { void sweepOnce() }, opts.intervalMs) : undefined
  timer?.unref()
  return { sweepOnce, stop: () => { if (timer) clearInterval(timer) } }
}
