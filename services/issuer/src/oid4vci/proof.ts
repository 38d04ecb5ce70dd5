// The wallet's key proof (OID4VCI 1.0 App. F.1): a JWT with typ `openid4vci-proof+jwt`, an allowed alg, exactly one
// of `kid` (a did:key / did:jwk DID URL, resolved offline) or `jwk` (public only), `aud` = the credential issuer id,
// a fresh `iat` and the `nonce` from our nonce endpoint (consumed). Returns the DID the credential is bound to.
import { decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose'
import { multikeyToJwk, resolveDidOffline, type VerificationMethod } from '@obp/documents'
import { PROOF_ALGS } from './metadata.js'

export class ProofError extends Error {
  constructor (public readonly error: 'invalid_proof' | 'invalid_nonce', message: string) { super(message) }
}

const IAT_SKEW_S = 300

function keyOfKid (kid: string): { did: string; jwk: JWK } {
  if (!/^did:(key|jwk):/.test(kid)) throw new ProofError('invalid_proof', 'kid must be a did:key or did:jwk DID URL')
  let vm: ReturnType<typeof resolveDidOffline>
  try { vm = resolveDidOffline(kid) } catch { throw new ProofError('invalid_proof', 'kid does not resolve') }
  const method = (vm && 'verificationMethod' in vm ? (vm as { verificationMethod?: VerificationMethod[] }).verificationMethod?.[0] : vm) as VerificationMethod | undefined
  const jwk = method?.publicKeyJwk ?? (method?.publicKeyMultibase ? multikeyToJwk(method.publicKeyMultibase)?.publicKeyJwk : undefined)
  if (!method || !jwk) throw new ProofError('invalid_proof', 'kid does not resolve to a key')
  return { did: kid.split('#')[0], jwk: jwk as JWK }
}

export async function verifyProofJwt (jwt: unknown, opts: { audience: string; consumeNonce: (n: string) => Promise<boolean> }): Promise<{ did: string }> {
  if (typeof jwt !== 'string' || jwt.length > 8192) throw new ProofError('invalid_proof', 'proofs.jwt must hold one compact JWT')
  let header: ReturnType<typeof decodeProtectedHeader>
  try { header = decodeProtectedHeader(jwt) } catch { throw new ProofError('invalid_proof', 'not a JWT') }
  if (header.typ !== 'openid4vci-proof+jwt') throw new ProofError('invalid_proof', 'typ must be openid4vci-proof+jwt')
  if (!(PROOF_ALGS as readonly string[]).includes(String(header.alg))) throw new ProofError('invalid_proof', `alg must be one of ${PROOF_ALGS.join(', ')}`)
  const carriers = [header.kid, header.jwk, header.x5c].filter(v => v !== undefined)
  if (carriers.length !== 1) throw new ProofError('invalid_proof', 'the header must carry exactly one of kid, jwk')
  let did: string
  let jwk: JWK
  if (header.jwk !== undefined) {
    const h = header.jwk as JWK
    // App. F.1: a private key in the header is refused
    if ('d' in h || 'p' in h || 'q' in h) throw new ProofError('invalid_proof', 'the jwk header must not contain a private key')
    // the public members in lexicographic order (as RFC 7638 orders them), so one key always makes one did:jwk;
    // a wallet that wants its own spelling of the DID sends it as `kid`
    jwk = { crv: h.crv, kty: h.kty, x: h.x, ...(h.y !== undefined ? { y: h.y } : {}) }
    did = 'did:jwk:' + Buffer.from(JSON.stringify(jwk)).toString('base64url')
  } else if (typeof header.kid === 'string') {
    ({ did, jwk } = keyOfKid(header.kid))
  } else {
    throw new ProofError('invalid_proof', 'x5c is not supported')
  }
  let payload: Record<string, unknown>
  try {
    const key = await importJWK(jwk, String(header.alg));
    ({ payload } = await jwtVerify(jwt, key, { audience: opts.audience, algorithms: [...PROOF_ALGS], typ: 'openid4vci-proof+jwt', clockTolerance: IAT_SKEW_S }))
  } catch (err) {
    throw new ProofError('invalid_proof', `the proof does not verify: ${(err as Error).message}`)
  }
  if (typeof payload.iat !== 'number' || Math.abs(payload.iat - Date.now() / 1000) > IAT_SKEW_S) throw new ProofError('invalid_proof', 'iat is missing or not fresh')
  if (typeof payload.nonce !== 'string' || !(await opts.consumeNonce(payload.nonce))) throw new ProofError('invalid_nonce', 'the nonce is missing, unknown, expired or used')
  return { did }
}
