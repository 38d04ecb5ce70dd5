// Minimal types for untyped dependencies (only what @obp/signing uses).
declare module '@digitalbazaar/vc' {
  export function issue (opts: { credential: object; suite: unknown; documentLoader: unknown; purpose?: unknown; now?: string | Date }): Promise<any>
  export function verifyCredential (opts: Record<string, unknown>): Promise<any>
  export function verify (opts: Record<string, unknown>): Promise<any>
  export function signPresentation (opts: Record<string, unknown>): Promise<any>
}
declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor (opts: { signer?: unknown; date?: string | Date | null; cryptosuite: unknown; legacyContext?: boolean })
    contextUrl: string
    canonizeProof (proof: object, opts: { document: object; documentLoader: unknown }): Promise<string>
    createProof (opts: Record<string, unknown>): Promise<any>
    verifyProof (opts: Record<string, unknown>): Promise<any>
  }
}
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' { export const cryptosuite: any }
declare module '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite' { export const cryptosuite: any }
declare module '@digitalbazaar/eddsa-2022-cryptosuite' { export const cryptosuite: any }
declare module '@digitalbazaar/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor (opts?: { signer?: unknown; date?: string | Date | null; key?: unknown })
    contextUrl: string
    canonizeProof (proof: object, opts: { document: object; documentLoader: unknown }): Promise<string>
  }
  export const suiteContext: { CONTEXT_URL: string }
}
declare module 'jsonld' {
  const jsonld: {
    toRDF (input: unknown, opts: Record<string, unknown>): Promise<any>
    canonize (input: unknown, opts: Record<string, unknown>): Promise<string>
    expand (input: unknown, opts: Record<string, unknown>): Promise<any>
    [k: string]: any
  }
  export default jsonld
}
declare module 'rdf-canonize' {
  export function canonize (dataset: unknown, opts: Record<string, unknown>): Promise<string>
}
// used by bench/signing.bench.ts and bench/fast-path.bench.ts (the stock key pairs)
declare module '@digitalbazaar/ed25519-multikey' {
  export function fromJwk (opts: { jwk: object; secretKey?: boolean; id?: string; controller?: string }): Promise<{ signer(): unknown }>
}
declare module '@digitalbazaar/ecdsa-multikey' {
  export function fromJwk (opts: { jwk: object; secretKey?: boolean; id?: string; controller?: string }): Promise<{ signer(): unknown }>
}
