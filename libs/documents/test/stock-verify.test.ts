// The loader against the stock Digital Bazaar stack that @obp/signing builds on: what it serves must
// verify there unchanged (dev dependencies only; @obp/documents itself does not depend on them).
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { readFileSync } from 'node:fs'
import * as vc from '@digitalbazaar/vc'
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite'
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey'
import { CONTEXT_URLS, createDocumentLoader } from '../src/index.js'
import { createFragmentKeyResolver } from '../src/testing/index.js'
const SHARED = fileURLToPath(new URL('../../../test/spec-material', import.meta.url)) // a copy of the shared spec material (test/spec-material/README.md)

const fixture = (name: string): any => JSON.parse(readFileSync(`${SHARED}/fixtures/1edtech-validator/${name}`, 'utf8'))
const suite = [new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), new DataIntegrityProof({ cryptosuite: ecdsaRdfc2019 }), new Ed25519Signature2020()]
const checkStatus = async (): Promise<{ verified: boolean }> => ({ verified: true })
const messages = (result: any): string => JSON.stringify(result.error?.errors?.map((e: Error) => e.message) ?? result.error?.message ?? '')

t.test('1EdTech fixtures give the README verdicts for the proof (fragment resolver, tests only)', async t => {
  const verdicts: Record<string, boolean> = {
    'simple.json': true, 'simple_v1.json': true, 'complete.json': true, 'simple-err-proof-value.json': false
  }
  for (const [name, expected] of Object.entries(verdicts)) {
    const documentLoader = createDocumentLoader({ resolver: createFragmentKeyResolver() })
    const result = await vc.verifyCredential({ credential: fixture(name), suite, documentLoader, checkStatus })
    t.equal(result.verified, expected, `${name} ${messages(result)}`)
  }
})

t.test('bare did:key verificationMethod: the signature verifies, the issuer binding does not', async t => {
  const result = await vc.verifyCredential({
    credential: fixture('simple-did-key-method.json'), suite, documentLoader: createDocumentLoader(), checkStatus
  })
  t.equal(result.verified, false)
  t.match(messages(result), /issuer must match the verification method controller/)
  t.notMatch(messages(result), /Invalid signature/, 'the signature itself verified with the resolved key')
  t.equal(result.results[0].verificationMethod?.id, 'did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi')
})

const unsigned = (issuer: string): object => ({
  '@context': [CONTEXT_URLS.CREDENTIALS_V2, CONTEXT_URLS.OB_V3P0_3],
  id: 'urn:uuid:7b6f1c3e-9f0a-4c55-a1d2-3a7e4e2c9b10',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: issuer, type: ['Profile'], name: 'Test issuer' },
  validFrom: '2026-01-01T00:00:00Z',
  name: 'Test badge',
  credentialSubject: { type: ['AchievementSubject'], achievement: { id: 'urn:uuid:1c9d2a70-0e8e-4a6e-9f59-2b7c6f1d4e11', type: ['Achievement'], name: 'A', description: 'd', criteria: { narrative: 'n' } } }
})

t.test('issue and verify offline with did:key Ed25519 and P-256', async t => {
  const documentLoader = createDocumentLoader()
  const ed = await Ed25519Multikey.generate()
  const p256 = await EcdsaMultikey.generate({ curve: 'P-256' })
  for (const [key, cryptosuite] of [[ed, eddsaRdfc2022], [p256, ecdsaRdfc2019]] as const) {
    const did = `did:key:${key.publicKeyMultibase}`
    key.id = `${did}#${key.publicKeyMultibase}`
    key.controller = did
    const signed = await vc.issue({
      credential: unsigned(did), suite: new DataIntegrityProof({ signer: key.signer(), cryptosuite }), documentLoader
    })
    const result = await vc.verifyCredential({ credential: signed, suite, documentLoader, checkStatus })
    t.equal(result.verified, true, `${cryptosuite.name} ${messages(result)}`)
    signed.name = 'Altered'
    t.equal((await vc.verifyCredential({ credential: signed, suite, documentLoader, checkStatus })).verified, false, 'altered fails')
  }
})

t.test('issue with a did:jwk key, verify offline', async t => {
  const key = await Ed25519Multikey.generate()
  const jwk = await Ed25519Multikey.toJwk({ keyPair: key })
  const did = `did:jwk:${Buffer.from(JSON.stringify(jwk)).toString('base64url')}`
  key.id = `${did}#0`
  key.controller = did
  const documentLoader = createDocumentLoader()
  const signed = await vc.issue({
    credential: unsigned(did), suite: new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsaRdfc2022 }), documentLoader
  })
  const result = await vc.verifyCredential({ credential: signed, suite, documentLoader, checkStatus })
  t.equal(result.verified, true, messages(result))
})
