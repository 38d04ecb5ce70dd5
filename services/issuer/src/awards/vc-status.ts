// Who owns a VC-API credential's `credentialStatus` (ARCHITECTURE.md "VC-API issue"): the platform. An entry on
// one of its own lists is allocated by the platform only, so a caller cannot mint a credential that shares
// another's bit or points at a slot that never revokes; such an entry is refused. Another system's status
// (a foreign list, another status type) is signed as given only for an issuer that enabled pass-through.
import { statusListUrlPrefix } from '@obp/documents'
import type { IssuerRecord } from '@obp/issuers'
import { ForeignStatusRefused, InvalidCredential, StatusOwned } from '../errors.js'

type Json = Record<string, unknown>

export const STATUS_TYPE = 'BitstringStatusListEntry'

/** What to do about status: allocate a platform entry, or keep the caller's (pass-through), or add none. */
export type StatusPlan = 'allocate' | 'keep' | 'none'

/** VCALM issue options: `credentialStatus: {type}` asks for an entry; `false` (or absent on VCDM 1.1) for none. */
function askedFor (options: Json, version: 1 | 2): boolean {
  const asked = options.credentialStatus
  if (asked === undefined) return version === 2
  if (asked === false || asked === null) return false
  if (asked === true) return true
  const type = (asked as Json | undefined)?.type
  if (type !== STATUS_TYPE) throw new InvalidCredential(`"options.credentialStatus.type" must be "${STATUS_TYPE}" (the status this platform allocates)`)
  return true
}

export function planStatus (credential: Json, options: Json, version: 1 | 2, issuer: IssuerRecord & { statusPassThrough?: boolean }, revocationPublicUrl: string): StatusPlan {
  const given = credential.credentialStatus
  if (given === undefined) return askedFor(options, version) ? 'allocate' : 'none'
  const prefix = statusListUrlPrefix(revocationPublicUrl)
  for (const entry of [given].flat() as Json[]) {
    const refs = [entry.id, entry.statusListCredential].filter((v): v is string => typeof v === 'string')
    if (refs.some(r => r.startsWith(prefix))) throw new StatusOwned(prefix)
    if (issuer.statusPassThrough !== true) throw new ForeignStatusRefused(JSON.stringify(entry.type))
  }
  return 'keep'
}
