// The wire shapes of the VC-API exchange (VCALM "Exchanges"; VP Request spec; wallet-delivery.md §2) and the links a
// claim page hands out: the interaction URL (`iuv=1`, its `protocols` list) and the Learner Credential Wallet's
// deep link (`https://lcw.app/request?request=<{"protocols":{"vcapi":...}}>`, LCW app.config.js / walletRequestApi.ts).
import type { ExchangeRecord } from './exchange-store.js'
import type { AcceptedSuite } from './did-auth.js'

export const WORKFLOW = 'claim'
export const VC_API_SUITES: readonly AcceptedSuite[] = ['eddsa-rdfc-2022', 'Ed25519Signature2020']
export const VC_API_DID_METHODS = ['did:key'] as const

const base = (publicUrl: string): string => publicUrl.replace(/\/+$/, '')
export const exchangeUrl = (publicUrl: string, id: string): string => `${base(publicUrl)}/workflows/${WORKFLOW}/exchanges/${id}`
/** VCALM "Interaction URLs": on the coordinator's origin, `iuv=1`, short enough for a QR code (< 400 characters). */
export const interactionUrl = (publicUrl: string, id: string): string => `${base(publicUrl)}/interactions/${id}?iuv=1`
/** The DIDAuthentication domain: the origin the wallet talks to. */
export const exchangeDomain = (publicUrl: string): string => new URL(publicUrl).origin

export function protocols (publicUrl: string, exchange: ExchangeRecord): Record<string, string> {
  return {
    vcapi: exchangeUrl(publicUrl, exchange._id),
    // the OID4VCI offer minted in the same call, for wallets that read the interaction URL and speak OID4VCI 1.0
    ...(exchange.offerUri ? { 'oid4vci-1.0': exchange.offerUri } : {})
  }
}

/** LCW takes only `protocols.vcapi` (LCW 2.2.10 `ExchangeCredentials`), passed as JSON in `request`. */
export const lcwDeepLink = (publicUrl: string, exchange: ExchangeRecord): string =>
  `https://lcw.app/request?request=${encodeURIComponent(JSON.stringify({ protocols: { vcapi: exchangeUrl(publicUrl, exchange._id) } }))}`

/** The answer to `POST <exchange> {}`: a DIDAuthentication request (VP Request spec §3.1.2). */
export function didAuthRequest (publicUrl: string, exchange: ExchangeRecord) {
  return {
    verifiablePresentationRequest: {
      query: [{
        type: 'DIDAuthentication',
        acceptedMethods: VC_API_DID_METHODS.map(m => ({ method: m.slice(4) })),
        acceptedCryptosuites: VC_API_SUITES.map(cryptosuite => ({ cryptosuite }))
      }],
      challenge: exchange.challenge,
      domain: exchangeDomain(publicUrl),
      interact: { service: [{ type: 'VerifiableCredentialApiExchangeService', serviceEndpoint: exchangeUrl(publicUrl, exchange._id) }] }
    }
  }
}

/** The answer to the wallet's presentation: an unsigned presentation carrying the holder-bound credential. */
export const deliveryPresentation = (credential: Record<string, unknown>) => ({
  verifiablePresentation: {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiablePresentation'],
    verifiableCredential: [credential]
  }
})
