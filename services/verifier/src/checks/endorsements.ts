// Embedded endorsements (OB 3.0 §B.1.6 EndorsementCredential; docs/decisions/0005-network-and-endorsements.md): each one is
// verified on its own (proof, issuer binding, validity, status) and reported as one `endorsement` step. An
// endorsement is informational: one that fails is shown as "not counted", with the reason, and never changes
// the verdict on the credential that carries it.
import { asArray, idOf, isObject, stringOf } from '../json.js'
import type { CheckEntry, EndorsementSummary, Json, VerificationReport } from '../types.js'

// Endorsements may carry endorsements; two levels is all a page shows and bounds the work.
export const MAX_ENDORSEMENT_DEPTH = 2

export type EndorsementPlace = EndorsementSummary['on']

/** Verifies one embedded endorsement (the full credential pipeline, one level deeper). */
export type VerifyEmbedded = (item: Json, depth: number) => Promise<VerificationReport>

interface Found { item: unknown; on: EndorsementPlace }

/** Embedded EndorsementCredentials: on the credential, its achievement, its issuer profile and the achievement's creator. */
function embeddedEndorsements (doc: Json): { found: Found[]; subjects: Set<string> } {
  const subject = asArray(doc.credentialSubject).find(isObject)
  const achievement = isObject(subject?.achievement) ? subject.achievement : undefined
  const issuer = isObject(doc.issuer) ? doc.issuer : undefined
  const creator = isObject(achievement?.creator) ? achievement.creator : undefined
  const places: Array<[Json | undefined, EndorsementPlace]> = [[doc, 'credential'], [achievement, 'achievement'], [issuer, 'issuer'], [creator, 'creator']]
  const found = places.flatMap(([node, on]) => (node !== undefined ? asArray(node.endorsement).map(item => ({ item, on })) : []))
  // What an endorsement here may be about: this credential, its issuer, its achievement or the achievement's creator.
  const subjects = new Set([doc.id, idOf(doc.issuer), achievement?.id, idOf(achievement?.creator)].filter((id): id is string => typeof id === 'string'))
  return { found, subjects }
}

/** Why a failed endorsement is not counted, from the first failing step of its own report. */
function notCountedBecause (report: VerificationReport): string {
  const failed = report.checks.find(c => c.status === 'failure')
  if (failed === undefined) return 'not verified'
  const reason = failed.check === 'status' && /^(revoked|suspended)\b/.test(failed.message)
    ? failed.message.split(' ')[0]!
    : failed.check === 'validity' && /^expired/.test(failed.message)
      ? 'expired'
      : failed.check === 'proof' && /could not be resolved/.test(failed.message)
        ? 'key not resolvable'
        : ({ proof: 'bad proof', issuer: 'issuer not bound', validity: 'not valid at this time', status: 'status not checkable', structure: 'malformed', schema: 'not OB 3.0 conformant' } as Record<string, string>)[failed.check] ?? `${failed.check} failed`
  return `${reason} (${failed.check}: ${failed.message})`
}

async function summarizeOne (verify: VerifyEmbedded, { item, on }: Found, subjects: Set<string>, depth: number): Promise<EndorsementSummary> {
  if (!isObject(item)) {
    return { issuer: {}, on, verified: false, counted: false, reason: 'malformed (not a credential object)', checks: [] }
  }
  const report = await verify(item, depth + 1)
  const subject = asArray(item.credentialSubject).find(isObject)
  const issuer = isObject(item.issuer) ? item.issuer : {}
  const subjectId = stringOf(subject?.id)
  const base = {
    id: stringOf(item.id),
    issuer: { id: idOf(item.issuer), name: stringOf(issuer.name) },
    name: stringOf(item.name),
    comment: stringOf(subject?.endorsementComment),
    ...(subjectId !== undefined ? { subjectId } : {}),
    on,
    verified: report.verified,
    checks: report.checks
  }
  if (!report.verified) return { ...base, counted: false, reason: notCountedBecause(report) }
  if (subjectId === undefined || !subjects.has(subjectId)) {
    return { ...base, counted: false, reason: `endorses ${subjectId ?? 'nothing named'}, not this credential, its issuer or its achievement` }
  }
  return { ...base, counted: true, reason: 'proof, issuer binding, dates and status verified' }
}

function entryOf (s: EndorsementSummary): CheckEntry {
  const who = `endorsement ${s.id ?? ''} (on the ${s.on}) by ${s.issuer.name ?? s.issuer.id ?? 'an unknown issuer'}`
  return s.counted
    ? { check: 'endorsement', status: 'success', message: `${who} verified and counted` }
    : { check: 'endorsement', status: 'warning', message: `${who} not counted: ${s.reason}` }
}

/** One step log entry and one summary per embedded endorsement; never a failure. */
export async function checkEndorsements (verify: VerifyEmbedded, doc: Json, depth: number): Promise<{ entries: CheckEntry[]; summaries: EndorsementSummary[] }> {
  const { found, subjects } = embeddedEndorsements(doc)
  if (found.length === 0) return { entries: [], summaries: [] }
  if (depth >= MAX_ENDORSEMENT_DEPTH) return { entries: [{ check: 'endorsement', status: 'skipped', message: 'endorsements nested this deep are not checked' }], summaries: [] }
  const summaries = await Promise.all(found.map(async f => await summarizeOne(verify, f, subjects, depth)))
  return { entries: summaries.map(entryOf), summaries }
}
