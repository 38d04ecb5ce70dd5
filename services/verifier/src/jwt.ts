// VC-JWT (OB 3.0 §8.2 "JSON Web Token Proof Format", RFC 7515 compact JWS): the credential is the `vc` claim
// (or, for VC-JOSE-COSE, the payload itself). Only asymmetric algorithms an issuer key can confirm are accepted:
// `alg: none` and HMAC (a shared secret proves nothing about an issuer) are refused, and the key named by the
// header must be one the issuer's own DID / controller document lists (RFC 8725 §3.1, §3.10).
import { createPublicKey, verify, type JsonWebKey, type KeyObject } from 'node:crypto'
import { multikeyToJwk } from '@obp/documents'
import type { VerifierDeps } from './deps.js'
import { NotACredentialError } from './errors.js'
import { asArray, errorMessage, idOf, isObject, stringOf } from './json.js'
import type { CheckEntry, Json } from './types.js'
import { confirmKey } from './checks/issuer.js'
import type { ProofOutcome } from './checks/proof.js'

const JWS_COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/
// RFC 7518 §3.1 names, with the key type each needs.
const ALGORITHMS: Record<string, { kty: string; crv?: string }> = {
  EdDSA: { kty: 'OKP', crv: 'Ed25519' },
  ES256: { kty: 'EC', crv: 'P-256' },
  RS256: { kty: 'RSA' }
}

export function looksLikeJws (text: string): boolean {
  return JWS_COMPACT.test(text.trim())
}

function decodeSegment (segment: string, what: string): Json {
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'))
  } catch {
    throw new NotACredentialError(`the JWS ${what} is not base64url JSON`)
  }
  if (!isObject(value)) throw new NotACredentialError(`the JWS ${what} is not a JSON object`)
  return value
}

export interface DecodedJwt { header: Json; payload: Json; credential: Json; signingInput: string; signature: Buffer }

// RFC 7519 §4.1 registered claims. OB 3.0 §8.2 puts iss/jti/nbf/sub/exp next to the credential's own members;
// they belong to the JWT, not to the credential that is reported and validated.
const REGISTERED_CLAIMS = ['iss', 'jti', 'nbf', 'sub', 'exp', 'iat', 'aud'] as const

/**
 * The credential a VC-JWT carries: the `vc` claim (VC-JWT 1.1 style) when present, otherwise the payload itself
 * (OB 3.0 §8.2 / VC-JOSE-COSE style) without the registered claims.
 */
function credentialOf (payload: Json): Json {
  if (isObject(payload.vc)) return payload.vc
  const credential: Json = { ...payload }
  for (const claim of REGISTERED_CLAIMS) delete credential[claim]
  return credential
}

/** Splits a compact JWS and finds the credential in it; throws NotACredentialError (400) when there is none. */
export function decodeJwt (jws: string): DecodedJwt {
  const [h, p, s] = jws.trim().split('.') as [string, string, string]
  const header = decodeSegment(h, 'header')
  const payload = decodeSegment(p, 'payload')
  const credential = credentialOf(payload)
  if (!('@context' in credential) || !('type' in credential)) throw new NotACredentialError('the JWT carries no credential (no vc claim with @context and type)')
  return { header, payload, credential, signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url') }
}

function keyOf (vm: Json): JsonWebKey | undefined {
  if (isObject(vm.publicKeyJwk)) return vm.publicKeyJwk as JsonWebKey
  const multibase = stringOf(vm.publicKeyMultibase)
  return multibase !== undefined ? multikeyToJwk(multibase)?.publicKeyJwk : undefined
}

function sameKey (a: JsonWebKey, b: JsonWebKey): boolean {
  return ['kty', 'crv', 'x', 'y', 'n', 'e'].every(m => (a as Record<string, unknown>)[m] === (b as Record<string, unknown>)[m])
}

function verifySignature (alg: string, jwk: JsonWebKey, jwt: DecodedJwt): { ok: boolean; message: string } {
  const need = ALGORITHMS[alg]!
  if (jwk.kty !== need.kty || (need.crv !== undefined && jwk.crv !== need.crv)) return { ok: false, message: `the key (${jwk.kty} ${jwk.crv ?? ''}) cannot make ${alg} signatures` }
  let key: KeyObject
  try {
    key = createPublicKey({ key: jwk, format: 'jwk' })
  } catch (err) {
    return { ok: false, message: `the key is not usable: ${errorMessage(err)}` }
  }
  const data = Buffer.from(jwt.signingInput)
  let ok: boolean
  try {
    ok = alg === 'EdDSA'
      ? verify(null, data, key, jwt.signature)
      : alg === 'ES256' ? verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, jwt.signature) : verify('sha256', data, key, jwt.signature)
  } catch {
    // node:crypto throws on a signature of the wrong length or a key of the wrong kind: not a valid signature
    ok = false
  }
  return ok ? { ok, message: `the ${alg} JWT signature is valid` } : { ok, message: `the ${alg} JWT signature is not valid` }
}

/**
 * OB 3.0 §8.2.4.1: the registered claims that name things must agree with the credential they carry (exp / nbf
 * bound the validity instead, see checkJwtTimes).
 */
function claimMismatch (jwt: DecodedJwt, issuerId: string | undefined): string | undefined {
  const { payload, credential } = jwt
  if (payload.iss !== undefined && payload.iss !== issuerId) return `the JWT iss ${String(payload.iss)} is not the credential's issuer ${issuerId ?? ''}`
  if (payload.jti !== undefined && credential.id !== undefined && payload.jti !== credential.id) return 'the JWT jti is not the credential id'
  const subjectId = idOf(asArray(credential.credentialSubject)[0])
  if (payload.sub !== undefined && subjectId !== undefined && payload.sub !== subjectId) return `the JWT sub ${String(payload.sub)} is not the credential subject ${subjectId}`
  return undefined
}

/** OB 3.0 §8.2.4.1: `exp` / `nbf` bound the validity of a VC-JWT like validUntil / validFrom (with the same skew). */
export function checkJwtTimes (jwt: DecodedJwt, now: Date, skewMs: number): CheckEntry | undefined {
  const { exp, nbf } = jwt.payload
  const t = now.getTime()
  if (typeof exp === 'number' && exp * 1000 + skewMs < t) return { check: 'validity', status: 'failure', message: `expired: the JWT exp was ${new Date(exp * 1000).toISOString()}` }
  if (typeof nbf === 'number' && nbf * 1000 - skewMs > t) return { check: 'validity', status: 'failure', message: `not valid yet: the JWT nbf is ${new Date(nbf * 1000).toISOString()}` }
  return undefined
}

/** The proof and issuer outcome of a VC-JWT, in the same shape as an embedded proof's. */
export async function checkJwtProof (deps: VerifierDeps, jwt: DecodedJwt): Promise<ProofOutcome> {
  const alg = stringOf(jwt.header.alg) ?? ''
  const refuse = (message: string): ProofOutcome => ({ signatureValid: false, signatureMessage: message, bindingValid: false, bindingMessage: 'not checked: the JWT was refused' })
  if (alg.toLowerCase() === 'none') return refuse('alg "none" is refused: an unsigned JWT proves nothing')
  if (/^HS\d+$/i.test(alg)) return refuse(`alg "${alg}" is refused: an HMAC secret cannot identify an issuer`)
  if (ALGORITHMS[alg] === undefined) return refuse(`alg "${alg}" is not supported (EdDSA, ES256, RS256)`)
  const issuerId = idOf(jwt.credential.issuer) ?? stringOf(jwt.payload.iss)
  const headerJwk = isObject(jwt.header.jwk) ? jwt.header.jwk as JsonWebKey : undefined
  let kid = stringOf(jwt.header.kid)
  if (kid?.startsWith('#') === true && issuerId !== undefined) kid = issuerId + kid
  if (kid === undefined && issuerId?.startsWith('did:jwk:') === true) kid = issuerId + '#0'
  if (kid === undefined) {
    const jwk = headerJwk
    const signature = jwk !== undefined ? verifySignature(alg, jwk, jwt) : { ok: false, message: 'the JWT header names no key (kid)' }
    return { signatureValid: signature.ok, signatureMessage: signature.message, bindingValid: false, bindingMessage: 'the JWT header key is not one of the issuer\'s keys: no kid names an issuer key' }
  }
  const binding = await confirmKey(deps, kid, issuerId, 'assertionMethod')
  const confirmed = binding.vm !== undefined ? keyOf(binding.vm) : undefined
  const signingKey = confirmed ?? headerJwk
  const signature = signingKey !== undefined ? verifySignature(alg, signingKey, jwt) : { ok: false, message: `the key ${kid} could not be resolved` }
  let bindingValid = binding.ok && confirmed !== undefined
  let bindingMessage = binding.ok ? `the key ${kid} is listed by the issuer ${issuerId ?? ''}` : binding.message
  if (bindingValid && headerJwk !== undefined && !sameKey(headerJwk, confirmed!)) {
    bindingValid = false
    bindingMessage = `the JWT header key is not the issuer's key ${kid}`
  }
  const mismatch = claimMismatch(jwt, issuerId)
  if (bindingValid && mismatch !== undefined) {
    bindingValid = false
    bindingMessage = mismatch
  }
  return { signatureValid: signature.ok, signatureMessage: signature.message, bindingValid, bindingMessage }
}
