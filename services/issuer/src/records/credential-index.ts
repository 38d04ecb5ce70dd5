// `credential_index` and `credential_index_days`: what the records listing reads (ARCHITECTURE.md "Records").
// On FerretDB 1.24 every query is a scan of its collection; an equality on a top-level field is at least pushed
// down to PostgreSQL (about 1.5 µs a document there, against 150 µs for a document FerretDB converts), and only
// the matching documents are converted. So the listing asks equalities only, each answering one bucket:
//   - one family of buckets per filter: all of an issuer's credentials, per achievement, per recipient (keyed
//     hash), per batch; the large families (all, achievement) are split by UTC day, and a marker per day
//     (`credential_index_days`) says which days have any;
//   - a bucket holds documents of up to a batch chunk's items as JSON text (one insert per family per chunk,
//     a single award one per family), never updated.
// A page reads the family's days (one small document each), then only as many days as it needs.
import { createHash } from 'node:crypto'
import type { Db } from 'mongodb'
import { insertAll } from '@obp/service-kit/store'

/** One credential as listed: short keys, it is stored once per family. */
export interface RecordItem {
  c: string // credential id
  a: string // achievement id (full URL)
  ak: string // achievement key (last segment)
  t: string // issued at, ISO 8601 UTC (fixed width: sorts as text)
  n?: string // recipient name
  h?: string // recipient look-up hash
  u?: string // validUntil
  b?: string // batch id
  r?: number // batch row
  l?: string // status list id
  i?: number // status list index
}

export const FAMILIES = { all: 'all', achievement: 'ach', recipient: 'rcp', batch: 'bat' } as const
export type Family = typeof FAMILIES[keyof typeof FAMILIES]
/** Families split by day; the others (a person's badges, a batch's rows) stay small enough for one bucket. */
const BY_DAY = new Set<Family>(['all', 'ach'])
const ONE_BUCKET = '-'

interface IndexDoc { _id: string; k: string; items: string }
interface DayDoc { _id: string; d: string; day: string }

const familyKey = (issuerId: string, family: Family, key: string): string => `${issuerId}|${family}|${key}`
const keysOf = (item: RecordItem): Array<[Family, string]> => [
  ['all', ''], ['ach', item.ak],
  ...(item.h !== undefined ? [['rcp', item.h] as [Family, string]] : []),
  ...(item.b !== undefined ? [['bat', item.b] as [Family, string]] : [])
]

export function createCredentialIndex (db: Db) {
  const index = db.collection<IndexDoc>('credential_index')
  const days = db.collection<DayDoc>('credential_index_days')
  // day markers this process wrote: each is written once a day per family, not once per chunk (a duplicate in an
  // unordered insertMany makes FerretDB redo the whole insert one document at a time)
  const knownDays = new Set<string>()
  return {
    async ensureIndexes (): Promise<void> {
      await index.createIndex({ k: 1 })
      await days.createIndex({ d: 1 })
    },
    /**
     * Records issued credentials (a single award, or a chunk's). Idempotent: a document's `_id` is derived from
     * its bucket and the set of credentials, so a repeat is a duplicate key; a re-run with another set of rows
     * writes another document, and readers drop repeated credential ids.
     */
    async add (issuerId: string, items: RecordItem[]): Promise<void> {
      if (items.length === 0) return
      const groups = new Map<string, RecordItem[]>()
      const dayDocs = new Map<string, DayDoc>()
      for (const item of items) {
        for (const [family, key] of keysOf(item)) {
          const fk = familyKey(issuerId, family, key)
          const day = item.t.slice(0, 10)
          const bucket = BY_DAY.has(family) ? day : ONE_BUCKET
          if (BY_DAY.has(family) && !knownDays.has(`${fk}|${day}`)) dayDocs.set(`${fk}|${day}`, { _id: `${fk}|${day}`, d: fk, day })
          const k = `${fk}|${bucket}`
          const group = groups.get(k)
          if (group) group.push(item)
          else groups.set(k, [item])
        }
      }
      const docs = [...groups].map(([k, group]) => {
        const ids = group.map(i => i.c).sort().join('\n')
        return { _id: `${k}|${createHash('sha256').update(ids).digest('hex').slice(0, 24)}`, k, items: JSON.stringify(group) }
      })
      await insertAll(index, docs)
      await insertAll(days, [...dayDocs.values()])
      if (knownDays.size > 100_000) knownDays.clear()
      for (const k of dayDocs.keys()) knownDays.add(k)
    },
    /** The buckets of a family, newest first: its days, or its one bucket. */
    async buckets (issuerId: string, family: Family, key: string): Promise<string[]> {
      if (!BY_DAY.has(family)) return [ONE_BUCKET]
      const found = await days.find({ d: familyKey(issuerId, family, key) }, { projection: { day: 1 } }).toArray()
      return found.map(d => d.day).sort().reverse()
    },
    /** Every item of one bucket, newest first (ties by credential id, descending), each credential once. */
    async bucket (issuerId: string, family: Family, key: string, bucket: string): Promise<RecordItem[]> {
      const docs = await index.find({ k: `${familyKey(issuerId, family, key)}|${bucket}` }).toArray()
      const byId = new Map<string, RecordItem>()
      for (const d of docs) for (const item of JSON.parse(d.items) as RecordItem[]) if (!byId.has(item.c)) byId.set(item.c, item)
      return [...byId.values()].sort(newestFirst)
    },
    isDaily: (family: Family): boolean => BY_DAY.has(family)
  }
}

/** Listing order: issued at descending, then credential id descending (a total order, for cursors). */
export function newestFirst (x: { t: string; c: string }, y: { t: string; c: string }): number {
  return x.t !== y.t ? (x.t < y.t ? 1 : -1) : x.c === y.c ? 0 : x.c < y.c ? 1 : -1
}

export type CredentialIndex = ReturnType<typeof createCredentialIndex>
