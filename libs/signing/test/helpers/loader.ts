// Test loaders over @obp/documents. `fragmentKeys` is the 1EdTech fixtures' "key in the URL fragment"
// resolver: tests only, never acceptable in production (see fixtures/1edtech-validator/README.md).
import { createDocumentLoader, type Resolver } from '@obp/documents'

const MULTIKEY_DOC_CONTEXT = ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1']

/** Builds a controller document holding every fragment key seen so far for that controller. */
export function fragmentKeyResolver (): Resolver {
  const seen = new Map<string, Set<string>>()
  return {
    async resolve (url: string) {
      const [base, fragment] = url.split('#')
      const keys = seen.get(base) ?? new Set<string>()
      seen.set(base, keys)
      if (fragment?.startsWith('z')) keys.add(fragment)
      const ids = [...keys].map(k => `${base}#${k}`)
      return {
        '@context': MULTIKEY_DOC_CONTEXT,
        id: base,
        verificationMethod: [...keys].map(k => ({ id: `${base}#${k}`, type: 'Multikey', controller: base, publicKeyMultibase: k })),
        assertionMethod: ids
      }
    }
  }
}

/** Serves DID / controller documents by their id, as a did:web resolver would after fetching. */
export function staticResolver (documents: Record<string, unknown>): Resolver {
  return {
    async resolve (url: string) {
      const doc = documents[url.split('#')[0]]
      if (doc === undefined) throw Object.assign(new Error(`not found: ${url}`), { code: 'OBP_TEST_NOT_FOUND' })
      return structuredClone(doc)
    }
  }
}

export function testLoader (opts: { didDocuments?: Record<string, unknown>; fragmentKeys?: boolean } = {}) {
  const resolver = opts.fragmentKeys ? fragmentKeyResolver() : opts.didDocuments ? staticResolver(opts.didDocuments) : undefined
  return createDocumentLoader({ resolver })
}
