// Shared by bench/fast-path.bench.ts and bench/issuer.bench.ts: the platform's credential shape, and the batch
// pipeline done in one process with the libraries (the ceiling of a batch run end to end through the services).
import { randomUUID } from 'node:crypto'
import { MongoClient } from 'mongodb'
import { createDocumentLoader } from '@obp/documents'
import { buildAchievement, buildOpenBadgeCredential, buildProfile } from '@obp/ob3'
import { issue, type Signer, type StoredKey } from '@obp/signing'
import { createStatusAllocator } from '@obp/status'

/** Rows per chunk, as the issuer's BATCH_CHUNK_SIZE default. */
export const CHUNK = 200
const documentLoader = createDocumentLoader()

export interface Sample { ops: number; wallMs: number; cpuMs: number; lat: number[] }

/** Self-contained (fast-path.bench.ts evaluates its source in worker threads, with the same imports in scope). */
export function credentialFactory (issuerDid: string): (n: number, id?: string, status?: object) => Record<string, unknown> {
  const issuer = buildProfile({ id: issuerDid, name: 'Example University', url: 'https://example.edu', email: 'badges@example.edu' })
  const achievement = buildAchievement({
    id: 'https://issuer.example/issuers/1/achievements/data-literacy',
    name: 'Data Literacy',
    description: 'Reads, works with, analyses and argues with data.',
    criteria: { narrative: 'Completed the four data literacy modules and the capstone project.' },
    image: 'https://issuer.example/images/data-literacy.png',
    achievementType: 'Badge',
    alignment: [{ targetName: 'Data analysis', targetUrl: 'https://framework.example/skills/data-analysis', targetType: 'ceasn:Competency' }]
  })
  return (n, id = `https://issuer.example/credentials/${randomUUID()}`, status?: object) => buildOpenBadgeCredential({
    id,
    issuer,
    achievement,
    recipient: { email: `student${n}@example.edu`, name: `Student Nº ${n} "Ünïcødé"` },
    validFrom: '2024-09-01T00:00:00Z',
    result: [{ value: 'Distinction' }],
    evidence: [{ id: `https://issuer.example/evidence/${n}`, name: 'Capstone', narrative: 'Line one\nline two \\ "quoted"' }],
    credentialStatus: status ?? { id: `https://status.example/status-lists/1#${n}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(n), statusListCredential: 'https://status.example/status-lists/1' }
  }) as unknown as Record<string, unknown>
}


/**
 * The batch path end to end, in this process, with the platform's libraries: per chunk of 200 rows, allocate
 * status entries (@obp/status allocateMany, grouped per chunk, MongoDB), build (@obp/ob3), sign (issue(): the
 * fast path), store (insertMany of the credentials as JSON text, as the issuer's credential store does); the
 * entries are bound later, a group at a time, by the revocation worker's sweeper. Time per stage shows what
 * limits the figure once signing is cheap.
 */
export async function batchPipeline ({ key, signer, rows: BATCH_ROWS }: { key: StoredKey; signer: Signer; rows: number }): Promise<{ sample: Sample; stages: Record<string, number> }> {
  const client = await MongoClient.connect(process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:27017', { serverSelectionTimeoutMS: 5000, socketTimeoutMS: 60000 })
  const db = client.db(`bench_fast_path_${randomUUID().slice(0, 8)}`)
  const stages = { allocate: 0, build: 0, sign: 0, store: 0 }
  const lat: number[] = []
  try {
    const allocator = createStatusAllocator({ db, revocationPublicUrl: 'https://status.example' })
    const credentials = db.collection<{ _id: string; issuerId: string; json: string; statusGroup: string }>('credentials')
    const credential = credentialFactory(key.controller)
    const cpu0 = process.cpuUsage()
    const start = performance.now()
    const step = async <T>(stage: keyof typeof stages, fn: () => Promise<T> | T): Promise<T> => {
      const t0 = performance.now()
      try { return await fn() } finally { stages[stage] += performance.now() - t0 }
    }
    for (let first = 0; first < BATCH_ROWS; first += CHUNK) {
      const t0 = performance.now()
      const ids = Array.from({ length: Math.min(CHUNK, BATCH_ROWS - first) }, () => `https://issuer.example/credentials/${randomUUID()}`)
      const statuses = await step('allocate', () => allocator.allocateMany({ issuerId: 'bench-issuer', credentialIds: ids, group: `bench:${first}` }))
      const unsigned = await step('build', () => ids.map((id, i) => credential(first + i, id, statuses[i])))
      const signed = await step('sign', () => Promise.all(unsigned.map(c => issue({ credential: c, signer, key, documentLoader }))))
      await step('store', () => credentials.insertMany(signed.map((c, i) => ({ _id: ids[i], issuerId: 'bench-issuer', json: JSON.stringify(c), statusGroup: `bench:${first}` })), { ordered: false }))
      lat.push(performance.now() - t0)
    }
    const cpu = process.cpuUsage(cpu0)
    return { sample: { ops: BATCH_ROWS, wallMs: performance.now() - start, cpuMs: (cpu.user + cpu.system) / 1000, lat }, stages }
  } finally {
    await db.dropDatabase().catch(() => undefined)
    await client.close()
  }
}

