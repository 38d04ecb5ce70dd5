// Watching a batch: a live bar (rows done, rate, ETA) on a terminal, plain progress lines otherwise. Polls the cheap
// progress form of GET /batches/:id (?results=false) until the batch completes.
import { SingleBar, Presets } from 'cli-progress'
import { call, expect } from './http.js'

export interface BatchProgress { batchId: string; state: string; total: number; succeeded: number; failed: number; pending?: number }

export async function watchBatch (opts: { issuerUrl: string; apiKey?: string; batchId: string; intervalMs?: number; bar: boolean; log: (line: string) => void }): Promise<BatchProgress> {
  const url = `${opts.issuerUrl}/batches/${encodeURIComponent(opts.batchId)}?results=false`
  const poll = async (): Promise<BatchProgress> => expect(await call('GET', url, { apiKey: opts.apiKey }), [200], `batch ${opts.batchId}`).body as BatchProgress
  let p = await poll()
  const bar = opts.bar ? new SingleBar({ format: 'batch |{bar}| {value}/{total} rows, {failed} failed | {rate} rows/s | ETA {eta_formatted}', hideCursor: true, stream: process.stderr }, Presets.shades_classic) : undefined
  const started = Date.now()
  const startDone = p.succeeded + p.failed
  const rate = (done: number): string => (((done - startDone) / Math.max(0.001, (Date.now() - started) / 1000))).toFixed(0)
  bar?.start(p.total, p.succeeded + p.failed, { failed: p.failed, rate: '0' })
  let lastLogged = -1
  while (p.state !== 'completed') {
    const done = p.succeeded + p.failed
    if (!bar && done !== lastLogged) { opts.log(`${done}/${p.total} rows (${p.failed} failed), ${p.state}`); lastLogged = done }
    await new Promise(resolve => setTimeout(resolve, opts.intervalMs ?? 1000))
    p = await poll()
    bar?.update(p.succeeded + p.failed, { failed: p.failed, rate: rate(p.succeeded + p.failed) })
  }
  bar?.stop()
  return p
}
