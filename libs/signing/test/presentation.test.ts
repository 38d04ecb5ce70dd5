import t from 'tap'
import { randomBytes } from 'node:crypto'
import * as vc from '@digitalbazaar/vc'
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { cryptosuite as eddsa2022 } from '@digitalbazaar/eddsa-2022-cryptosuite'
import { createLocalCustody, createSigner, generateKey, issue, signPresentation, verifyCredential, verifyPresentation } from '../src/index.js'
import { testLoader } from './helpers/loader.js'
import { sampleCredential } from './fixtures/credential.js'

const custody = createLocalCustody({ kek: randomBytes(32) })
const documentLoader = testLoader()

t.test('signed presentation: challenge and domain bound, embedded credentials verified', async t => {
  const issuerKey = await generateKey({ custody })
  const credential = await issue({ credential: sampleCredential(issuerKey.controller), signer: await createSigner({ key: issuerKey, custody }), key: issuerKey, documentLoader })
  const holderKey = await generateKey({ type: 'P-256', custody })
  const presentation = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], holder: holderKey.controller, verifiableCredential: [credential] }
  const vp = await signPresentation({ presentation, signer: await createSigner({ key: holderKey, custody }), key: holderKey, challenge: 'c-123', domain: 'verifier.example', documentLoader })
  t.ok(Array.isArray(vp.proof))
  const ok = await verifyPresentation({ presentation: vp, challenge: 'c-123', domain: 'verifier.example', documentLoader })
  t.equal(ok.verified, true, JSON.stringify(ok.error))
  t.match(ok.results, [{ kind: 'presentation', verified: true, verificationMethod: holderKey.id }, { kind: 'credential', verified: true }])
  t.equal((await verifyPresentation({ presentation: vp, challenge: 'other', domain: 'verifier.example', documentLoader })).verified, false, 'wrong challenge fails')
  t.equal((await verifyPresentation({ presentation: vp, domain: 'verifier.example', documentLoader })).verified, false, 'missing challenge fails')
  const forged = structuredClone(vp)
  forged.verifiableCredential[0].name = 'Forged'
  const r = await verifyPresentation({ presentation: forged, challenge: 'c-123', domain: 'verifier.example', documentLoader })
  t.equal(r.verified, false, 'altered embedded credential fails')
})

t.test('unsigned presentation: credentials verified, warning given', async t => {
  const key = await generateKey({ custody })
  const credential = await issue({ credential: sampleCredential(key.controller), signer: await createSigner({ key, custody }), key, documentLoader })
  const r = await verifyPresentation({ presentation: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: [credential] }, documentLoader })
  t.equal(r.verified, true, JSON.stringify(r.error))
  t.match(r.warnings, [/not signed/])
})

t.test('legacy eddsa-2022 cryptosuite name verifies', async t => {
  const key = await generateKey({ custody })
  const signer = await createSigner({ key, custody })
  const suite = new DataIntegrityProof({ signer, cryptosuite: eddsa2022 })
  const signed = await vc.issue({ credential: sampleCredential(key.controller), suite, documentLoader })
  t.equal(signed.proof.cryptosuite, 'eddsa-2022')
  const r = await verifyCredential({ credential: signed, documentLoader })
  t.equal(r.verified, true, JSON.stringify(r.error))
  t.equal(r.results[0].suite, 'eddsa-2022')
  signed.name = 'x'
  t.equal((await verifyCredential({ credential: signed, documentLoader })).verified, false)
})
