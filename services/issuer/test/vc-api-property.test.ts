// Issue 13 "Tests": any credential the VC-API issuer accepts verifies (proof and issuer binding, offline), for
// generated VCDM 2.0 and 1.1 inputs of arbitrary types and claims; and no generated input gets a 5xx.
import t from 'tap'
import fc from 'fast-check'
import { verifyCredential } from '@obp/signing'
import { build, bearer, createIssuer, loaderWith } from './helper.js'

const V2 = 'https://www.w3.org/ns/credentials/v2'
const V1 = 'https://www.w3.org/2018/credentials/v1'
const VOCAB = { '@vocab': 'https://vocab.example/terms#' }

const term = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,11}$/).filter(s => !['id', 'type'].includes(s))
const scalar = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean())
const claims = fc.dictionary(term, fc.oneof(scalar, fc.dictionary(term, scalar, { maxKeys: 3 })), { minKeys: 1, maxKeys: 4 })
const types = fc.uniqueArray(term, { minLength: 0, maxLength: 3 })

t.test('any credential the VC-API issuer accepts verifies, for generated VCDM 2.0 and 1.1 inputs of arbitrary types', async t => {
  const { app, secrets } = await build(t)
  const issuers = [await createIssuer(app, secrets.adminToken), await createIssuer(app, secrets.adminToken, { name: 'P', keyType: 'P-256' })]
  let accepted = 0
  await fc.assert(fc.asyncProperty(
    fc.constantFrom(1, 2), types, claims, fc.boolean(), fc.constantFrom(0, 1), fc.option(fc.date({ min: new Date('2000-01-01'), max: new Date('2024-01-01'), noInvalidDate: true }), { nil: undefined }),
    async (version, extraTypes, subject, withSubjectId, which, from) => {
      const issuer = issuers[which]
      const credential: Record<string, unknown> = {
        '@context': version === 2 ? [V2, VOCAB] : [V1, VOCAB],
        type: ['VerifiableCredential', ...extraTypes],
        issuer: issuer.did,
        credentialSubject: { ...(withSubjectId ? { id: 'did:example:subject' } : {}), ...subject }
      }
      if (from) credential[version === 2 ? 'validFrom' : 'issuanceDate'] = from.toISOString().replace(/\.\d{3}Z$/, 'Z')
      const res = await app.inject({ method: 'POST', url: '/credentials/issue', headers: bearer(issuer.apiKey), payload: { credential } })
      if (res.statusCode >= 500) throw new Error(`5xx for ${JSON.stringify(credential)}: ${res.body}`)
      if (res.statusCode !== 201) return
      accepted++
      const vc = res.json().verifiableCredential
      const result = await verifyCredential({ credential: vc, documentLoader: loaderWith() })
      if (!result.verified) throw new Error(`issued but not verifiable: ${JSON.stringify(vc)} ${JSON.stringify(result.error)}`)
    }), { numRuns: 30 })
  t.ok(accepted > 0, `${accepted} generated credentials accepted and verified`)
})
