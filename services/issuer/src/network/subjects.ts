// What an endorsement may be about (OB 3.0 §B.2.2 EndorsementSubject `id`): an Achievement or a Profile.
// CONTRACT.md: a body field naming an object accepts its full id and, for this platform's URLs, the last segment.
import type { Db } from 'mongodb'
import type { IssuerStore } from '@obp/issuers'
import { lastSegment } from '../ids.js'
import { findAchievement } from './achievements.js'
import type { SubjectKind } from './endorsement-store.js'

export interface ResolvedSubject {
  /** The canonical id: the Achievement id URL, or the Profile id (the issuer's DID). */
  id: string
  kind: SubjectKind
  issuerId: string
  name: string
}

async function findProfile (issuers: IssuerStore, ref: string, publicUrl: string): Promise<ResolvedSubject | null> {
  let issuer = ref.startsWith('did:') ? await issuers.getByDid(ref) : null
  // The issuer's URL under ISSUER_PUBLIC_URL (GET /issuers/:issuerId), or a bare issuer id.
  if (!issuer && ref.startsWith(`${publicUrl}/issuers/`)) issuer = await issuers.get(lastSegment(ref))
  if (!issuer && !/[/:]/.test(ref)) issuer = await issuers.get(ref)
  if (!issuer) return null
  return { id: issuer.profile.id, kind: 'profile', issuerId: issuer._id, name: issuer.profile.name }
}

export async function resolveSubject (db: Db, issuers: IssuerStore, ref: string, publicUrl: string): Promise<ResolvedSubject | null> {
  const achievement = await findAchievement(db, ref)
  if (achievement) {
    return { id: achievement.achievement.id, kind: 'achievement', issuerId: achievement.issuerId, name: achievement.achievement.name }
  }
  return findProfile(issuers, ref, publicUrl)
}
