// TEST ONLY. The 1EdTech fixtures are signed by keys under https://example.com/... that cannot be dereferenced;
// their public key is written in the URL fragment. This resolver builds a controller document from that
// fragment (README in fixtures/1edtech-validator), so the fixtures' signatures and verdicts can be tested.
// Anyone can write a key in a fragment: production never uses this (the app only takes it as a test option).
import { CONTEXT_URLS, multikeyToJwk } from '@obp/documents'

const HOSTS = new Set(['example.com', '1edtech.edu', 'accrediter.edu'])

export function createFragmentResolver (): { resolve(url: string): Promise<unknown> } {
  const keys = new Map<string, Set<string>>()
  const documentOf = (base: string): unknown => {
    const ids = [...(keys.get(base) ?? [])]
    return {
      '@context': [CONTEXT_URLS.DID_V1, CONTEXT_URLS.MULTIKEY_V1],
      id: base,
      verificationMethod: ids.map(id => ({ id, type: 'Multikey', controller: base, publicKeyMultibase: id.slice(id.indexOf('#') + 1) })),
      assertionMethod: ids
    }
  }
  return {
    async resolve (url: string) {
      let parsed: URL
      try { parsed = new URL(url) } catch { return undefined }
      if (!HOSTS.has(parsed.hostname)) return undefined
      const hash = url.indexOf('#')
      const base = hash === -1 ? url : url.slice(0, hash)
      if (hash !== -1) {
        const fragment = url.slice(hash + 1)
        if (multikeyToJwk(fragment) === undefined) return undefined
        keys.set(base, (keys.get(base) ?? new Set()).add(url))
      }
      return keys.has(base) ? documentOf(base) : undefined
    }
  }
}
