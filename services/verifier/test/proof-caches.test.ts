// The signature check reuses what it derived for an exact set of keys (checks/proof.ts signatureLoader: one loader
// per issuer, key and relationship, so the canonical proof configuration is cached per loader) and decoded keys
// (@obp/documents multikeyToJwk). Nothing learnt about one issuer may serve another: these run in one process,
// one after the other, so that every cache is warm when the next credential comes.
import t from 'tap'
import { build } from './helper.js'
import { badge, createTestIssuer } from './helpers/issuer.js'

t.test('a warm cache for one issuer never verifies a signature by another', async t => {
  const { app } = await build(t)
  const a = await createTestIssuer()
  const b = await createTestIssuer()
  const verify = async (credential: unknown) => await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: credential } })
  const byA = await a.sign(badge(a.did))
  const byB = await b.sign(badge(b.did))
  for (let round = 0; round < 3; round++) {
    t.equal((await verify(byA)).statusCode, 200, `A's credential verifies (round ${round})`)
    t.equal((await verify(byB)).statusCode, 200, `B's credential verifies (round ${round})`)
  }
  // B signs a credential that names A as its issuer and A's key as the proof's method: the same proof
  // configuration and key set A's verifications cached, with B's signature.
  const forged = await b.sign(badge(a.did))
  const proofOf = (c: any) => (Array.isArray(c.proof) ? c.proof[0] : c.proof)
  proofOf(forged).verificationMethod = proofOf(byA).verificationMethod
  const res = await verify(forged)
  t.equal(res.statusCode, 422)
  const proof = res.json().checks.find((c: { check: string }) => c.check === 'proof')
  t.equal(proof.status, 'failure', 'the signature is checked against A\'s key, and fails')
  t.match(proof.message, /not valid/)
  // the same proof with the same created time as A's: the cached canonical configuration is A's exact one
  const replayed = structuredClone(byA)
  replayed.name = `${String(replayed.name)} (altered)`
  t.equal((await verify(replayed)).statusCode, 422, 'A\'s proof on an altered document fails with every cache warm')
  t.equal((await verify(byA)).statusCode, 200, 'and A\'s own credential still verifies')
})
