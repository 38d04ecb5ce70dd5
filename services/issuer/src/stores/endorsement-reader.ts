import type { Db } from 'mongodb'

interface EndorsementDoc {
  _id: string
  subjectId: string
  subjectIssuerId: string
  state: string
  revoked?: boolean
  credential: Record<string, unknown>
  acceptedAt?: Date
}

/**
 * Accepted, unrevoked endorsements of an issuer's achievement or profile, as embedded in its badges
 * (OB 3.0 §B.1.2 AchievementCredential `endorsement`). The `endorsements` collection is written by the
 * network module (issue 7); this side only reads it.
 */
export function createEndorsementReader (db: Db) {
  const col = db.collection<EndorsementDoc>('endorsements')
  return {
    async acceptedFor (issuerId: string, subjectIds: string[]): Promise<Array<Record<string, unknown>>> {
      const docs = await col.find({ subjectIssuerId: issuerId, state: 'accepted', revoked: { $ne: true }, subjectId: { $in: subjectIds } })
        .sort({ acceptedAt: 1, _id: 1 }).limit(50).toArray()
      return docs.map(d => d.credential)
    }
  }
}

export type EndorsementReader = ReturnType<typeof createEndorsementReader>
