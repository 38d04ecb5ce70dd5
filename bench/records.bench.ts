// Records listing speed (issue 16): page latency of GET /issuers/:id/credentials's store work (the index buckets
// and the revocation state, in process on the real MongoDB wire server) over an issuer with many credentials,
// prepared as the issuing paths write them, for each filter family and for a deep page reached by cursor.
// Run: npx tsx bench/records.bench.ts   Env: BENCH_RECORDS (default 50,000), BENCH_PAGES (per measurement, default 20), BENCH_OUT.
import { randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import { MongoClient } from 'mongodb'
import { createCredentialIndex, type RecordItem } from '../services/issuer/src/records/credential-index.js'
import { createRevocationReader } from '../services/issuer/src/records/revocations.js'
import { listCredentials, type ListQuery } from '../services/issuer/src/records/listing.js'

const N = Number(process.env.BENCH_RECORDS ?? 50_000)
const PAGES = Number(process.env.BENCH_PAGES ?? 20)
const MONGO = (process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:27017').replace(/^(mongodb(\+srv)?:\/\/[^/?]+).*$/, '$1')
const quantile = (xs: number[], p: number): number => Math.round([...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] * 10) / 10

async function main (): Promise<void> {
  const dbName = 'bench_records_' + randomUUID().slice(0, 8)
  const client = new MongoClient(`${MONGO}/${dbName}`)
  await client.connect()
  const db = client.db(dbName)
  try {
    const index = createCredentialIndex(db)
    await index.ensureIndexes()
    const revocations = createRevocationReader(db)
    const issuerId = randomUUID()
    // chunks of 200 as a batch writes them: 2,000 a day, 5 achievements, a recipient per 10 credentials
    const start = Date.UTC(2026, 0, 1)
    const t0 = Date.now()
    for (let c = 0; c < N; c += 200) {
      const items: RecordItem[] = Array.from({ length: Math.min(200, N - c) }, (_, j) => {
        const i = c + j
        return { c: `https://badges.example/credentials/${i}`, a: `ach-${i % 5}`, ak: `ach-${i % 5}`, t: new Date(start + Math.floor(i / 2000) * 86_400_000 + (i % 2000) * 1000).toISOString(), n: `Learner ${i}`, h: `h${Math.floor(i / 10)}`, b: `batch-${Math.floor(i / 2000)}`, r: i % 2000 }
      })
      await index.add(issuerId, items)
    }
    const writeMs = Date.now() - t0
    const results: Record<string, { p50Ms: number; p99Ms: number; perSec?: number }> = {
      [`index ${N} credentials (chunks of 200)`]: { p50Ms: writeMs, p99Ms: writeMs, perSec: Math.round(N / (writeMs / 1000)) }
    }
    const measure = async (name: string, q: Omit<ListQuery, 'issuerId' | 'limit'>, deep = false): Promise<void> => {
      const times: number[] = []
      let cursor: string | undefined
      for (let p = 0; p < PAGES; p++) {
        const t = performance.now()
        const page = await listCredentials(index, revocations, { issuerId, limit: 50, ...q, ...(deep && cursor ? { cursor } : {}) })
        times.push(performance.now() - t)
        cursor = page.next
      }
      results[name] = { p50Ms: quantile(times, 0.5), p99Ms: quantile(times, 0.99) }
    }
    await measure('first page, all', {})
    await measure('following pages, all (cursor)', {}, true)
    await measure('first page, by achievement', { achievementKey: 'ach-3' })
    await measure('by recipient', { recipientHash: 'h1234' })
    await measure('by batch', { batchId: 'batch-7' })
    await measure('a day, by dates', { issuedAfter: '2026-01-05T00:00:00.000Z', issuedBefore: '2026-01-06T00:00:00.000Z' })
    console.table(results)
    if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify({ bench: 'records', records: N, cpus: os.cpus().length, node: process.version, results }, null, 2))
  } finally {
    await db.dropDatabase().catch(() => {})
    await client.close()
  }
}

await main()
