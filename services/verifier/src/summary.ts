// The display summary: what an employer reads first (achievement, issuer, recipient, dates, endorsements).
import { asArray, idOf, isObject, stringOf } from './json.js'
import type { DisplaySummary, EndorsementSummary, Json, NetworkSummary } from './types.js'

function imageOf (value: unknown): string | undefined {
  const url = idOf(value)
  // Only images a page can show without fetching from odd schemes.
  return url !== undefined && /^(https?:|data:image\/)/i.test(url) ? url : undefined
}

function firstSubject (doc: Json): Json | undefined {
  return asArray(doc.credentialSubject).find(isObject)
}

export function summarize (doc: Json, endorsements: EndorsementSummary[] = [], network?: NetworkSummary): DisplaySummary {
  const subject = firstSubject(doc)
  const achievement = isObject(subject?.achievement) ? subject.achievement : undefined
  const issuer = isObject(doc.issuer) ? doc.issuer : {}
  const criteria = isObject(achievement?.criteria) ? stringOf(achievement.criteria.narrative) ?? stringOf(achievement.criteria.id) : undefined
  const identifiers = asArray(subject?.identifier).filter(isObject).map(i => ({
    identityType: stringOf(i.identityType),
    hashed: i.hashed === true,
    // a hashed identity stays hashed: the page never shows a salt or pretends to know the value
    ...(i.hashed === true ? {} : { value: stringOf(i.identityHash) })
  }))
  return {
    id: stringOf(doc.id),
    type: asArray(doc.type).filter((t): t is string => typeof t === 'string'),
    name: stringOf(doc.name) ?? stringOf(achievement?.name),
    ...(achievement !== undefined
      ? { achievement: { id: stringOf(achievement.id), name: stringOf(achievement.name), description: stringOf(achievement.description), criteria, image: imageOf(achievement.image) } }
      : {}),
    issuer: { id: idOf(doc.issuer), name: stringOf(issuer.name), url: stringOf(issuer.url), image: imageOf(issuer.image) },
    ...(subject !== undefined ? { recipient: { id: stringOf(subject.id), name: stringOf(subject.name), identifiers } } : {}),
    validFrom: stringOf(doc.validFrom) ?? stringOf(doc.issuanceDate),
    validUntil: stringOf(doc.validUntil) ?? stringOf(doc.expirationDate),
    image: imageOf(doc.image) ?? imageOf(achievement?.image),
    endorsements,
    ...(network !== undefined ? { network } : {})
  }
}
