// Collects the benchmarks' JSON files into one table and bench/results.json. A figure with a ceiling (the same
// operation done directly with the libraries in one process, measured in the same run) is shown as a ratio of it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import os from 'node:os'

interface Figure { opsPerSec?: number; perSec?: number; p50Ms?: number; p99Ms?: number; [k: string]: unknown }
interface BenchOut { bench: string; results: Record<string, Figure>; ceilings?: Record<string, string>; [k: string]: unknown }

const dir = process.argv[2]
const outs: BenchOut[] = readdirSync(dir).filter(f => f.endsWith('.json')).sort().map(f => JSON.parse(readFileSync(join(dir, f), 'utf8')))
const rows: Array<{ bench: string; measurement: string; opsPerSec?: number; p50Ms?: number; p99Ms?: number; ceiling?: string; ratio?: number }> = []
for (const o of outs) {
  for (const [measurement, f] of Object.entries(o.results ?? {})) {
    const ceilingName = o.ceilings?.[measurement]
    const rate = (x?: Figure) => x?.opsPerSec ?? x?.perSec
    const ceiling = ceilingName ? o.results[ceilingName] : undefined
    const ratio = rate(ceiling) && rate(f) ? Number((rate(f)! / rate(ceiling)!).toFixed(2)) : undefined
    rows.push({ bench: o.bench, measurement, opsPerSec: rate(f), p50Ms: f.p50Ms, p99Ms: f.p99Ms, ceiling: ceilingName, ratio })
  }
}
const fmt = (v: unknown, w: number) => String(v ?? '').padStart(w)
console.log(`${'bench'.padEnd(10)} ${'measurement'.padEnd(44)} ${fmt('ops/s', 9)} ${fmt('p50 ms', 8)} ${fmt('p99 ms', 8)} ${fmt('of ceiling', 10)}`)
for (const r of rows) {
  console.log(`${r.bench.padEnd(10)} ${r.measurement.slice(0, 44).padEnd(44)} ${fmt(r.opsPerSec, 9)} ${fmt(r.p50Ms, 8)} ${fmt(r.p99Ms, 8)} ${fmt(r.ratio, 10)}`)
}
writeFileSync(new URL('../bench/results.json', import.meta.url), JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, rows, raw: outs }, null, 2) + '\n')
console.log('\nwritten to bench/results.json')
