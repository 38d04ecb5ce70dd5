// Step 6 of OB 3.0 §9.1: credential status. Bitstring Status List v1.0 (BitstringStatusListEntry), the legacy
// StatusList2021Entry and the 1EdTech Revocation List (OB 3.0 §B.1.x "1EdTechRevocationList"). Fail closed:
// a status that cannot be checked makes the credential not verified, with the reason.
import type { VerifierDeps } from '../deps.js'
import { asArray, errorMessage, idOf, isObject, stringOf } from '../json.js'
import type { CheckEntry, Json } from '../types.js'
import { statusAt } from '../status/decode.js'
import { fetchJson, loadStatusList, type ListKind } from '../status/list-credential.js'

const LIST_KIND: Record<string, ListKind> = { BitstringStatusListEntry: 'BitstringStatusList', StatusList2021Entry: 'StatusList2021' }
const ENTRY_FIELDS = {
  BitstringStatusList: { url: 'statusListCredential', index: 'statusListIndex' },
  StatusList2021: { url: 'statusListCredential', index: 'statusListIndex' }
} as const

const fail = (message: string): CheckEntry => ({ check: 'status', status: 'failure', message })

function parseIndex (value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : stringOf(value)
  if (text === undefined || !/^\d{1,15}$/.test(text)) return undefined
  return Number(text)
}

async function checkListEntry (deps: VerifierDeps, entry: Json, kind: ListKind, issuerId: string): Promise<CheckEntry> {
  const url = stringOf(entry[ENTRY_FIELDS[kind].url])
  const index = parseIndex(entry[ENTRY_FIELDS[kind].index])
  const purpose = stringOf(entry.statusPurpose) ?? 'revocation'
  const size = entry.statusSize === undefined ? 1 : Number(entry.statusSize)
  if (url === undefined) return fail(`${kind} entry has no statusListCredential URL`)
  if (index === undefined) return fail(`${kind} entry has no valid statusListIndex`)
  if (!Number.isInteger(size) || size < 1 || size > 8) return fail('statusSize must be an integer from 1 to 8')
  let list
  try {
    list = await deps.statusCache.get(url, async () => await loadStatusList(deps, url, kind))
  } catch (err) {
    return fail(`the status list ${url} could not be checked: ${errorMessage(err)}`)
  }
  // Bitstring Status List v1.0 §3.2 step 7: the list must come from the credential's issuer.
  if (list.issuerId !== issuerId) return fail(`the status list ${url} was issued by ${list.issuerId}, not by the credential's issuer ${issuerId}`)
  if (!list.statusPurpose.includes(purpose)) return fail(`the status list ${url} is for ${list.statusPurpose.join(', ')}, not ${purpose}`)
  if ((index + 1) * size > list.bits.length * 8) return fail(`statusListIndex ${index} is outside the status list (${list.bits.length * 8 / size} entries)`)
  const value = statusAt(list.bits, index, size)
  if (purpose === 'revocation' || purpose === 'suspension') {
    const word = purpose === 'revocation' ? 'revoked' : 'suspended'
    return value === 0
      ? { check: 'status', status: 'success', message: `not ${word} (${url} index ${index})` }
      : fail(`${word} (${url} index ${index})`)
  }
  return { check: 'status', status: 'warning', message: `status ${purpose} is 0x${value.toString(16)} (${url} index ${index})` }
}

/** 1EdTech Revocation List: GET the list at credentialStatus.id; it names the revoked credential ids. */
async function checkRevocationList (deps: VerifierDeps, entry: Json, credentialId: string | undefined, issuerId: string): Promise<CheckEntry> {
  const url = stringOf(entry.id)
  if (url === undefined) return fail('1EdTechRevocationList entry has no id URL')
  let list: unknown
  try {
    list = await fetchJson(deps, url, 'the revocation list')
  } catch (err) {
    return fail(`the revocation list ${url} could not be checked: ${errorMessage(err)}`)
  }
  if (!isObject(list) || !Array.isArray(list.revokedCredentials)) return fail(`the revocation list ${url} has no revokedCredentials`)
  const listIssuer = idOf(list.issuer)
  if (listIssuer !== undefined && listIssuer !== issuerId) return fail(`the revocation list ${url} is from ${listIssuer}, not the credential's issuer`)
  const revoked = list.revokedCredentials.some(r => idOf(r) === credentialId)
  return revoked ? fail(`revoked (listed in ${url})`) : { check: 'status', status: 'success', message: `not listed in the revocation list ${url}` }
}

export async function checkStatus (deps: VerifierDeps, doc: Json, issuerId: string): Promise<CheckEntry[]> {
  const entries = asArray(doc.credentialStatus)
  if (entries.length === 0) return [{ check: 'status', status: 'skipped', message: 'the credential has no credentialStatus' }]
  return await Promise.all(entries.map(async entry => {
    if (!isObject(entry)) return fail('credentialStatus entry is not an object')
    const type = stringOf(entry.type) ?? ''
    const kind = LIST_KIND[type]
    if (kind !== undefined) return await checkListEntry(deps, entry, kind, issuerId)
    if (type === '1EdTechRevocationList') return await checkRevocationList(deps, entry, stringOf(doc.id), issuerId)
    return fail(`unsupported credentialStatus type "${type}": the status cannot be checked`)
  }))
}
