// GET /issuers/:issuerId/credentials: one family of buckets is read (the most selective filter: recipient, then
// batch, then achievement, else all), newest first; the other filters apply to its items. A page stops at
// `limit` items or after a bounded amount of reading (MAX_SCAN items, MAX_BUCKETS days), then `next` resumes
// exactly where it stopped, so a request costs the same however many credentials the issuer has.
import { InvalidCursor } from '../errors.js'
import { newestFirst, type CredentialIndex, type Family, type RecordItem } from './credential-index.js'
import type { RevocationReader } from './revocations.js'

export const STATUSES = ['active', 'revoked', 'expired'] as const
export type RecordStatus = typeof STATUSES[number]
export const MAX_SCAN = 20_000
export const MAX_BUCKETS = 62

export interface ListQuery {
  issuerId: string
  /** keyed hash of the recipient (lookup-key.ts) */
  recipientHash?: string
  achievementKey?: string
  batchId?: string
  status?: RecordStatus
  issuedAfter?: string
  issuedBefore?: string
  limit: number
  cursor?: string
}

export interface ListedCredential {
  id: string
  achievementId: string
  recipientName?: string
  issuedAt: string
  validUntil?: string
  status: RecordStatus
  revoked: boolean
  revokedAt?: string
  revokedReason?: string
  batchId?: string
  row?: number
}

interface Position { t: string; c: string }

export function encodeCursor (p: Position): string {
  return Buffer.from(`${p.t}|${p.c}`, 'utf8').toString('base64url')
}

export function decodeCursor (cursor: string): Position {
  const text = Buffer.from(cursor, 'base64url').toString('utf8')
  const cut = text.indexOf('|')
  const t = text.slice(0, cut)
  if (cut < 0 || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(t)) throw new InvalidCursor()
  return { t, c: text.slice(cut + 1) }
}

function family (q: ListQuery): [Family, string] {
  if (q.recipientHash !== undefined) return ['rcp', q.recipientHash]
  if (q.batchId !== undefined) return ['bat', q.batchId]
  if (q.achievementKey !== undefined) return ['ach', q.achievementKey]
  return ['all', '']
}

/** Revoked wins over expired: a revoked credential is revoked whatever its dates. */
function statusOf (item: RecordItem, revoked: Map<string, Date>, now: string): { status: RecordStatus; revokedAt?: Date } {
  const at = item.l !== undefined && item.i !== undefined ? revoked.get(`${item.l}:${item.i}`) : undefined
  if (at) return { status: 'revoked', revokedAt: at }
  return { status: item.u !== undefined && item.u <= now ? 'expired' : 'active' }
}

export async function listCredentials (index: CredentialIndex, revocations: RevocationReader, q: ListQuery): Promise<{ items: ListedCredential[]; next?: string }> {
  const [fam, key] = family(q)
  const from = q.cursor !== undefined ? decodeCursor(q.cursor) : undefined
  const now = new Date().toISOString()
  const before = (p: Position) => from === undefined || newestFirst(p, from) > 0
  const inRange = (t: string) => (q.issuedAfter === undefined || t >= q.issuedAfter) && (q.issuedBefore === undefined || t < q.issuedBefore)
  let buckets = await index.buckets(q.issuerId, fam, key)
  if (index.isDaily(fam)) {
    // days outside the dates asked, or newer than the cursor, are never read
    const upTo = [from?.t, q.issuedBefore].filter((t): t is string => t !== undefined).map(t => t.slice(0, 10)).sort()[0]
    const after = q.issuedAfter?.slice(0, 10)
    buckets = buckets.filter(d => (upTo === undefined || d <= upTo) && (after === undefined || d >= after))
  }
  const revoked = await revocations.revokedOf(q.issuerId)
  const page: Array<{ item: RecordItem; status: RecordStatus; revokedAt?: Date }> = []
  let scanned = 0
  let last: Position | undefined
  let read = 0
  let more = false
  outer: for (const bucket of buckets) {
    if (read === MAX_BUCKETS || scanned >= MAX_SCAN) { more = true; break }
    read++
    for (const item of await index.bucket(q.issuerId, fam, key, bucket)) {
      if (!before(item)) continue
      if (page.length === q.limit || scanned >= MAX_SCAN) { more = true; break outer }
      scanned++
      last = item
      if (!inRange(item.t)) continue
      if (q.achievementKey !== undefined && item.ak !== q.achievementKey) continue
      if (q.batchId !== undefined && item.b !== q.batchId) continue
      if (q.recipientHash !== undefined && item.h !== q.recipientHash) continue
      const s = statusOf(item, revoked, now)
      if (q.status !== undefined && s.status !== q.status) continue
      page.push({ item, ...s })
    }
    // a day read to its end: the next page starts before it, even when nothing in it matched
    if (index.isDaily(fam) && (last === undefined || last.t.slice(0, 10) > bucket)) last = { t: `${bucket}T00:00:00.000Z`, c: '' }
  }
  const items = await Promise.all(page.map(async ({ item, status, revokedAt }) => {
    const reason = revokedAt ? await revocations.reasonOf(item.c) : undefined
    return view(item, status, revokedAt, reason)
  }))
  return { items, ...(more && last !== undefined ? { next: encodeCursor(last) } : {}) }
}

function view (item: RecordItem, status: RecordStatus, revokedAt?: Date, reason?: string): ListedCredential {
  return {
    id: item.c,
    achievementId: item.a,
    ...(item.n !== undefined ? { recipientName: item.n } : {}),
    issuedAt: item.t,
    ...(item.u !== undefined ? { validUntil: item.u } : {}),
    status,
    revoked: status === 'revoked',
    ...(revokedAt ? { revokedAt: revokedAt.toISOString() } : {}),
    ...(reason !== undefined ? { revokedReason: reason } : {}),
    ...(item.b !== undefined ? { batchId: item.b } : {}),
    ...(item.r !== undefined ? { row: item.r } : {})
  }
}
