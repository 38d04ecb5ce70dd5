// VC-JWT as OB 3.0 §8.2 "JSON Web Token Proof Format" defines it: JOSE header {alg, kid, typ: "JWT"}; payload the
// credential with registered claims iss (issuer.id), jti (id), nbf (validFrom), sub (credentialSubject.id),
// exp (validUntil). The credential is the payload itself (VCDM 2.0 style); a legacy `vc` claim is read too.
import { compactVerify, decodeProtectedHeader } from 'jose'
import type { StoredKey } from './keys.js'
import { JOSE_ALG, type Signer } from './signer.js'
import { BadJwtError } from './errors.js'
import { publicKeyOf } from './public-key.js'
import { errorInfo } from './jsonld-errors.js'
import { failure } from './verify.js'
import type { DocumentLoader, VerifyResult } from './types.js'

const REGISTERED = ['iss', 'jti', 'nbf', 'sub', 'exp', 'iat', 'aud'] as const
const ALGS = new Set<string>(Object.values(JOSE_ALG))
const MAX_CLOCK_SKEW_S = 300

const b64u = (v: string | Uint8Array): string => Buffer.from(v).toString('base64url')
const seconds = (iso: unknown): number | undefined => {
  if (typeof iso !== 'string') return undefined
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000)
}
const idOf = (v: unknown): unknown => (v && typeof v === 'object' ? (v as { id?: unknown }).id : v)
function subjectId (c: Record<string, any>): unknown {
  const s = Array.isArray(c.credentialSubject) ? c.credentialSubject[0] : c.credentialSubject
  return s?.id
}

/** The registered claims OB 3.0 derives from the credential (absent members give absent claims). */
export function jwtClaimsOf (credential: Record<string, any>): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    iss: idOf(credential.issuer),
    jti: credential.id,
    nbf: seconds(credential.validFrom ?? credential.issuanceDate),
    sub: subjectId(credential),
    exp: seconds(credential.validUntil ?? credential.expirationDate)
  }
  return Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined))
}

export async function issueJwt (opts: { credential: object; signer: Signer; key: StoredKey }): Promise<string> {
  if (!opts?.credential || typeof opts.credential !== 'object') throw new TypeError('"credential" is required.')
  if (!opts.signer) throw new TypeError('"signer" is required.')
  if (!opts.key) throw new TypeError('"key" is required.')
  if (opts.signer.id !== opts.key.id) throw new TypeError('"signer" does not belong to "key".')
  const credential = opts.credential as Record<string, any>
  const claims = jwtClaimsOf(credential)
  if (claims.iss === undefined) throw new BadJwtError('credential has no issuer id (iss)')
  if (claims.nbf === undefined) throw new BadJwtError('credential has no validFrom (nbf)')
  const header = { alg: JOSE_ALG[opts.key.type], kid: opts.key.id, typ: 'JWT' }
  const signingInput = `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify({ ...credential, ...claims }))}`
  const signature = await opts.signer.sign({ data: Buffer.from(signingInput, 'ascii') })
  return `${signingInput}.${b64u(signature)}`
}

/** OB 3.0 §8.2.6.1: every registered claim present must match the credential. */
function claimMismatches (payload: Record<string, unknown>, credential: Record<string, any>): string[] {
  const expected = jwtClaimsOf(credential)
  const out: string[] = []
  for (const name of ['iss', 'jti', 'nbf', 'sub', 'exp'] as const) {
    if (payload[name] !== undefined && payload[name] !== expected[name]) out.push(`"${name}" does not match the credential`)
  }
  if (payload.iss === undefined) out.push('"iss" is required')
  if (payload.nbf === undefined) out.push('"nbf" is required')
  return out
}

function credentialOf (payload: Record<string, any>): Record<string, any> {
  if (payload.vc && typeof payload.vc === 'object') return payload.vc
  const credential: Record<string, any> = { ...payload }
  for (const claim of REGISTERED) delete credential[claim]
  return credential
}

async function loadVm (documentLoader: DocumentLoader, kid: string): Promise<Record<string, any>> {
  const { document } = await documentLoader(kid)
  return typeof document === 'string' ? JSON.parse(document) : document
}

/** Issuer binding as the Data Integrity path does it: the controller lists the key under assertionMethod. */
async function assertAssertionMethod (documentLoader: DocumentLoader, vm: Record<string, any>, kid: string): Promise<void> {
  if (typeof vm.controller !== 'string') throw new BadJwtError('the key has no controller')
  const { document } = await documentLoader(vm.controller)
  const listed = ([] as unknown[]).concat(document?.assertionMethod ?? []).map(idOf)
  const ids = new Set(listed.map(id => (typeof id === 'string' && id.startsWith('#') ? vm.controller + id : id)))
  if (!ids.has(kid)) throw new BadJwtError(`the controller does not list ${kid} under assertionMethod`)
}

export async function verifyJwt (opts: { jwt: string; documentLoader: DocumentLoader; now?: string | Date }): Promise<VerifyResult & { credential?: any }> {
  const result: Record<string, unknown> = { verified: false, suite: 'VC-JWT' }
  try {
    if (typeof opts?.jwt !== 'string' || opts.jwt.split('.').length !== 3) return failure('"jwt" must be a compact JWS.', 'TypeError')
    if (typeof opts.documentLoader !== 'function') return failure('"documentLoader" is required.', 'TypeError')
    const header = decodeProtectedHeader(opts.jwt)
    result.alg = header.alg
    if (typeof header.alg !== 'string' || !ALGS.has(header.alg)) throw new BadJwtError(`alg "${String(header.alg)}" is not accepted`)
    if (typeof header.kid !== 'string') throw new BadJwtError('"kid" is required to dereference the issuer key')
    result.verificationMethod = header.kid
    const vm = await loadVm(opts.documentLoader, header.kid)
    result.controller = vm.controller
    const { keyObject, type } = publicKeyOf(vm)
    if (JOSE_ALG[type] !== header.alg) throw new BadJwtError(`alg ${header.alg} does not fit a ${type} key`)
    const { payload: bytes } = await compactVerify(opts.jwt, keyObject, { algorithms: [header.alg] })
    result.signatureVerified = true
    const payload = JSON.parse(Buffer.from(bytes).toString('utf8')) as Record<string, any>
    const credential = credentialOf(payload)
    const problems = claimMismatches(payload, credential)
    const now = Math.floor((opts.now ? new Date(opts.now) : new Date()).getTime() / 1000)
    if (typeof payload.nbf === 'number' && payload.nbf > now + MAX_CLOCK_SKEW_S) problems.push('not yet valid (nbf)')
    if (typeof payload.exp === 'number' && payload.exp < now - MAX_CLOCK_SKEW_S) problems.push('expired (exp)')
    if (vm.controller !== idOf(credential.issuer)) problems.push('the key controller is not the credential issuer')
    if (problems.length > 0) throw new BadJwtError(problems.join('; '))
    await assertAssertionMethod(opts.documentLoader, vm, header.kid)
    result.verified = true
    return { verified: true, results: [result], credential }
  } catch (err) {
    const info = errorInfo(err) ?? { name: 'Error', message: String(err) }
    result.error = info
    return { verified: false, results: [result], error: { name: info.name, message: info.message } }
  }
}
