// Proof suites: Data Integrity (VC-DI-EDDSA eddsa-rdfc-2022, VC-DI-ECDSA ecdsa-rdfc-2019, legacy eddsa-2022)
// and Ed25519Signature2020, built the way @digitalbazaar/vc expects them.
import './jsonld-fast-path.js'
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite'
import { cryptosuite as eddsa2022 } from '@digitalbazaar/eddsa-2022-cryptosuite'
import { suiteContext as ed2020Context } from '@digitalbazaar/ed25519-signature-2020'
import { CachingDataIntegrityProof as DataIntegrityProof, CachingEd25519Signature2020 as Ed25519Signature2020, withVerifierCache } from './suite-cache.js'
import type { KeyType } from './keys.js'
import type { Signer } from './signer.js'
import { SuiteMismatchError } from './errors.js'
import { withCompiledShapes } from './fast-canonize.js'
import type { DocumentLoader } from './types.js'

export const SUITE_NAMES = ['eddsa-rdfc-2022', 'ecdsa-rdfc-2019', 'Ed25519Signature2020'] as const
export type SuiteName = typeof SUITE_NAMES[number]

export const ED25519_2020_CONTEXT: string = ed2020Context.CONTEXT_URL

const KEY_TYPE_OF_SUITE = { 'eddsa-rdfc-2022': 'Ed25519', 'ecdsa-rdfc-2019': 'P-256', Ed25519Signature2020: 'Ed25519' } as const satisfies Record<SuiteName, KeyType>

/** The key type a suite signs with. */
export const suiteKeyType = (suite: SuiteName): KeyType => KEY_TYPE_OF_SUITE[suite]

/** The default suite of a key type: Ed25519 signs eddsa-rdfc-2022, P-256 signs ecdsa-rdfc-2019. */
export function defaultSuiteFor (type: KeyType): SuiteName {
  if (type === 'P-256') return 'ecdsa-rdfc-2019'
  if (type === 'Ed25519') return 'eddsa-rdfc-2022'
  throw new SuiteMismatchError('Data Integrity', type)
}

/**
 * The suite signing with `signer`. With `documentLoader` (the caller's loader), the rdfc suites compile the shapes
 * they meet and canonicalize later documents of the same shape through them (docs/decisions/0002-compiled-canonicalization.md, fast-canonize.ts), and
 * proof configurations are cached per that loader; nothing else changes in the suites.
 */
function compiled<T extends { canonize: any; name: string }> (cryptosuite: T, compile: boolean, loaderKey: DocumentLoader | undefined): T {
  return loaderKey === undefined ? cryptosuite : withCompiledShapes(cryptosuite, { compile, loaderKey })
}

export function signingSuite (name: SuiteName, keyType: KeyType, signer: Signer, created?: string, documentLoader?: DocumentLoader): unknown {
  if (KEY_TYPE_OF_SUITE[name] !== keyType) throw new SuiteMismatchError(name, keyType)
  const date = created ?? undefined
  switch (name) {
    case 'eddsa-rdfc-2022': return new DataIntegrityProof({ signer, date, cryptosuite: compiled(eddsaRdfc2022, true, documentLoader), loaderKey: documentLoader })
    case 'ecdsa-rdfc-2019': return new DataIntegrityProof({ signer, date, cryptosuite: compiled(ecdsaRdfc2019, true, documentLoader), loaderKey: documentLoader })
    case 'Ed25519Signature2020': return new Ed25519Signature2020({ signer, date, loaderKey: documentLoader })
  }
}

const verifyEddsaRdfc2022 = withVerifierCache(eddsaRdfc2022)
const verifyEcdsaRdfc2019 = withVerifierCache(ecdsaRdfc2019)
const verifyEddsa2022 = withVerifierCache(eddsa2022)
/**
 * Every suite a credential may carry; jsonld-signatures picks the one matching each proof. `compiledShapes`: the
 * rdfc suites may canonicalize through shapes already compiled by this process's signing with the same loader
 * (the platform's own credentials only); `documentLoader` also keys the proof-configuration cache.
 */
export function verifyingSuites (opts: { compiledShapes?: boolean; documentLoader?: DocumentLoader } = {}): unknown[] {
  const own = opts.compiledShapes === true ? opts.documentLoader : undefined
  return [
    new DataIntegrityProof({ cryptosuite: own ? withVerifierCache(compiled(eddsaRdfc2022, false, own)) : verifyEddsaRdfc2022, loaderKey: opts.documentLoader }),
    new DataIntegrityProof({ cryptosuite: own ? withVerifierCache(compiled(ecdsaRdfc2019, false, own)) : verifyEcdsaRdfc2019, loaderKey: opts.documentLoader }),
    new DataIntegrityProof({ cryptosuite: verifyEddsa2022, loaderKey: opts.documentLoader }),
    new Ed25519Signature2020({ loaderKey: opts.documentLoader })
  ]
}
