// Is the issuer's website proven to belong to the issuer? (issue 18, DIF Well-Known DID Configuration v1.0:
// https://identity.foundation/.well-known/resources/did-configuration/). Two proofs count:
// - a did:web issuer whose DID names the website's host: the DID document was served by that host;
// - `<origin>/.well-known/did-configuration.json` listing a Domain Linkage credential (JWT form, §"JSON Web Token
//   Proof Format") signed by one of the issuer's keys, for this origin. The JSON-LD form would need the DIF context,
//   which is not bundled (no remote context is ever fetched), so it is reported as unsupported.
import { DID_CONFIGURATION_CONTEXT } from '@obp/signing'
import type { VerifierDeps } from '../deps.js'
import { asArray, errorMessage, idOf, isObject, stringOf } from '../json.js'
import { checkJwtProof, checkJwtTimes, decodeJwt, looksLikeJws } from '../jwt.js'

export interface Linkage { linked: boolean; reason: string }

// A did-configuration document lists few DIDs; this bounds the work a hostile one can ask for.
const MAX_LINKED_DIDS = 20

/** The https origin a website URL names, or undefined (only https websites can be confirmed). */
export function websiteOrigin (url: string | undefined): string | undefined {
  if (url === undefined) return undefined
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' ? parsed.origin : undefined
  } catch {
    return undefined
  }
}

/** did:web:example.edu%3A8443:issuers:x → https://example.edu:8443 (did:web §3.2 "Read"). */
export function didWebOrigin (did: string): string | undefined {
  const m = /^did:web:([^:]+)/.exec(did)
  if (m === null) return undefined
  try {
    return new URL(`https://${decodeURIComponent(m[1]!)}`).origin
  } catch {
    return undefined
  }
}

/** One `linked_dids` entry: a Domain Linkage JWT of `did` for `origin`, signed by a key of `did`. */
async function verifyLinkageJwt (deps: VerifierDeps, jws: string, did: string, origin: string): Promise<string | undefined> {
  const jwt = decodeJwt(jws)
  const { payload, credential } = jwt
  // DID Configuration §"DID Configuration JWT": iss and sub are the DID; vc is the Domain Linkage credential.
  if (payload.iss !== did || payload.sub !== did) return 'iss and sub are not the issuer\'s DID'
  if (!asArray(credential.type).includes('DomainLinkageCredential')) return 'not a DomainLinkageCredential'
  if (idOf(credential.issuer) !== did) return 'the credential is not issued by the issuer'
  const subject = asArray(credential.credentialSubject).find(isObject)
  if (subject?.id !== did) return 'the credential subject is not the issuer\'s DID'
  if (stringOf(subject.origin) === undefined || websiteOrigin(stringOf(subject.origin)) !== origin) return `the credential links ${String(subject.origin)}, not ${origin}`
  const times = checkJwtTimes(jwt, deps.now(), deps.clockSkewMs)
  if (times !== undefined) return times.message
  const proof = await checkJwtProof(deps, jwt)
  if (!proof.signatureValid) return proof.signatureMessage
  if (!proof.bindingValid) return proof.bindingMessage
  return undefined
}

async function loadLinkage (deps: VerifierDeps, did: string, origin: string): Promise<Linkage> {
  const url = `${origin}/.well-known/did-configuration.json`
  let config: unknown
  try {
    const res = await deps.fetcher.fetchBytes(url, { maxBytes: deps.maxFetchBytes, accept: 'application/json' })
    if (res.status !== 200) return { linked: false, reason: `${url} answered HTTP ${res.status}` }
    config = JSON.parse(res.body.toString('utf8'))
  } catch (err) {
    return { linked: false, reason: `${url} could not be read: ${errorMessage(err)}` }
  }
  if (!isObject(config) || !asArray(config['@context']).includes(DID_CONFIGURATION_CONTEXT) || !Array.isArray(config.linked_dids)) {
    return { linked: false, reason: `${url} is not a DID configuration` }
  }
  const refusals: string[] = []
  for (const entry of config.linked_dids.slice(0, MAX_LINKED_DIDS)) {
    if (typeof entry !== 'string' || !looksLikeJws(entry)) {
      refusals.push('a JSON-LD Domain Linkage credential (unsupported: its context is not bundled)')
      continue
    }
    try {
      if (stringOf(decodeJwt(entry).payload.iss) !== did) continue
      const refused = await verifyLinkageJwt(deps, entry, did, origin)
      if (refused === undefined) return { linked: true, reason: `${url} links ${did} to ${origin}` }
      refusals.push(refused)
    } catch (err) {
      refusals.push(errorMessage(err))
    }
  }
  return { linked: false, reason: refusals.length === 0 ? `${url} does not list ${did}` : `${url} was refused: ${refusals.join('; ')}` }
}

// A slow website must not hold up a verification: past this, the answer is "not confirmed (yet)" and the fetch
// goes on into the cache for the next verification.
export const LINKAGE_WAIT_MS = 2000

/** Never throws; cached per DID and origin (a website is asked once per TTL, whatever the answer). */
export async function checkDomainLinkage (deps: VerifierDeps, did: string, website: string | undefined): Promise<Linkage> {
  const origin = websiteOrigin(website)
  if (origin === undefined) return { linked: false, reason: website === undefined ? 'the issuer names no website' : 'the website is not an https URL' }
  if (didWebOrigin(did) === origin) return { linked: true, reason: `the DID ${did} is served by ${origin}` }
  const pending = deps.linkageCache.get(`${did} ${origin}`, async () => await loadLinkage(deps, did, origin))
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<Linkage>(resolve => {
    timer = setTimeout(() => resolve({ linked: false, reason: `${origin} did not answer within ${LINKAGE_WAIT_MS} ms; not confirmed yet` }), LINKAGE_WAIT_MS)
    timer.unref()
  })
  try {
    return await Promise.race([pending, late])
  } finally {
    clearTimeout(timer)
  }
}
