// The issuer in the platform's network (docs/decisions/0005-network-and-endorsements.md, "The verifier reports it"): is the credential's issuer a current
// member, and which members endorse it or this achievement. The issuer service answers at
// GET ISSUER_PUBLIC_URL/network/trust (a trusted origin of the guarded fetcher). Informational only: this step is
// never a failure, and an unreachable or odd answer is reported as skipped.
import type { VerifierDeps } from '../deps.js'
import { asArray, errorMessage, isObject, stringOf } from '../json.js'
import type { CheckEntry, Json, NetworkEndorser, NetworkSummary } from '../types.js'

// An answer lists at most this many endorsers (the issuer service caps its query at 200).
const MAX_ENDORSERS = 200

export type NetworkOutcome = { ok: true; network: NetworkSummary } | { ok: false; reason: string }

/** The trust endpoint's URL for an issuer (and achievement); exported for tests standing in for the issuer service. */
export function trustUrl (issuerPublicUrl: string, issuer: string, achievement?: string): string {
  const query = new URLSearchParams({ issuer, ...(achievement !== undefined ? { achievement } : {}) })
  return `${issuerPublicUrl.replace(/\/+$/, '')}/network/trust?${query.toString()}`
}

function endorserOf (value: unknown): NetworkEndorser | undefined {
  if (!isObject(value)) return undefined
  const id = stringOf(value.id)
  const subjectKind = value.subjectKind === 'achievement' || value.subjectKind === 'profile' ? value.subjectKind : undefined
  if (id === undefined || subjectKind === undefined) return undefined
  const text = (key: string): string | undefined => stringOf(value[key])
  return {
    id,
    issuerId: text('issuerId'),
    name: text('name'),
    endorsementId: text('endorsementId'),
    url: text('url'),
    subjectId: text('subjectId'),
    subjectKind,
    since: text('since'),
    accepted: value.accepted === true
  }
}

/** Reads the answer defensively: only the documented fields, typed, for the issuer asked about. */
export function readTrust (body: unknown, issuer: string): NetworkSummary {
  if (!isObject(body) || typeof body.member !== 'boolean') throw new Error('the answer is not {issuer, member, endorsedBy}')
  if (body.issuer !== issuer) throw new Error(`the answer is about ${String(body.issuer)}, not ${issuer}`)
  const endorsedBy = asArray(body.endorsedBy).slice(0, MAX_ENDORSERS).map(endorserOf).filter((e): e is NetworkEndorser => e !== undefined)
  const since = stringOf(body.since)
  const name = stringOf(body.network)
  return { member: body.member, ...(since !== undefined ? { since } : {}), endorsedBy, ...(name !== undefined ? { name } : {}) }
}

async function loadTrust (deps: VerifierDeps, url: string, issuer: string): Promise<NetworkOutcome> {
  try {
    const res = await deps.fetcher.fetchBytes(url, { maxBytes: deps.maxFetchBytes, accept: 'application/json' })
    if (res.status !== 200) return { ok: false, reason: `the issuer service answered HTTP ${res.status}` }
    return { ok: true, network: readTrust(JSON.parse(res.body.toString('utf8')) as unknown, issuer) }
  } catch (err) {
    return { ok: false, reason: errorMessage(err) }
  }
}

function describe (e: NetworkEndorser): string {
  return `${e.name ?? e.id} (${e.subjectKind === 'achievement' ? 'this achievement' : 'the issuer'}${e.since !== undefined ? ` since ${e.since}` : ''})`
}

/**
 * The `network` step. Failed answers are cached too (as skipped), for the same short time, so an issuer service
 * that is down costs one timeout per issuer and TTL, not one per verification.
 */
export async function checkNetwork (deps: VerifierDeps, doc: Json, issuerId: string): Promise<{ entry: CheckEntry; network?: NetworkSummary }> {
  const subject = asArray(doc.credentialSubject).find(isObject)
  const achievement = isObject(subject?.achievement) ? stringOf(subject.achievement.id) : undefined
  const url = trustUrl(deps.issuerPublicUrl, issuerId, achievement)
  const outcome = await deps.networkCache.get(url, async () => await loadTrust(deps, url, issuerId))
  if (!outcome.ok) return { entry: { check: 'network', status: 'skipped', message: `network membership could not be checked: ${outcome.reason}` } }
  const { network } = outcome
  const endorsers = network.endorsedBy.length === 0 ? 'no member endorses it' : `endorsed by ${network.endorsedBy.map(describe).join(', ')}`
  const entry: CheckEntry = network.member
    ? { check: 'network', status: 'success', message: `the issuer is a member of the network${network.since !== undefined ? ` since ${network.since}` : ''}; ${endorsers}` }
    : { check: 'network', status: 'warning', message: `the issuer is not a member of the network; ${endorsers}` }
  return { entry, network }
}
