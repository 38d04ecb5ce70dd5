// Step 5 of OB 3.0 §9.1: the validity period (VCDM 2.0 §4.9 validFrom/validUntil; VCDM 1.1 §4.7/§7.12
// issuanceDate/expirationDate), with the clock skew a verifier allows (vc.js default: 300 s).
import { stringOf } from '../json.js'
import type { CheckEntry, Json } from '../types.js'
import type { DataModel } from './structure.js'

function parse (label: string, value: unknown): { date?: Date; error?: string } {
  if (value === undefined) return {}
  const text = stringOf(value)
  // XSD dateTimeStamp: a time zone is required (VCDM 2.0 §4.9).
  if (text === undefined || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(text) || Number.isNaN(Date.parse(text))) {
    return { error: `${label} is not a date-time with a time zone` }
  }
  return { date: new Date(Date.parse(text)) }
}

/**
 * `issuanceRequired`: VCDM 1.1 §4.6 makes issuanceDate mandatory in a credential with an embedded proof (a VC-JWT
 * carries it as `nbf` instead, VC-JWT 1.1 §6.3.1).
 */
export function checkValidity (doc: Json, model: DataModel, now: Date, skewMs: number, issuanceRequired = false): CheckEntry {
  const [fromKey, untilKey] = model === 'v1' ? ['issuanceDate', 'expirationDate'] : ['validFrom', 'validUntil']
  const from = parse(fromKey, doc[fromKey])
  const until = parse(untilKey, doc[untilKey])
  const error = from.error ?? until.error
  if (error !== undefined) return { check: 'validity', status: 'failure', message: error }
  if (model === 'v1' && issuanceRequired && from.date === undefined) return { check: 'validity', status: 'failure', message: 'issuanceDate is required in a VCDM 1.1 credential' }
  if (from.date !== undefined && until.date !== undefined && until.date < from.date) {
    return { check: 'validity', status: 'failure', message: `${untilKey} ${String(doc[untilKey])} is before ${fromKey} ${String(doc[fromKey])}` }
  }
  if (from.date !== undefined && from.date.getTime() - skewMs > now.getTime()) {
    return { check: 'validity', status: 'failure', message: `not valid yet: ${fromKey} is ${String(doc[fromKey])}` }
  }
  if (until.date !== undefined && until.date.getTime() + skewMs < now.getTime()) {
    return { check: 'validity', status: 'failure', message: `expired: ${untilKey} was ${String(doc[untilKey])}` }
  }
  const parts = [from.date ? `valid from ${String(doc[fromKey])}` : 'no start date', until.date ? `until ${String(doc[untilKey])}` : 'no expiry']
  return { check: 'validity', status: 'success', message: parts.join(', ') }
}
