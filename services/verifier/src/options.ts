// `options` of a verify request (VC-API VerifyOptions plus OB 3.0 §9.1 step 8's recipient), read defensively.
import { isObject, stringOf } from './json.js'
import type { CheckName, RecipientOption, VerifyOptions } from './types.js'

const RECIPIENT_KEYS = ['email', 'did', 'sourcedId', 'url', 'phone'] as const

// VCALM `options.checks`: this verifier's step names, plus the names VC-API clients use for the same steps.
const CHECK_NAMES: Record<string, CheckName> = {
  proof: 'proof',
  issuer: 'issuer',
  schema: 'schema',
  credentialSchema: 'schema',
  validity: 'validity',
  expiration: 'validity',
  validFrom: 'validity',
  validUntil: 'validity',
  status: 'status',
  credentialStatus: 'status',
  endorsement: 'endorsement',
  network: 'network',
  recipient: 'recipient'
}

/** The checks asked for (undefined: all of them); names no step answers to are dropped. */
function readChecks (value: unknown): CheckName[] | undefined {
  if (!Array.isArray(value)) return undefined
  const names = value.map(v => (typeof v === 'string' && Object.hasOwn(CHECK_NAMES, v) ? CHECK_NAMES[v] : undefined))
  return [...new Set(names.filter((n): n is CheckName => n !== undefined))]
}

export function readOptions (value: unknown): VerifyOptions {
  if (!isObject(value)) return {}
  const out: VerifyOptions = {}
  const challenge = stringOf(value.challenge)
  const domain = stringOf(value.domain)
  if (challenge !== undefined) out.challenge = challenge
  if (domain !== undefined) out.domain = domain
  const checks = readChecks(value.checks)
  if (checks !== undefined) out.checks = checks
  if (value.requireHolderBinding === true) out.requireHolderBinding = true
  if (isObject(value.recipient)) {
    const recipient: RecipientOption = {}
    for (const key of RECIPIENT_KEYS) {
      const v = stringOf(value.recipient[key])
      if (v !== undefined) recipient[key] = v
    }
    if (Object.keys(recipient).length > 0) out.recipient = recipient
  } else if (typeof value.recipient === 'string') {
    const r = value.recipient
    out.recipient = r.startsWith('did:') ? { did: r } : r.includes('@') ? { email: r } : { sourcedId: r }
  }
  return out
}
