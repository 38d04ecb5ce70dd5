// Step 1 of OB 3.0 §9.1 (and VCDM 2.0 §4.3-§4.7, VCDM 1.1 §4): the document is a verifiable credential in a data
// model we know, using only contexts we carry. A context is never fetched (STYLE.md §10): an unknown one fails
// here. Any credential passes this step; one that claims an OB type gets the Open Badges profile.
import { bundledContexts, CONTEXT_URLS } from '@obp/documents'
import { asArray, idOf, isObject, typesOf } from '../json.js'
import type { CheckEntry, Json, Profile } from '../types.js'

export const OB_CREDENTIAL_TYPES = ['OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential'] as const
export type DataModel = 'v2' | 'v1'

const MAX_SCAN_DEPTH = 64

/** Every string `@context` anywhere in the document (scoped contexts included). */
function contextUrls (node: unknown, out: Set<string>, depth = 0): Set<string> {
  if (depth > MAX_SCAN_DEPTH) return out
  if (Array.isArray(node)) {
    for (const item of node) contextUrls(item, out, depth + 1)
  } else if (isObject(node)) {
    for (const ctx of asArray(node['@context'])) if (typeof ctx === 'string') out.add(ctx)
    for (const [key, value] of Object.entries(node)) if (key !== '@context') contextUrls(value, out, depth + 1)
  }
  return out
}

/** String contexts anywhere in the document that are not bundled (and so would need a fetch). */
export function unknownContexts (doc: Json): string[] {
  return [...contextUrls(doc, new Set())].filter(url => !bundledContexts.has(url))
}

export function dataModelOf (doc: Json): DataModel | undefined {
  const first = asArray(doc['@context'])[0]
  if (first === CONTEXT_URLS.CREDENTIALS_V2) return 'v2'
  if (first === CONTEXT_URLS.CREDENTIALS_V1) return 'v1'
  return undefined
}

export interface StructureResult { entry: CheckEntry; model?: DataModel; profile: Profile; warnings: string[] }

// RFC 3986 §3.1: a scheme, then anything without spaces (VCDM 2.0 §4.4 "id MUST be a URL", §4.7 issuer).
const URL_LIKE = /^[a-z][a-z0-9+.-]*:[^\s]+$/i

/** The credential claims an OB type (OB 3.0 §B.1.1, §B.1.6): the Open Badges checks apply to it. */
export function profileOf (doc: Json): Profile {
  return typesOf(doc).some(t => (OB_CREDENTIAL_TYPES as readonly string[]).includes(t)) ? 'openbadges' : 'vc'
}

/** `requiredTypes`: one of them must be claimed (an embedded endorsement must be an EndorsementCredential). */
export function checkStructure (doc: Json, requiredTypes?: readonly string[]): StructureResult {
  const profile = profileOf(doc)
  const fail = (message: string): StructureResult => ({ entry: { check: 'structure', status: 'failure', message }, profile, warnings: [] })
  const model = dataModelOf(doc)
  if (model === undefined) return fail(`@context must start with ${CONTEXT_URLS.CREDENTIALS_V2} (or the legacy ${CONTEXT_URLS.CREDENTIALS_V1})`)
  const unknown = unknownContexts(doc)
  if (unknown.length > 0) return fail(`unknown @context ${unknown.join(', ')}: contexts are never fetched, only known ones are accepted`)
  const types = typesOf(doc)
  if (!types.includes('VerifiableCredential')) return fail('type must include VerifiableCredential')
  if (requiredTypes !== undefined && !types.some(t => requiredTypes.includes(t))) return fail(`type must include one of ${requiredTypes.join(', ')}`)
  if (doc.id !== undefined && (typeof doc.id !== 'string' || !URL_LIKE.test(doc.id))) return fail('id must be a URL')
  const issuer = idOf(doc.issuer)
  if (issuer === undefined || !URL_LIKE.test(issuer)) return fail('issuer must be a URL or an object with an id URL')
  const subjects = asArray(doc.credentialSubject)
  if (subjects.length === 0 || !subjects.every(isObject)) return fail('credentialSubject must be an object or a list of objects')
  const warnings = model === 'v1' ? ['legacy data model: VCDM 1.1 credential (issuanceDate)'] : []
  const label = model === 'v1' ? 'VCDM 1.1 (legacy)' : 'VCDM 2.0'
  const claimed = types.find(t => (OB_CREDENTIAL_TYPES as readonly string[]).includes(t)) ?? 'VerifiableCredential'
  return { entry: { check: 'structure', status: 'success', message: `a ${label} ${claimed} with known contexts` }, model, profile, warnings }
}
