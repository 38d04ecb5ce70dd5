// Step 2 of OB 3.0 §9.1: conformance with the official OB 3.0 JSON Schemas (1EdTech, draft 2019-09, via @obp/ob3).
// @obp/ob3 reads a legacy VCDM 1.1 credential in its VCDM 2.0 form (issuanceDate → validFrom) and accepts
// `proof` / `credentialSchema` as single objects; the signed document itself is never changed.
import { validateOb3Credential } from '@obp/ob3'
import type { CheckEntry, Json } from '../types.js'

const MAX_LISTED = 5

export function checkSchema (doc: Json): { entry: CheckEntry; warnings: string[] } {
  const { valid, errors, warnings } = validateOb3Credential(doc)
  if (valid) return { entry: { check: 'schema', status: 'success', message: 'conforms to the OB 3.0 JSON Schema' }, warnings }
  const listed = errors.slice(0, MAX_LISTED).map(e => `${e.path === '' ? '/' : e.path} ${e.message}`)
  const more = errors.length > MAX_LISTED ? ` (and ${errors.length - MAX_LISTED} more)` : ''
  return { entry: { check: 'schema', status: 'failure', message: `does not conform to the OB 3.0 JSON Schema: ${listed.join('; ')}${more}` }, warnings }
}
