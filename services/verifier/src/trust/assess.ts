// "Who stands behind the issuer?" (issue 18; CONTRACT.md "Verifier service": `trust`), answered beside the checks
// and apart from `verified`: a credential can be authentic and in force while its issuer is nobody the network
// knows. The level comes from the issuer service's public network answer (checks/network.ts, cached); the
// website from the credential's issuer profile, confirmed by ./domain-linkage.ts. An issuer the proof did not
// confirm is `unknown` and nothing about it is fetched.
import type { VerifierDeps } from '../deps.js'
import { idOf, isObject, stringOf } from '../json.js'
import type { Json, NetworkSummary, Trust } from '../types.js'
import { checkDomainLinkage } from './domain-linkage.js'

export interface TrustInput {
  /** the proof and issuer binding passed: the issuer named is the one who signed */
  confirmed: boolean
  /** the network's answer about this issuer, when the issuer service gave one */
  network?: NetworkSummary
}

export async function assessTrust (deps: VerifierDeps, doc: Json, input: TrustInput): Promise<Trust> {
  const profile = isObject(doc.issuer) ? doc.issuer : {}
  const id = idOf(doc.issuer) ?? ''
  const url = stringOf(profile.url)
  const name = stringOf(profile.name) ?? id
  const linkage = input.confirmed && id !== '' ? await checkDomainLinkage(deps, id, url) : { linked: false, reason: 'the issuer is not confirmed' }
  const issuer = { id, name, ...(url !== undefined ? { url } : {}), domainLinked: linkage.linked, domainLinkage: linkage.reason }
  const network = input.confirmed ? input.network : undefined
  if (network?.member === true) {
    return { level: 'network-member', network: { name: network.name ?? '', memberSince: network.since ?? '' }, issuer, ...(network.endorsedBy.length > 0 ? { endorsedBy: endorsers(network) } : {}) }
  }
  if (network !== undefined && network.endorsedBy.length > 0) return { level: 'endorsed', endorsedBy: endorsers(network), issuer }
  return { level: 'unknown', issuer }
}

function endorsers (network: NetworkSummary): Trust['endorsedBy'] {
  return network.endorsedBy.map(e => ({ id: e.id, name: e.name ?? e.id, subject: e.subjectKind, ...(e.since !== undefined ? { since: e.since } : {}) }))
}
