// `options` of a verify request (VC-API VerifyOptions plus OB 3.0 §9.1 step 8's recipient), read defensively.
import { isObject, stringOf } from './json.js'
import type { RecipientOption, VerifyOptions } from './types.js'

const RECIPIENT_KEYS = ['email', 'did', 'sourcedId', 'url', 'phone'] as const

export function readOptions (value: unknown): VerifyOptions {
  if (!isObject(value)) return {}
  const out: VerifyOptions = {}
  const challenge = stringOf(value.challenge)
  const domain = stringOf(value.domain)
  if (challenge !== undefined) out.challenge = challenge
  if (domain !== undefined) out.domain = domain
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
