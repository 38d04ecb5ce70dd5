// Collects the benchmarks' JSON files into one table and bench/results.json. A figure with a ceiling (the same
// operation done directly with the libraries in one process, measured in the same run) is shown as a ratio of
// it, and the previous bench/results.json value is shown beside it, so that a regression is visible. Benchmarks
// not run this time (`npm run bench -- verifier`) keep their previous rows.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import os from 'node:os'

interface Figure { opsPerSec?: number; perSec?: number; p50Ms?: number; p99Ms?: number; [k: string]: unknown }
interface BenchOut { bench: string; results: Record<string, Figure>; ceilings?: Record<string, string>; [k: string]: unknown }
interface Row { bench: string; measurement: string; opsPerSec?: number; p50Ms?: number; p99Ms?: number; ceiling?: string; ratio?: number; previous?: { opsPerSec?: number; p99Ms?: number; ratio?: number; date?: string } }
interface Results { date: string; node: string; cpus: number; loadavg?: number[]; rows: Row[]; raw: BenchOut[] }

const dir = process.argv[2]
const file = new URL('../bench/results.json', import.meta.url)
// the previous run on this machine, or else the committed baseline (the figures before issue 20's work)
const baseline = new URL('../bench/baseline.json', import.meta.url)
const previousFile = existsSync(file) ? file : existsSync(baseline) ? baseline : undefined
const before: Results | undefined = previousFile ? JSON.parse(readFileSync(previousFile, 'utf8')) : undefined
const outs: BenchOut[] = readdirSync(dir).filter(f => f.endsWith('.json')).sort().map(f => JSON.parse(readFileSync(join(dir, f), 'utf8')))
const ran = new Set(outs.map(o => o.bench))
const rate = (x?: Figure) => x?.opsPerSec ?? x?.perSec

const rows: Row[] = []
for (const o of outs) {
  for (const [measurement, f] of Object.entries(o.results ?? {})) {
    const ceilingName = o.ceilings?.[measurement]
    const ceiling = ceilingName ? o.results[ceilingName] : undefined
    const ratio = rate(ceiling) && rate(f) ? Number((rate(f)! / rate(ceiling)!).toFixed(2)) : undefined
    const prev = before?.rows.find(r => r.bench === o.bench && r.measurement === measurement)
    rows.push({
      bench: o.bench, measurement, opsPerSec: rate(f), p50Ms: f.p50Ms, p99Ms: f.p99Ms, ceiling: ceilingName, ratio,
      ...(prev ? { previous: { opsPerSec: prev.opsPerSec, p99Ms: prev.p99Ms, ratio: prev.ratio, date: before?.date } } : {})
    })
  }
}
// benchmarks not run this time keep their last rows (and raw output), marked by the date they were measured
const kept = previousFile === file ? (before?.rows ?? []).filter(r => !ran.has(r.bench)).map(r => ({ ...r, previous: r.previous })) : []
const all = [...rows, ...kept]
const keptRaw = previousFile === file ? (before?.raw ?? []).filter(o => !ran.has(o.bench)) : []

const fmt = (v: unknown, w: number) => String(v ?? '').padStart(w)
const header = `${'bench'.padEnd(10)} ${'measurement'.padEnd(46)} ${fmt('ops/s', 8)} ${fmt('p50 ms', 7)} ${fmt('p99 ms', 7)} ${fmt('ratio', 6)}  ${'ceiling'.padEnd(34)} ${fmt('prev ops/s', 10)} ${fmt('prev p99', 8)} ${fmt('prev ratio', 10)}`
console.log(`load average ${os.loadavg().map(l => l.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs${before ? `; previous: ${before.date}${previousFile === baseline ? ' (bench/baseline.json)' : ''}` : ''}`)
console.log(header)
for (const r of all) {
  const mark = ran.has(r.bench) ? '' : '*'
  console.log(`${(r.bench + mark).padEnd(10)} ${r.measurement.slice(0, 46).padEnd(46)} ${fmt(r.opsPerSec, 8)} ${fmt(r.p50Ms, 7)} ${fmt(r.p99Ms, 7)} ${fmt(r.ratio, 6)}  ${(r.ceiling ?? '').slice(0, 34).padEnd(34)} ${fmt(ran.has(r.bench) ? r.previous?.opsPerSec : '', 10)} ${fmt(ran.has(r.bench) ? r.previous?.p99Ms : '', 8)} ${fmt(ran.has(r.bench) ? r.previous?.ratio : '', 10)}`)
}
const results: Results = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadavg: os.loadavg().map(l => Number(l.toFixed(2))), rows: all, raw: [...outs, ...keptRaw] }
writeFileSync(file, JSON.stringify(results, null, 2) + '\n')
if (kept.length > 0) console.log('* not run this time: the figures of the previous run')
console.log('\nwritten to bench/results.json')
