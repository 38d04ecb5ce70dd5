// The JSON-LD document loader: bundled contexts, offline did:key/did:jwk, and nothing else unless a
// guarded resolver is handed in (STYLE.md §10, after digitalbazaar/vc lib/documentLoader.js).
import { bundledContexts } from './contexts.js'
import { isOfflineDid, resolveDidOffline } from './did-offline.js'
import { DocumentMismatchError, NotAllowedError, UnknownContextError } from './errors.js'
import { selectFragment } from './select-fragment.js'

export interface RemoteDocument {
  contextUrl: null
  documentUrl: string
  document: any
  /** 'static' lets jsonld keep the processed context in its shared cache (bundled contexts never change). */
  tag?: 'static'
}
export type DocumentLoader = (url: string) => Promise<RemoteDocument>

/** Dereferences a DID document or an https controller / key document. */
export interface Resolver { resolve(url: string): Promise<any> }

export interface DocumentLoaderOptions {
  /** Network resolution (did:web, https key documents); off when absent. */
  resolver?: Resolver
  /** Extra documents by exact URL (e.g. the platform's own keys); bundled contexts cannot be overridden. */
  documents?: Record<string, unknown>
}

function result (url: string, document: unknown): RemoteDocument {
  return { contextUrl: null, documentUrl: url, document }
}

async function viaResolver (resolver: Resolver, url: string): Promise<RemoteDocument> {
  const fetched: unknown = await resolver.resolve(url)
  // A JSON-LD context (an @context and no id) is never taken from the network.
  if (fetched !== null && typeof fetched === 'object' && !('id' in fetched) && '@context' in fetched) {
    throw new UnknownContextError(url)
  }
  const document = selectFragment(fetched, url)
  // Only documents describing the requested id are accepted: a remote JSON-LD context has no such id,
  // so a resolver can never smuggle in an unbundled context.
  if (document === undefined) throw new DocumentMismatchError(url, 'it does not contain an object with this id')
  return result(url, document)
}

export function createDocumentLoader (opts: DocumentLoaderOptions = {}): DocumentLoader {
  const { resolver } = opts
  const extra = new Map(Object.entries(opts.documents ?? {}))

  return async function documentLoader (url: string): Promise<RemoteDocument> {
    if (typeof url !== 'string') throw new TypeError('"url" must be a string.')
    const bundled = bundledContexts.get(url)
    // A copy each time: jsonld rewrites context arrays in place (ContextResolver _resolveContextUrls).
    if (bundled !== undefined) return { ...result(url, structuredClone(bundled)), tag: 'static' }
    if (extra.has(url)) return result(url, structuredClone(extra.get(url)))

    if (url.startsWith('did:')) {
      if (isOfflineDid(url)) {
        const document = resolveDidOffline(url)
        if (document === undefined) throw new NotAllowedError(url, 'no verification method with this id')
        return result(url, document)
      }
      if (resolver === undefined) throw new NotAllowedError(url, 'network DID resolution is off (no resolver configured)')
      if (!url.startsWith('did:web:')) throw new NotAllowedError(url, 'unsupported DID method')
      return await viaResolver(resolver, url)
    }
    if (url.startsWith('https://') || url.startsWith('http://')) {
      // Without a resolver every non-bundled URL is reported as a context: that is what JSON-LD asks for.
      if (resolver === undefined) throw new UnknownContextError(url)
      return await viaResolver(resolver, url)
    }
    throw new NotAllowedError(url, 'only bundled contexts, DIDs and https documents can be loaded')
  }
}
