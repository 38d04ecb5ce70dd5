// A scripted holder wallet built from stock Digital Bazaar libraries (not the platform's code): a did:key Ed25519
// key, presentations signed for DID authentication the way the Learner Credential Wallet does (Ed25519Signature2020,
// VCDM 1.1 `createPresentation` shape, app/lib/composeVp.ts) or with a DataIntegrityProof eddsa-rdfc-2022 (OID4VCI
// `di_vp`); and the stock `verifyCredential` check every delivered credential must pass.
import * as vc from '@digitalbazaar/vc'
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { createDocumentLoader } from '@obp/documents'

export const documentLoader = createDocumentLoader()

export type WalletSuite = 'Ed25519Signature2020' | 'eddsa-rdfc-2022'

export async function didKeyWallet () {
  const key = await Ed25519Multikey.generate()
  const did = `did:key:${key.publicKeyMultibase}`
  key.id = `${did}#${key.publicKeyMultibase}`
  key.controller = did
  return {
    did,
    key,
    /** A DID authentication presentation; `holder` and `verificationMethod` may be overridden to forge one. */
    async present (o: { challenge: string; domain: string; suite?: WalletSuite; holder?: string | null; verificationMethod?: string }) {
      const suiteName = o.suite ?? 'Ed25519Signature2020'
      const signer = key.signer()
      if (o.verificationMethod) signer.id = o.verificationMethod
      const suite = suiteName === 'Ed25519Signature2020' ? new Ed25519Signature2020({ signer }) : new DataIntegrityProof({ signer, cryptosuite: eddsaRdfc2022 })
      const presentation = suiteName === 'Ed25519Signature2020'
        ? { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiablePresentation'], ...(o.holder === null ? {} : { holder: o.holder ?? did }) }
        : { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], ...(o.holder === null ? {} : { holder: o.holder ?? did }) }
      return vc.signPresentation({ presentation, suite, challenge: o.challenge, domain: o.domain, documentLoader })
    }
  }
}

/** Stock @digitalbazaar/vc verification of a delivered credential with the project's (offline) document loader. */
export async function stockVerify (credential: unknown): Promise<{ verified: boolean; error?: unknown }> {
  const result = await vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
    documentLoader,
    // the status entry is the award's; its revocation is checked by the platform's tests (shared entry)
    checkStatus: async () => ({ verified: true })
  })
  return { verified: result.verified === true, ...(result.verified ? {} : { error: result.error ?? result.results }) }
}
