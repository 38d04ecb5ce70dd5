// Fetching and trusting a status list credential (Bitstring Status List v1.0 §3.2 validate algorithm, steps
// 1-9; StatusList2021 §5): fetched through the guarded fetcher, its own proof and issuer key verified, its
// validity period checked, then its bitstring decoded with a hard cap on the inflated size.
import type { VerifierDeps } from '../deps.js'
import { StatusListError } from '../errors.js'
import { asArray, idOf, isObject, typesOf } from '../json.js'
import type { Json } from '../types.js'
import { checkProofs } from '../checks/proof.js'
import { checkStructure } from '../checks/structure.js'
import { checkValidity } from '../checks/validity.js'
import type { CachedList } from './cache.js'
import { decodeEncodedList, MIN_LIST_BITS } from './decode.js'

export type ListKind = 'BitstringStatusList' | 'StatusList2021'

export async function fetchJson (deps: VerifierDeps, url: string, what: string): Promise<unknown> {
  const res = await deps.fetcher.fetchBytes(url, { maxBytes: deps.maxFetchBytes, accept: 'application/vc+ld+json, application/ld+json, application/json' })
  if (res.status !== 200) throw new StatusListError(`${what} ${url} answered HTTP ${res.status}`)
  try {
    return JSON.parse(res.body.toString('utf8')) as unknown
  } catch {
    throw new StatusListError(`${what} ${url} is not JSON`)
  }
}

async function verifyListCredential (deps: VerifierDeps, list: Json, kind: ListKind): Promise<string> {
  const structure = checkStructure(list, [`${kind}Credential`])
  if (structure.entry.status !== 'success' || structure.model === undefined) throw new StatusListError(`the status list credential is malformed: ${structure.entry.message}`)
  const issuerId = idOf(list.issuer) as string
  const proof = await checkProofs(deps, list, issuerId)
  if (!proof.signatureValid) throw new StatusListError(`the status list credential's proof failed: ${proof.signatureMessage}`)
  if (!proof.bindingValid) throw new StatusListError(`the status list credential's key is not its issuer's: ${proof.bindingMessage}`)
  const validity = checkValidity(list, structure.model, deps.now(), deps.clockSkewMs)
  if (validity.status !== 'success') throw new StatusListError(`the status list credential is not valid: ${validity.message}`)
  return issuerId
}

/** Loads, verifies and decodes the list at `url`. Throws StatusListError (or a fetcher error) when it cannot be trusted. */
export async function loadStatusList (deps: VerifierDeps, url: string, kind: ListKind): Promise<CachedList> {
  const list = await fetchJson(deps, url, 'the status list')
  if (!isObject(list)) throw new StatusListError(`the status list ${url} is not a credential`)
  // Bitstring Status List v1.0 §3.2 step 4 (the id of the fetched credential is the URL asked for).
  if (list.id !== undefined && list.id !== url) throw new StatusListError(`the status list fetched from ${url} has the id ${String(list.id)}`)
  const issuerId = await verifyListCredential(deps, list, kind)
  const subject = asArray(list.credentialSubject).find(isObject)
  if (subject === undefined || !typesOf(subject).includes(kind)) throw new StatusListError(`the status list's credentialSubject is not a ${kind}`)
  const bits = await decodeEncodedList(subject.encodedList, { maxBytes: deps.maxStatusListBytes }, kind === 'BitstringStatusList')
  if (kind === 'BitstringStatusList' && bits.length * 8 < MIN_LIST_BITS) {
    throw new StatusListError(`the status list has ${bits.length * 8} entries, fewer than the ${MIN_LIST_BITS} required`)
  }
  const statusPurpose = asArray(subject.statusPurpose).filter((p): p is string => typeof p === 'string')
  const until = typeof list.validUntil === 'string' ? Date.parse(list.validUntil) : NaN
  return { issuerId, statusPurpose, bits, ...(Number.isNaN(until) ? {} : { validUntil: until }) }
}
