// What a person reading "revoked" wants next: since when, and why (issue 18). The bit in a Bitstring Status List
// says neither; this platform's revocation service publishes, per slot, the date and the reason when the issuer
// chose to publish one (GET REVOCATION_PUBLIC_URL/status-lists/:listId/entries/:index). Asked only for a
// credential the status check found revoked on one of this platform's lists; informational, never a verdict.
import type { VerifierDeps } from './deps.js'
import { asArray, isObject, stringOf } from './json.js'
import type { CheckEntry, Json, RevocationDetails } from './types.js'

/** The public record URL of each of this platform's status entries of `doc`. */
function recordUrls (deps: VerifierDeps, doc: Json): string[] {
  const base = `${deps.revocationPublicUrl.replace(/\/+$/, '')}/status-lists/`
  return asArray(doc.credentialStatus).filter(isObject).flatMap(entry => {
    const list = stringOf(entry.statusListCredential)
    const index = stringOf(entry.statusListIndex)
    if (list === undefined || index === undefined || !/^\d{1,15}$/.test(index) || !list.startsWith(base)) return []
    const listId = list.slice(base.length)
    return /^[\w-]{1,64}$/.test(listId) ? [`${base}${listId}/entries/${index}`] : []
  })
}

export async function revocationDetails (deps: VerifierDeps, doc: Json, checks: CheckEntry[]): Promise<RevocationDetails | undefined> {
  if (!checks.some(c => c.check === 'status' && c.status === 'failure' && /^revoked\b/.test(c.message))) return undefined
  for (const url of recordUrls(deps, doc)) {
    try {
      const res = await deps.fetcher.fetchBytes(url, { maxBytes: 16 * 1024, accept: 'application/json' })
      const body = res.status === 200 ? JSON.parse(res.body.toString('utf8')) as unknown : undefined
      if (!isObject(body) || body.revoked !== true) continue
      const revokedAt = stringOf(body.revokedAt)
      const reason = stringOf(body.reason)
      return { ...(revokedAt !== undefined ? { revokedAt } : {}), ...(reason !== undefined ? { reason } : {}) }
    } catch {
      // the verdict stands without the details
    }
  }
  return {}
}
