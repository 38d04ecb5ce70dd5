// VC-JWT payload forms (OB 3.0 §8.2): @obp/signing puts the credential in the payload with top-level
// iss/jti/nbf/sub/exp; a legacy JWT carries it as the `vc` claim. Both verify, and the registered claims never
// end up in the credential that is validated and reported.
import t from 'tap'
import { build } from './helper.js'
import { badge, createTestIssuer, type TestIssuer } from './helpers/issuer.js'
import { decodeJwt } from '../src/jwt.js'

type Check = { check: string; status: string; message: string }
const byName = (checks: Check[]): Record<string, string> => Object.fromEntries(checks.map(c => [c.check, c.status]))
const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url')

async function signJwt (issuer: TestIssuer, payload: object): Promise<string> {
  const input = `${b64({ alg: 'EdDSA', kid: issuer.key.id, typ: 'JWT' })}.${b64(payload)}`
  return `${input}.${Buffer.from(await issuer.signer.sign({ data: Buffer.from(input) })).toString('base64url')}`
}

t.test('decodeJwt: the payload form loses its registered claims, the vc form is read as is', async t => {
  const issuer = await createTestIssuer()
  const credential = badge(issuer.did, { recipient: { did: 'did:example:learner' }, validUntil: '2999-01-01T00:00:00Z' })
  const decoded = decodeJwt(await issuer.jwt(credential))
  t.match(decoded.payload, { iss: issuer.did, jti: credential.id, sub: 'did:example:learner', nbf: 1_704_067_200, exp: Number }, 'the JWT has its claims')
  for (const claim of ['iss', 'jti', 'nbf', 'sub', 'exp']) t.notOk(claim in decoded.credential, `no ${claim} in the credential`)
  t.same(decoded.credential, credential, 'the credential is exactly the one signed')
  const legacy = decodeJwt(await signJwt(issuer, { iss: issuer.did, jti: credential.id, nbf: 1_704_067_200, vc: credential }))
  t.same(legacy.credential, credential, 'the vc claim is the credential')
})

t.test('both payload forms verify; a mismatched sub fails the issuer check, not the proof', async t => {
  const { app } = await build(t)
  const issuer = await createTestIssuer()
  const credential = badge(issuer.did, { recipient: { did: 'did:example:learner' } })
  const verify = async (jws: string) => await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: jws } })

  const modern = await verify(await issuer.jwt(credential))
  t.equal(modern.statusCode, 200, 'payload form verified')
  t.match(byName(modern.json().checks), { schema: 'success', proof: 'success', issuer: 'success', validity: 'success' })
  t.equal(modern.json().summary.id, credential.id)

  const claims = { iss: issuer.did, jti: credential.id, nbf: 1_704_067_200, sub: 'did:example:learner' }
  const legacy = await verify(await signJwt(issuer, { ...claims, vc: credential }))
  t.equal(legacy.statusCode, 200, 'vc claim form verified')
  t.same(legacy.json().summary, modern.json().summary, 'the same credential is reported')

  const wrongSub = await verify(await signJwt(issuer, { ...credential, ...claims, sub: 'did:example:someone-else' }))
  t.equal(wrongSub.statusCode, 422)
  t.match(byName(wrongSub.json().checks), { proof: 'success', issuer: 'failure' }, 'the signature is fine; the claims do not match')
  t.match(wrongSub.json().errors.join(), /JWT sub did:example:someone-else is not the credential subject/)

  const wrongIss = await verify(await signJwt(issuer, { ...credential, ...claims, iss: 'did:example:other' }))
  t.equal(wrongIss.statusCode, 422)
  t.match(byName(wrongIss.json().checks), { proof: 'success', issuer: 'failure' })
})
