// Network resolution for did:web and https controller / key documents, through the guarded fetcher.
import type { Resolver } from './document-loader.js'
import { DocumentMismatchError, NotAllowedError } from './errors.js'
import type { GuardedFetcher } from './guarded-fetcher.js'
import { TtlCache } from './ttl-cache.js'

export interface GuardedResolverOptions {
  fetcher: GuardedFetcher
  /** How long a fetched document is reused (default 5 minutes; 0 disables caching). */
  ttlMs?: number
  maxEntries?: number
  /** Clock for tests. */
  now?: () => number
}

function withoutFragment (url: string): string {
  const hash = url.indexOf('#')
  return hash === -1 ? url : url.slice(0, hash)
}

/**
 * did:web §3.2 (Read): `did:web:host%3Aport:a:b` → https://host:port/a/b/did.json, and a bare host →
 * https://host/.well-known/did.json. A trusted origin on http (the platform in development) keeps http.
 */
export function didWebToUrl (did: string, trustedOrigins: readonly string[] = []): string {
  const parts = did.slice('did:web:'.length).split(':')
  if (parts.length === 0 || parts[0] === '' || parts.some(p => p === '' || p.includes('/'))) {
    throw new NotAllowedError(did, 'malformed did:web')
  }
  const [host, ...path] = parts.map(p => decodeURIComponent(p))
  let url: URL
  try {
    url = new URL(`https://${host}/${path.length === 0 ? '.well-known' : path.map(encodeURIComponent).join('/')}/did.json`)
  } catch {
    throw new NotAllowedError(did, 'malformed did:web host')
  }
  if (url.host !== host.toLowerCase()) throw new NotAllowedError(did, 'malformed did:web host')
  const httpOrigin = `http://${url.host}`
  if (trustedOrigins.includes(httpOrigin) && !trustedOrigins.includes(url.origin)) url.protocol = 'http:'
  return url.href
}

export function createGuardedResolver (opts: GuardedResolverOptions): Resolver {
  const { fetcher } = opts
  const cache = new TtlCache<unknown>({ ttlMs: opts.ttlMs ?? 5 * 60_000, maxEntries: opts.maxEntries, now: opts.now })

  async function fetchDocument (id: string, url: string): Promise<unknown> {
    const document = await fetcher.fetchJson(url)
    if (document === null || typeof document !== 'object' || Array.isArray(document)) {
      throw new DocumentMismatchError(id, 'not a JSON object')
    }
    // DID Core §7.1.2 / did:web §3.2: the resolved document's id must be the DID itself.
    if (id.startsWith('did:') && (document as { id?: unknown }).id !== id) {
      throw new DocumentMismatchError(id, 'the DID document id does not match')
    }
    return document
  }

  return {
    /** Resolves the document named by `url` (its fragment is ignored: the loader selects it). */
    async resolve (url: string): Promise<unknown> {
      const id = withoutFragment(url)
      let target: string
      if (id.startsWith('did:web:')) target = didWebToUrl(id, fetcher.trustedOrigins)
      else if (id.startsWith('https://') || id.startsWith('http://')) target = id
      else throw new NotAllowedError(url, 'only did:web and https documents are resolved')
      const document = await cache.get(target, () => fetchDocument(id, target))
      return structuredClone(document) // callers may mutate what they get; the cached copy stays intact
    }
  }
}
