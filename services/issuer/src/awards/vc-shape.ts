// Structural checks of a credential handed to VC-API issue, with a 400 naming the field (VCDM 2.0 §4,
// VCDM 1.1 §4). The JSON-LD checks (every term defined) happen when signing, in safe mode.
import { InvalidCredential, UnsupportedSuite } from '../errors.js'
import { SUITE_NAMES, suiteKeyType, type KeyType, type SuiteName } from '@obp/signing'
import { isUrl } from './vc-rules.js'

export const VC_V2 = 'https://www.w3.org/ns/credentials/v2'
export const VC_V1 = 'https://www.w3.org/2018/credentials/v1'

// RFC 3339 / XSD dateTimeStamp: a date-time with a time zone (VCDM 2.0 §4.9).
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v)

function bad (message: string): never {
  throw new InvalidCredential(message)
}

function checkDate (c: Json, field: string): void {
  const v = c[field]
  if (v === undefined) return
  if (typeof v !== 'string' || !DATE_TIME.test(v) || Number.isNaN(Date.parse(v))) bad(`"credential.${field}" must be an RFC 3339 date-time with a time zone`)
}

/** The issuer id a credential names (`issuer` as a string or `{id}`). */
export function issuerIdOf (c: Json): string {
  const issuer = c.issuer
  if (isUrl(issuer)) return issuer
  if (isObject(issuer) && isUrl(issuer.id)) return issuer.id
  return bad('"credential.issuer" must be a URL or an object with an "id" URL')
}

/** Checks the shape; returns the data model version. */
export function checkCredentialShape (value: unknown): { version: 1 | 2; credential: Json } {
  if (!isObject(value)) bad('"credential" must be a JSON object')
  const c = value
  const ctx = c['@context']
  if (!Array.isArray(ctx) || ctx.length === 0) bad('"credential.@context" must be an array whose first item is the VC context URL')
  if (ctx[0] !== VC_V2 && ctx[0] !== VC_V1) bad(`"credential.@context" must start with ${VC_V2} (or ${VC_V1})`)
  if (!ctx.every(x => typeof x === 'string' || isObject(x))) bad('"credential.@context" items must be URLs or objects')
  const version = ctx[0] === VC_V2 ? 2 : 1
  const type = c.type
  const types = typeof type === 'string' ? [type] : type
  if (!Array.isArray(types) || !types.every(t => typeof t === 'string') || !types.includes('VerifiableCredential')) {
    bad('"credential.type" must be an array of strings including "VerifiableCredential"')
  }
  if (c.id !== undefined && !isUrl(c.id)) bad('"credential.id" must be a URL')
  if (c.issuer === undefined || c.issuer === null) bad('"credential.issuer" is required')
  issuerIdOf(c)
  const subject = c.credentialSubject
  const subjects = Array.isArray(subject) ? subject : [subject]
  if (subjects.length === 0 || !subjects.every(isObject)) bad('"credential.credentialSubject" must be an object or an array of objects')
  // VCDM 2.0 §4.8: a subject states at least one claim; an empty object says nothing.
  if (subjects.some(s => Object.keys(s).length === 0)) bad('"credential.credentialSubject" must not be empty')
  if (c.proof !== undefined) bad('"credential.proof" must be absent: the issuer adds the proof')
  if (version === 2) {
    checkDate(c, 'validFrom')
    checkDate(c, 'validUntil')
    for (const legacy of ['issuanceDate', 'expirationDate']) if (c[legacy] !== undefined) bad(`"credential.${legacy}" is VCDM 1.1; use validFrom/validUntil with the v2 context`)
  } else {
    checkDate(c, 'issuanceDate')
    checkDate(c, 'expirationDate')
  }
  const from = c.validFrom ?? c.issuanceDate
  const until = c.validUntil ?? c.expirationDate
  // VCDM 2.0 §4.9: validFrom is the same as or earlier than validUntil.
  if (typeof from === 'string' && typeof until === 'string' && Date.parse(until) < Date.parse(from)) {
    bad(`"credential.${c.validUntil !== undefined ? 'validUntil' : 'expirationDate'}" must not be earlier than the start of validity`)
  }
  return { version, credential: c }
}

const isSuite = (s: unknown): s is SuiteName => typeof s === 'string' && (SUITE_NAMES as readonly string[]).includes(s)

/**
 * The proof suite VC-API options ask for (`proofSuite`, or `type` + `cryptosuite`), or the key's default;
 * a suite the issuer's key cannot sign (ecdsa-rdfc-2019 with an Ed25519 key) is a 400 naming both.
 */
export function suiteFromOptions (options: Json, keyType: KeyType): SuiteName | undefined {
  const suite = requestedSuite(options, keyType)
  if (suite !== undefined && suiteKeyType(suite) !== keyType) throw new UnsupportedSuite(`${suite} needs a ${suiteKeyType(suite)} key; this issuer signs with ${keyType} (POST /issuers keyType)`)
  return suite
}

function requestedSuite (options: Json, keyType: KeyType): SuiteName | undefined {
  if (options.proofSuite !== undefined) {
    if (!isSuite(options.proofSuite)) throw new UnsupportedSuite(String(options.proofSuite))
    return options.proofSuite
  }
  if (options.type === undefined || options.type === 'DataIntegrityProof') {
    if (options.cryptosuite === undefined) return undefined
    if (!isSuite(options.cryptosuite) || options.cryptosuite === 'Ed25519Signature2020') throw new UnsupportedSuite(String(options.cryptosuite))
    return options.cryptosuite
  }
  if (options.type === 'Ed25519Signature2020' && keyType === 'Ed25519') return 'Ed25519Signature2020'
  throw new UnsupportedSuite(String(options.type))
}
