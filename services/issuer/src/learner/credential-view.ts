// What the learner's pages show of a credential, read once from the signed JSON (never trusted as markup: the
// template escapes every value).
import { lastSegment } from '../ids.js'

export interface CredentialView {
  id: string
  segment: string
  achievementName: string
  description?: string
  criteria?: string
  criteriaUrl?: string
  image?: string
  issuerName: string
  issuerUrl?: string
  recipientName?: string
  validFrom?: string
  validUntil?: string
  /** who endorsed the badge, its achievement or its issuer (OB 3.0 EndorsementCredential), and what they said */
  endorsements: Array<{ name: string; comment?: string }>
}

const str = (v: unknown): string | undefined => typeof v === 'string' && v.trim() !== '' ? v : undefined
const httpUrl = (v: unknown): string | undefined => { const s = str(v); return s && /^https?:\/\//i.test(s) ? s : undefined }

export function credentialView (credential: Record<string, any>): CredentialView {
  const subject = (Array.isArray(credential.credentialSubject) ? credential.credentialSubject[0] : credential.credentialSubject) ?? {}
  const achievement = subject.achievement ?? {}
  const issuer = typeof credential.issuer === 'string' ? { id: credential.issuer } : credential.issuer ?? {}
  const image = typeof achievement.image === 'string' ? achievement.image : achievement.image?.id
  const list = (v: unknown): any[] => (Array.isArray(v) ? v : v && typeof v === 'object' ? [v] : [])
  const seen = new Set<string>()
  const endorsements = [...list(credential.endorsement), ...list(achievement.endorsement), ...list(issuer.endorsement)].flatMap(e => {
    const name = str(e?.issuer?.name) ?? str(e?.issuer?.id) ?? str(e?.issuer)
    if (name === undefined) return []
    const endorsed = Array.isArray(e.credentialSubject) ? e.credentialSubject[0] : e.credentialSubject
    const comment = str(endorsed?.endorsementComment)
    const key = `${name}\u0000${comment ?? ''}`
    if (seen.has(key)) return []
    seen.add(key)
    return [{ name, ...(comment !== undefined ? { comment } : {}) }]
  })
  return {
    id: String(credential.id ?? ''),
    segment: lastSegment(String(credential.id ?? '')),
    achievementName: str(achievement.name) ?? str(credential.name) ?? 'Open Badge',
    description: str(achievement.description),
    criteria: str(achievement.criteria?.narrative),
    criteriaUrl: httpUrl(achievement.criteria?.id),
    image: str(image),
    issuerName: str(issuer.name) ?? str(issuer.id) ?? '',
    issuerUrl: httpUrl(issuer.url),
    recipientName: str(subject.name),
    validFrom: str(credential.validFrom) ?? str(credential.issuanceDate),
    validUntil: str(credential.validUntil) ?? str(credential.expirationDate),
    endorsements
  }
}
