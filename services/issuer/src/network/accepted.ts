// Which endorsements a badge carries: accepted by the endorsed issuer, not expired, and not revoked in the
// endorsement's own status entry (docs/decisions/0005-network-and-endorsements.md, "Badges carry their trust"; Bitstring Status List §3.2). Membership is
// not required here: a signed, unrevoked endorsement stays true after its endorser leaves the network; the
// network views (graph, trust) count current members only.
import type { Db } from 'mongodb'
import { createStatusAllocator } from '@obp/status'
import type { NetworkContext } from './context.js'
import { createEndorsementStore, type EndorsementRecord, type EndorsementStore } from './endorsement-store.js'
import { EndorsementNotFound, EndorsementRevoked, WrongState } from './errors.js'

/** At most this many endorsements are embedded in one badge. */
export const MAX_EMBEDDED = 50

export type IsRevoked = (req: { credentialId: string }) => Promise<boolean | null>

export function expired (e: EndorsementRecord, now: number): boolean {
  const until = e.credential?.validUntil
  return typeof until === 'string' && Date.parse(until) <= now
}

/**
 * Drops endorsements whose status entry says revoked. The status entry is the truth (a revocation can be
 * undone, Bitstring Status List §2.1); each record's `revoked` flag is brought in line with it, both ways, as
 * a hint for readers of the shared collection.
 */
export async function withoutRevoked (records: EndorsementRecord[], isRevoked: IsRevoked, store: EndorsementStore): Promise<EndorsementRecord[]> {
  const flags = await Promise.all(records.map(r => r.credential ? isRevoked({ credentialId: r.credential.id }) : Promise.resolve(false)))
  const revoked = records.filter((r, i) => flags[i] === true && r.revoked !== true).map(r => r._id)
  const restored = records.filter((r, i) => flags[i] !== true && r.revoked === true).map(r => r._id)
  await Promise.all([store.markRevoked(revoked, true), store.markRevoked(restored, false)]).catch(() => { /* a hint only */ })
  return records.filter((_, i) => flags[i] !== true)
}

// Standalone callers (tests, scripts) that pass no `isRevoked` share one reader per database; the service passes its
// own allocator's (context.ts), so a process has one allocator. isRevoked only reads the status collections.
const readers = new WeakMap<Db, IsRevoked>()
function readerOf (db: Db): IsRevoked {
  let reader = readers.get(db)
  if (!reader) readers.set(db, reader = createStatusAllocator({ db, revocationPublicUrl: 'http://unused.invalid' }).isRevoked)
  return reader
}

/** Accepted, unexpired, unrevoked endorsements of `subjectIds` (all of `issuerId`), oldest acceptance first. */
export async function liveAccepted (db: Db, issuerId: string, subjectIds: string[], opts: { isRevoked?: IsRevoked } = {}): Promise<EndorsementRecord[]> {
  const subjects = subjectIds.filter(s => typeof s === 'string' && s !== '')
  if (subjects.length === 0) return []
  const store = createEndorsementStore(db)
  const found = await store.find({ subjectIssuerId: issuerId, subjectId: { $in: subjects }, state: 'accepted' }, MAX_EMBEDDED * 4)
  const now = Date.now()
  const isRevoked = opts.isRevoked ?? readerOf(db)
  return (await withoutRevoked(found.filter(e => !expired(e, now)), isRevoked, store))
    .sort((a, b) => (a.acceptedAt?.getTime() ?? 0) - (b.acceptedAt?.getTime() ?? 0))
    .slice(0, MAX_EMBEDDED)
}

/** The accepted endorsements of an achievement and/or a profile, split by subject, each list oldest first. */
export async function acceptedEndorsementsBySubject (db: Db, q: { issuerId: string; achievementId?: string; issuerProfileId?: string }, opts: { isRevoked?: IsRevoked } = {}): Promise<{ achievement: object[]; profile: object[] }> {
  const live = await liveAccepted(db, q.issuerId, [q.achievementId ?? '', q.issuerProfileId ?? ''], opts)
  const credentials = (kind: 'achievement' | 'profile', id?: string): object[] =>
    live.filter(e => e.subjectKind === kind && e.subjectId === id).map(e => e.credential as object)
  return { achievement: credentials('achievement', q.achievementId), profile: credentials('profile', q.issuerProfileId) }
}

/**
 * The signed EndorsementCredentials to embed in a badge of `issuerId` for `achievementId` (OB 3.0
 * AchievementCredential `endorsement`): the achievement's first, then the issuer profile's.
 */
export async function acceptedEndorsements (db: Db, q: { issuerId: string; achievementId?: string; issuerProfileId?: string }): Promise<object[]> {
  const split = await acceptedEndorsementsBySubject(db, q)
  return [...split.achievement, ...split.profile]
}

/** POST /issuers/:issuerId/endorsements/:endorsementId/accept: the endorsed issuer shows it on its badges. */
export async function acceptEndorsement (ctx: NetworkContext, subjectIssuerId: string, endorsementId: string): Promise<EndorsementRecord> {
  const e = await ctx.endorsements.get(endorsementId)
  if (!e || e.subjectIssuerId !== subjectIssuerId || e.state === 'requested' || e.state === 'declined' || !e.credential) {
    if (e && e.subjectIssuerId === subjectIssuerId) throw new WrongState(endorsementId, e.state)
    throw new EndorsementNotFound(endorsementId)
  }
  if ((await withoutRevoked([e], ctx.status.isRevoked, ctx.endorsements)).length === 0) throw new EndorsementRevoked(endorsementId)
  const accepted = await ctx.endorsements.accept(endorsementId, subjectIssuerId)
  if (!accepted || accepted.state !== 'accepted') throw new WrongState(endorsementId, accepted?.state ?? 'gone')
  return accepted
}

/** POST /issuers/:issuerId/endorsements/:endorsementId/hide: stop showing an accepted endorsement. */
export async function hideEndorsement (ctx: NetworkContext, subjectIssuerId: string, endorsementId: string): Promise<EndorsementRecord> {
  const hidden = await ctx.endorsements.hide(endorsementId, subjectIssuerId)
  if (!hidden) {
    const e = await ctx.endorsements.get(endorsementId)
    if (e && e.subjectIssuerId === subjectIssuerId) throw new WrongState(endorsementId, e.state)
    throw new EndorsementNotFound(endorsementId)
  }
  return hidden
}
