// Caches that are safe because they are keyed by their exact input (docs/decisions/0001-jsonld-fast-path.md).
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020'
import { verify as cryptoVerify } from 'node:crypto'
import { BoundedMap } from '@obp/documents'
import { keyObjectFromMultikey } from './multibase.js'
import { chainedDocument } from './proof-chain.js'
import type { DocumentLoader } from './types.js'

const MAX_PROOF_CONFIGS = 512
const MAX_VERIFIERS = 1024

// Canonical proof configurations per document loader: the canonical form is a pure function of the JSON
// input (document @context + proof options without proofValue) and of the contexts the loader serves, so the
// cache is keyed by the loader object and the exact JSON text of the input. A batch signed within one second by
// one key shares one proof configuration (VC-DI-EDDSA §3.2.5); a failure (e.g. safe mode) is never cached.
const proofConfigs = new WeakMap<DocumentLoader, BoundedMap<string, Promise<string>>>()

function memoCanonizeProof (suite: { contextUrl?: string }, proof: Record<string, unknown>, document: Record<string, unknown>,
  documentLoader: DocumentLoader, compute: () => Promise<string>): Promise<string> {
  const { proofValue: _pv, jws: _jws, signatureValue: _sv, ...config } = proof
  const key = JSON.stringify([suite.contextUrl ?? null, document['@context'] ?? null, config])
  let perLoader = proofConfigs.get(documentLoader)
  if (!perLoader) proofConfigs.set(documentLoader, perLoader = new BoundedMap(MAX_PROOF_CONFIGS))
  const cached = perLoader.get(key)
  if (cached) return cached
  const pending = compute()
  pending.catch(() => perLoader.delete(key))
  perLoader.set(key, pending)
  return pending
}

// jsonld-signatures hands the suite a fresh wrapper of the caller's loader on every sign/verify (ProofSet.js
// extendContextLoader), so the caller's own loader, when given, is the cache key: the wrapper serves
// jsonld-signatures' static contexts first, then exactly what the caller's loader serves.
export class CachingDataIntegrityProof extends DataIntegrityProof {
  readonly loaderKey?: DocumentLoader
  constructor (opts: ConstructorParameters<typeof DataIntegrityProof>[0] & { loaderKey?: DocumentLoader }) {
    const { loaderKey, ...rest } = opts
    super(rest)
    this.loaderKey = loaderKey
  }

  override async canonizeProof (proof: Record<string, unknown>, opts: { document: Record<string, unknown>; documentLoader: DocumentLoader }): Promise<string> {
    return memoCanonizeProof(this, proof, opts.document, this.loaderKey ?? opts.documentLoader, () => super.canonizeProof(proof, opts))
  }

  // VC-DI 1.0 §4.3: a proof with `previousProof` (set through `this.proof`) signs the document with those proofs.
  override async createProof (opts: ChainOpts): Promise<any> {
    const proof = (this as unknown as { proof?: Record<string, unknown> }).proof ?? {}
    return await super.createProof({ ...opts, document: chainedDocument(opts.document, proof, opts.proofSet) })
  }

  // VC-DI 1.0 §4.4: each proof is verified against the document with the proofs it names, which must exist.
  override async verifyProof (opts: ChainOpts & { proof: Record<string, unknown> }): Promise<any> {
    let document: Record<string, unknown>
    try {
      document = chainedDocument(opts.document, opts.proof, opts.proofSet)
    } catch (error) {
      return { verified: false, error }
    }
    return await super.verifyProof({ ...opts, document })
  }
}

interface ChainOpts { document: Record<string, unknown>; proofSet?: Array<Record<string, unknown>>; [k: string]: unknown }

export class CachingEd25519Signature2020 extends Ed25519Signature2020 {
  readonly loaderKey?: DocumentLoader
  constructor (opts: ConstructorParameters<typeof Ed25519Signature2020>[0] & { loaderKey?: DocumentLoader } = {}) {
    const { loaderKey, ...rest } = opts
    super(rest)
    this.loaderKey = loaderKey
  }

  override async canonizeProof (proof: Record<string, unknown>, opts: { document: Record<string, unknown>; documentLoader: DocumentLoader }): Promise<string> {
    return memoCanonizeProof(this, proof, opts.document, this.loaderKey ?? opts.documentLoader, () => super.canonizeProof(proof, opts))
  }
}

// Verifiers by public key: the Multikey libraries import the raw key into a node:crypto KeyObject on every
// verify() call; the verifier depends only on the verification method's key material, type and id, which form
// the cache key. The library still builds (and so validates) the verifier once per key; we then verify with a
// KeyObject imported once: Ed25519 (RFC 8032) and P-256/SHA-256 with r||s signatures (VC-DI-ECDSA §3.3.4).
interface Verifier { algorithm: string; id?: string; verify(opts: { data: Uint8Array; signature: Uint8Array }): Promise<boolean> }
interface Cryptosuite { createVerifier(opts: { verificationMethod: Record<string, unknown> }): Promise<Verifier>; [k: string]: unknown }
const verifiers = new BoundedMap<string, Promise<Verifier>>(MAX_VERIFIERS)

async function fastVerifier (lib: Verifier, vm: Record<string, unknown>): Promise<Verifier> {
  if (typeof vm.publicKeyMultibase !== 'string' || (lib.algorithm !== 'Ed25519' && lib.algorithm !== 'P-256')) return lib
  const key = keyObjectFromMultikey(vm.publicKeyMultibase)
  const verify = lib.algorithm === 'Ed25519'
    ? (data: Uint8Array, signature: Uint8Array) => cryptoVerify(null, data, key, signature)
    : (data: Uint8Array, signature: Uint8Array) => cryptoVerify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature)
  return {
    algorithm: lib.algorithm,
    id: lib.id,
    async verify ({ data, signature }) {
      try {
        return verify(data, signature)
      } catch {
        return false
      }
    }
  }
}

export function withVerifierCache (suite: Cryptosuite): Cryptosuite {
  return {
    ...suite,
    createVerifier ({ verificationMethod: vm }) {
      const key = JSON.stringify([suite.name, vm.id, vm.type, vm.publicKeyMultibase ?? null, vm.publicKeyJwk ?? null])
      const cached = verifiers.get(key)
      if (cached) return cached
      const pending = suite.createVerifier({ verificationMethod: vm }).then(lib => fastVerifier(lib, vm))
      pending.catch(() => verifiers.delete(key))
      verifiers.set(key, pending)
      return pending
    }
  }
}
