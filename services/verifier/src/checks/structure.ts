// Step 1 of OB 3.0 §9.1 (and VCDM 2.0 §4.3, §4.4): the document is a VC of an OB type, in a data model we know,
// using only contexts we carry. A context is never fetched (STYLE.md §10): an unknown one fails here.
import { bundledContexts, CONTEXT_URLS } from '@obp/documents'
import { asArray, idOf, isObject, typesOf } from '../json.js'
import type { CheckEntry, Json } from '../types.js'

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

export interface StructureResult { entry: CheckEntry; model?: DataModel; warnings: string[] }

export function checkStructure (doc: Json, allowedTypes: readonly string[] = OB_CREDENTIAL_TYPES): StructureResult {
  const fail = (message: string): StructureResult => ({ entry: { check: 'structure', status: 'failure', message }, warnings: [] })
  const model = dataModelOf(doc)
  if (model === undefined) return fail(`@context must start with ${CONTEXT_URLS.CREDENTIALS_V2} (or the legacy ${CONTEXT_URLS.CREDENTIALS_V1})`)
  const unknown = unknownContexts(doc)
  if (unknown.length > 0) return fail(`unknown @context ${unknown.join(', ')}: contexts are never fetched, only known ones are accepted`)
  const types = typesOf(doc)
  if (!types.includes('VerifiableCredential')) return fail('type must include VerifiableCredential')
  const obType = types.find(t => allowedTypes.includes(t))
  if (obType === undefined) return fail(`type must include one of ${allowedTypes.join(', ')}`)
  if (idOf(doc.issuer) === undefined) return fail('issuer must be a URI or an object with an id')
  if (!isObject(doc.credentialSubject) && !Array.isArray(doc.credentialSubject)) return fail('credentialSubject is required')
  const warnings = model === 'v1' ? ['legacy data model: VCDM 1.1 credential (issuanceDate); OB 3.0 uses VCDM 2.0'] : []
  const label = model === 'v1' ? 'VCDM 1.1 (legacy)' : 'VCDM 2.0'
  return { entry: { check: 'structure', status: 'success', message: `a ${label} ${obType} with known contexts` }, model, warnings }
}
