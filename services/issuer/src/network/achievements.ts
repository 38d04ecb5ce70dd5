// Read-only access to the issuer service's `achievements` collection (written by the achievement routes).
// Kept in one file so the network module depends on that shape in one place only.
import type { Collection, Db, Filter } from 'mongodb'

/** The OB 3.0 Achievement fields the network reads (OB 3.0 §B.1.1). */
export interface AchievementView {
  id: string
  name: string
  description?: string
  tag?: string[]
  alignment?: Array<{ targetName?: string; targetUrl?: string }>
  image?: unknown
  achievementType?: string
}

export interface AchievementDoc {
  _id: string
  issuerId: string
  achievement: AchievementView
  createdAt?: Date
}

function collection (db: Db): Collection<AchievementDoc> {
  return db.collection<AchievementDoc>('achievements')
}

/** Escapes a user string for use inside a regular expression (search input is never a pattern). */
export function escapeRegex (text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** An achievement by its full id URL or, for ids of this platform, the last path segment. */
export async function findAchievement (db: Db, ref: string): Promise<AchievementDoc | null> {
  const col = collection(db)
  const byId = await col.findOne({ $or: [{ 'achievement.id': ref }, { _id: ref }] })
  if (byId || /[/:]/.test(ref)) return byId
  return col.findOne({ 'achievement.id': { $regex: `/${escapeRegex(ref)}$` } })
}

export async function findAchievementsByIds (db: Db, ids: string[]): Promise<AchievementDoc[]> {
  if (ids.length === 0) return []
  return collection(db).find({ 'achievement.id': { $in: ids } }).toArray()
}

/**
 * Achievements of the given issuers whose name, tag or alignment targetName contains `q` (case-insensitive).
 * An empty `q` lists them all. At most `limit` results, newest first.
 */
export async function searchAchievements (db: Db, opts: { q: string; issuerIds: string[]; limit: number }): Promise<AchievementDoc[]> {
  if (opts.issuerIds.length === 0) return []
  const filter: Filter<AchievementDoc> = { issuerId: { $in: opts.issuerIds } }
  const q = opts.q.trim()
  if (q !== '') {
    const pattern = { $regex: escapeRegex(q), $options: 'i' }
    filter.$or = [{ 'achievement.name': pattern }, { 'achievement.tag': pattern }, { 'achievement.alignment.targetName': pattern }]
  }
  return collection(db).find(filter).sort({ createdAt: -1, _id: 1 }).limit(opts.limit).toArray()
}
