// Issue 13 "Tests": any credential the VC-API issuer accepts verifies at the verifier, for generated VCDM 2.0 and 1.1
// inputs of arbitrary types. Credentials are signed as services/issuer/src/routes/vc-api.ts signs them (@obp/signing
// `issue`, the issuer's key, the bundled loader); under VCDM 2.0 the subjects carry arbitrary properties that only the
// v2 context's issuer-dependent @vocab defines.
import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import t from 'tap'
import { build } from './helper.js'
import { createTestIssuer } from './helpers/issuer.js'

const V2 = 'https://www.w3.org/ns/credentials/v2'
const V1 = 'https://www.w3.org/2018/credentials/v1'
// VCDM 1.1 has no @vocab: its credentials define their terms in a context (here the bundled VC examples context)
const EXAMPLES_V1 = 'https://www.w3.org/2018/credentials/examples/v1'

// JSON-LD terms: names that are not keywords, IRIs, compact IRIs or terms the v2 context protects
const RESERVED = new Set(['id', 'type', 'name', 'description', 'proof', 'issuer', 'holder', 'credentialSubject', 'credentialStatus', 'validFrom', 'validUntil', 'evidence', 'termsOfUse', 'refreshService', 'credentialSchema', 'relatedResource', 'digestSRI', 'digestMultibase', 'mediaType', 'confidenceMethod', 'renderMethod', 'verifiableCredential'])
const term = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,15}$/).filter(s => !RESERVED.has(s))
const typeName = fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,20}$/).filter(s => !['VerifiableCredential', 'VerifiablePresentation', 'OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential'].includes(s))
const scalar = fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }))
const claims = fc.letrec(tie => ({
  node: fc.dictionary(term, fc.oneof({ depthSize: 'small' }, scalar, tie('node'), fc.array(scalar, { maxLength: 3 })), { maxKeys: 4 })
})).node

// a subject makes at least one claim (VCDM 2.0 §4.8; the VC-API issuer refuses an empty one)
const subjectClaims = fc.tuple(term, scalar, claims).map(([k, v, rest]) => ({ [k]: v, ...rest }))
const v2Credential = fc.record({
  types: fc.array(typeName, { maxLength: 3 }),
  subject: subjectClaims,
  subjectId: fc.option(fc.constantFrom('did:example:alice', `urn:uuid:${randomUUID()}`, 'https://example.org/people/1')),
  name: fc.option(fc.string({ maxLength: 40 })),
  validUntil: fc.option(fc.date({ min: new Date('2030-01-01'), max: new Date('2099-01-01'), noInvalidDate: true }))
})
const v1Credential = fc.record({
  types: fc.array(fc.constantFrom('UniversityDegreeCredential', 'AlumniCredential'), { maxLength: 2 }),
  subjectId: fc.constantFrom('did:example:bob', 'https://example.org/people/2'),
  degree: fc.option(fc.record({ type: fc.constant('BachelorDegree'), name: fc.string({ maxLength: 40 }) })),
  alumniOf: fc.option(fc.string({ maxLength: 40 })),
  expirationDate: fc.option(fc.date({ min: new Date('2030-01-01'), max: new Date('2099-01-01'), noInvalidDate: true }))
})
const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z')

t.test('generated VCDM 2.0 and 1.1 credentials of arbitrary types, signed as the VC-API issuer signs, verify', async t => {
  const { app } = await build(t)
  const issuers = [await createTestIssuer(), await createTestIssuer('P-256')]
  let verified = 0
  const verify = async (credential: unknown): Promise<{ statusCode: number; json: () => any }> =>
    await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: credential } })

  await fc.assert(fc.asyncProperty(v2Credential, fc.nat(1), fc.boolean(), async (g, which, singleProof) => {
    const issuer = issuers[which]!
    const credential = {
      '@context': [V2],
      id: `urn:uuid:${randomUUID()}`,
      type: ['VerifiableCredential', ...g.types],
      issuer: issuer.did,
      validFrom: '2024-01-01T00:00:00Z',
      ...(g.validUntil !== null ? { validUntil: iso(g.validUntil) } : {}),
      ...(g.name !== null ? { name: g.name } : {}),
      credentialSubject: { ...(g.subjectId !== null ? { id: g.subjectId } : {}), ...g.subject }
    }
    const signed = await issuer.sign(credential)
    // the VC-API gives a plain credential one proof object; both forms verify
    const res = await verify(singleProof ? { ...signed, proof: signed.proof[0] } : signed)
    if (res.statusCode !== 200) throw new Error(`${JSON.stringify(credential)}: ${JSON.stringify(res.json().errors)}`)
    if (res.json().profile !== 'vc') throw new Error('a plain credential is checked with the vc profile')
    verified++
  }), { numRuns: 40 })

  await fc.assert(fc.asyncProperty(v1Credential, async g => {
    const issuer = issuers[0]!
    const credential = {
      '@context': [V1, EXAMPLES_V1],
      id: `urn:uuid:${randomUUID()}`,
      type: ['VerifiableCredential', ...g.types],
      issuer: issuer.did,
      issuanceDate: '2024-01-01T00:00:00Z',
      ...(g.expirationDate !== null ? { expirationDate: iso(g.expirationDate) } : {}),
      credentialSubject: { id: g.subjectId, ...(g.degree !== null ? { degree: g.degree } : {}), ...(g.alumniOf !== null ? { alumniOf: g.alumniOf } : {}) }
    }
    const res = await verify(await issuer.sign(credential))
    if (res.statusCode !== 200) throw new Error(`${JSON.stringify(credential)}: ${JSON.stringify(res.json().errors)}`)
    verified++
  }), { numRuns: 15 })
  t.equal(verified, 55, 'every generated credential verified')
})
