// TEST ONLY (exported as @obp/documents/testing): the "fragment resolver" of the 1EdTech validator fixtures
// (test/spec-material/fixtures/1edtech-validator/README.md). It trusts whatever key a URL's fragment names, so it
// proves nothing about who owns a key: never hand it to a production loader.
import { CONTEXT_URLS } from '../contexts.js'
import type { Resolver } from '../document-loader.js'
import { NotAllowedError } from '../errors.js'
import { multikeyToJwk } from '../multikey.js'

/**
 * Resolves `<controller>#<publicKeyMultibase>` to a controller document listing that key (and every key
 * seen before for the same controller), so the later lookup of the bare controller id authorises it.
 * With `hosts`, it is one resolver of a chain (the verifier's `extraResolver`): it answers only https URLs on
 * those hosts, and `undefined` (not mine) for anything else; without, it is the only resolver and refuses.
 */
export function createFragmentKeyResolver (opts: { hosts?: string[] } = {}): Resolver {
  const seen = new Map<string, Set<string>>()
  const hosts = opts.hosts ? new Set(opts.hosts) : undefined
  const mine = (url: string): boolean => {
    if (!hosts) return true
    try { return hosts.has(new URL(url).hostname) } catch { return false }
  }
  return {
    async resolve (url: string): Promise<unknown> {
      if (!mine(url)) return undefined
      const hash = url.indexOf('#')
      const controller = hash === -1 ? url : url.slice(0, hash)
      const fragment = hash === -1 ? undefined : url.slice(hash + 1)
      if (fragment !== undefined && multikeyToJwk(fragment) !== undefined) {
        seen.set(controller, (seen.get(controller) ?? new Set()).add(fragment))
      }
      const keys = [...(seen.get(controller) ?? [])]
      if (keys.length === 0) {
        if (hosts) return undefined
        throw new NotAllowedError(url, 'no public key in the URL fragment')
      }
      const ids = keys.map(k => `${controller}#${k}`)
      return {
        '@context': [CONTEXT_URLS.DID_V1, CONTEXT_URLS.MULTIKEY_V1],
        id: controller,
        verificationMethod: keys.map(k => ({ id: `${controller}#${k}`, type: 'Multikey', controller, publicKeyMultibase: k })),
        assertionMethod: ids,
        authentication: ids
      }
    }
  }
}
