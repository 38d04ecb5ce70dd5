// Step 8 of OB 3.0 §9.1: when the verifier is told who should hold the badge, compare it with the subject
// (§B.1.2 AchievementSubject: `id`, or `identifier` IdentityObjects, hashed per §B.1.15).
import { matchesIdentity } from '@obp/ob3'
import { asArray, isObject } from '../json.js'
import type { CheckEntry, Json, RecipientOption } from '../types.js'

const TYPES = { email: 'emailAddress', sourcedId: 'sourcedId', url: 'url', phone: 'phone' } as const

export function checkRecipient (doc: Json, recipient: RecipientOption | undefined): CheckEntry | undefined {
  if (recipient === undefined) return undefined
  const subjects = asArray(doc.credentialSubject).filter(isObject)
  if (typeof recipient.did === 'string') {
    const ok = subjects.some(s => s.id === recipient.did)
    return { check: 'recipient', status: ok ? 'success' : 'failure', message: ok ? `issued to ${recipient.did}` : `not issued to ${recipient.did}` }
  }
  for (const [option, identityType] of Object.entries(TYPES) as Array<[keyof typeof TYPES, string]>) {
    const value = recipient[option]
    if (typeof value !== 'string') continue
    const identities = subjects.flatMap(s => asArray(s.identifier)).filter(isObject)
      .filter(i => i.identityType === identityType)
    // matchesIdentity recomputes salted hashes; plain identities are compared as written
    const ok = identities.some(i => matchesIdentity(i as unknown as Parameters<typeof matchesIdentity>[0], value))
    return { check: 'recipient', status: ok ? 'success' : 'failure', message: ok ? `issued to the ${option} given` : `not issued to the ${option} given` }
  }
  return { check: 'recipient', status: 'failure', message: 'options.recipient must give an email, did or sourcedId' }
}
