// The network as a registry other verifiers read (issue 18). Two shapes of the same member list, both signed
// with the network's registry key (./registry-key.ts):
// - the Digital Credentials Consortium known-issuer registry ("dcc-legacy" in @digitalcredentials/issuer-registry-client):
//   `{meta, registry: {<DID>: {name, url, location?}}}`, here with `memberSince` and `logo` per entry; served as
//   JSON, or as a compact JWS of the same document (`?format=jwt` / `Accept: application/jwt`);
// - OpenID Federation 1.0, which the current DCC client ("oidf"), VerifierPlus and the Learner Credential Wallet
//   read: the trust anchor's entity configuration, a subordinate statement per member (`fetch?sub=`) and the list.
import type { IssuerRecord } from '@obp/issuers'
import type { NetworkContext } from './context.js'
import type { MemberRecord } from './member-store.js'

export interface RegistryEntry { did: string; name: string; url?: string; memberSince: string; logo?: string }

/** Statements are valid this long; verifiers fetch again after. */
export const STATEMENT_TTL_S = 24 * 60 * 60

function logoOf (profile: IssuerRecord['profile']): string | undefined {
  const image = profile.image
  const id = typeof image === 'string' ? image : typeof image === 'object' && image !== null ? (image as { id?: unknown }).id : undefined
  return typeof id === 'string' ? id : undefined
}

function entryOf (m: MemberRecord, issuer: IssuerRecord | undefined): RegistryEntry {
  const profile = issuer?.profile
  const url = typeof profile?.url === 'string' ? profile.url : undefined
  const logo = profile ? logoOf(profile) : undefined
  return { did: issuer?.did ?? m.did, name: profile?.name ?? m.did, ...(url !== undefined ? { url } : {}), memberSince: m.since.toISOString(), ...(logo !== undefined ? { logo } : {}) }
}

/** The current members, oldest membership first. */
export async function registryEntries (ctx: NetworkContext): Promise<RegistryEntry[]> {
  const members = await ctx.members.current()
  const issuers = new Map((await ctx.issuers.list({ ids: members.map(m => m._id) })).map(i => [i._id, i]))
  return members.map(m => entryOf(m, issuers.get(m._id)))
}

/** The DCC known-issuer registry document. */
export function dccRegistry (ctx: NetworkContext, entries: RegistryEntry[], now: Date) {
  return {
    meta: { name: ctx.networkName, created: entries[0]?.memberSince ?? now.toISOString(), updated: now.toISOString() },
    registry: Object.fromEntries(entries.map(({ did, ...rest }) => [did, rest]))
  }
}

/** OpenID Federation 1.0 §3: the trust anchor's entity configuration (self-signed). */
export function entityConfiguration (ctx: NetworkContext, jwk: Record<string, unknown>, iat: number) {
  return {
    iss: ctx.publicUrl,
    sub: ctx.publicUrl,
    iat,
    exp: iat + STATEMENT_TTL_S,
    jwks: { keys: [jwk] },
    metadata: {
      federation_entity: {
        organization_name: ctx.networkName,
        homepage_uri: `${ctx.publicUrl}/network`,
        federation_fetch_endpoint: `${ctx.publicUrl}/network/registry/fetch`,
        federation_list_endpoint: `${ctx.publicUrl}/network/registry/list`
      }
    }
  }
}

/** OpenID Federation 1.0 §8.1.1: the anchor's statement about one member. */
export function subordinateStatement (ctx: NetworkContext, entry: RegistryEntry, iat: number) {
  return {
    iss: ctx.publicUrl,
    sub: entry.did,
    iat,
    exp: iat + STATEMENT_TTL_S,
    metadata: {
      federation_entity: {
        organization_name: entry.name,
        ...(entry.url !== undefined ? { homepage_uri: entry.url } : {}),
        ...(entry.logo !== undefined ? { logo_uri: entry.logo } : {})
      },
      institution_additional_information: { member_since: entry.memberSince }
    }
  }
}
