// DIF Well-Known DID Configuration v1.0, "DID Configuration JWT" form
// (https://identity.foundation/.well-known/resources/did-configuration/): a Domain Linkage credential proving
// that `did` controls `origin`. The JWT carries the credential in a `vc` claim (VC-JWT 1.1 style, which the
// specification requires) with iss = sub = the DID and nbf/exp for its validity; signed by one of the DID's keys.
import type { StoredKey } from './keys.js'
import { JOSE_ALG, type Signer } from './signer.js'

export const DID_CONFIGURATION_CONTEXT = 'https://identity.foundation/.well-known/did-configuration/v1'

export interface DomainLinkageOptions { did: string; origin: string; signer: Signer; key: StoredKey; validFrom: Date; validUntil: Date }

const b64u = (v: string | Uint8Array): string => Buffer.from(v).toString('base64url')
const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z')

export async function issueDomainLinkageJwt (opts: DomainLinkageOptions): Promise<string> {
  if (!opts?.did) throw new TypeError('"did" is required.')
  if (!opts.origin) throw new TypeError('"origin" is required.')
  if (opts.signer?.id !== opts.key?.id) throw new TypeError('"signer" does not belong to "key".')
  const vc = {
    '@context': ['https://www.w3.org/2018/credentials/v1', DID_CONFIGURATION_CONTEXT],
    issuer: opts.did,
    issuanceDate: iso(opts.validFrom),
    expirationDate: iso(opts.validUntil),
    type: ['VerifiableCredential', 'DomainLinkageCredential'],
    credentialSubject: { id: opts.did, origin: opts.origin }
  }
  const payload = { exp: Math.floor(opts.validUntil.getTime() / 1000), iss: opts.did, nbf: Math.floor(opts.validFrom.getTime() / 1000), sub: opts.did, vc }
  const header = { alg: JOSE_ALG[opts.key.type], kid: opts.key.id, typ: 'JWT' }
  const signingInput = `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(payload))}`
  return `${signingInput}.${b64u(await opts.signer.sign({ data: Buffer.from(signingInput, 'ascii') }))}`
}

/** The `/.well-known/did-configuration.json` document listing the given Domain Linkage JWTs. */
export function didConfiguration (linkedDids: string[]): { '@context': string; linked_dids: string[] } {
  return { '@context': DID_CONFIGURATION_CONTEXT, linked_dids: linkedDids }
}
