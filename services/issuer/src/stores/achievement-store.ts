import type { Db } from 'mongodb'
import type { Achievement } from '@obp/ob3'

export interface AchievementRecord {
  _id: string // the last path segment of `achievement.id`
  issuerId: string
  /** the OB 3.0 Achievement as embedded in credentials */
  achievement: Achievement
  createdAt: Date
  updatedAt: Date
}

/** Achievements (badge classes) of issuers (STYLE.md §5). */
export function createAchievementStore (db: Db) {
  const col = db.collection<AchievementRecord>('achievements')
  return {
    async ensureIndexes (): Promise<void> {
      await col.createIndex({ issuerId: 1, createdAt: 1 })
    },
    async create (issuerId: string, id: string, achievement: Achievement): Promise<AchievementRecord> {
      const now = new Date()
      const record: AchievementRecord = { _id: id, issuerId, achievement, createdAt: now, updatedAt: now }
      await col.insertOne(record)
      return record
    },
    async get (issuerId: string, id: string): Promise<AchievementRecord | null> {
      return col.findOne({ _id: id, issuerId })
    },
    async list (issuerId: string): Promise<AchievementRecord[]> {
      return col.find({ issuerId }).sort({ createdAt: 1 }).limit(10_000).toArray()
    },
    async replace (issuerId: string, id: string, achievement: Achievement): Promise<boolean> {
      const r = await col.updateOne({ _id: id, issuerId }, { $set: { achievement, updatedAt: new Date() } })
      return r.matchedCount === 1
    }
  }
}

export type AchievementStore = ReturnType<typeof createAchievementStore>
