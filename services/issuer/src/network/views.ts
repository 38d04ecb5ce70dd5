// Records as the API shows them (dates as ISO strings, ids named as in CONTRACT.md).
import type { IssuerRecord } from '@obp/issuers'
import type { AchievementDoc } from './achievements.js'
import type { EndorsementRecord } from './endorsement-store.js'
import type { MemberRecord } from './member-store.js'

const iso = (d?: Date): string | undefined => d?.toISOString()

export function memberView (m: MemberRecord, issuer: IssuerRecord | null, withHistory = false) {
  return {
    issuerId: m._id,
    did: issuer?.did ?? m.did,
    profile: issuer?.profile ?? { id: m.did },
    since: m.since.toISOString(),
    ...(m.removedAt ? { removedAt: m.removedAt.toISOString() } : {}),
    ...(withHistory ? { history: m.history.map(h => ({ action: h.action, at: h.at.toISOString() })) } : {})
  }
}

export function endorsementView (e: EndorsementRecord, withCredential = true) {
  return {
    endorsementId: e._id,
    state: e.state,
    endorserIssuerId: e.endorserIssuerId,
    subjectId: e.subjectId,
    subjectIssuerId: e.subjectIssuerId,
    subjectKind: e.subjectKind,
    revoked: e.revoked === true,
    ...(e.message ? { message: e.message } : {}),
    createdAt: e.createdAt.toISOString(),
    issuedAt: iso(e.issuedAt),
    acceptedAt: iso(e.acceptedAt),
    declinedAt: iso(e.declinedAt),
    ...(withCredential && e.credential ? { credential: e.credential } : {})
  }
}

export function searchHitView (a: AchievementDoc, issuer: IssuerRecord | undefined) {
  const { id, name, description, tag, alignment, image } = a.achievement
  return {
    id,
    name,
    ...(description !== undefined ? { description } : {}),
    ...(tag !== undefined ? { tag } : {}),
    ...(alignment !== undefined ? { alignment } : {}),
    ...(image !== undefined ? { image } : {}),
    achievement: a.achievement,
    issuer: { issuerId: a.issuerId, id: issuer?.profile.id ?? '', name: issuer?.profile.name ?? '' }
  }
}
