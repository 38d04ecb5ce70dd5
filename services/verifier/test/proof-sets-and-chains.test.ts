// Issue 13 "Proof sets and chains" (VC Data Integrity 1.0 §4.3-§4.4) at the verifier: every proof of a set must
// verify; a proof with `previousProof` is verified against the document with the proofs it names, which must exist.
import t from 'tap'
import { issue } from '@obp/signing'
import { build } from './helper.js'
import { badge, createTestIssuer, documentLoader, type TestIssuer } from './helpers/issuer.js'

type Check = { check: string; status: string; message: string }
const byName = (checks: Check[]): Record<string, string> => Object.fromEntries(checks.map(c => [c.check, c.status]))

async function addProof (issuer: TestIssuer, credential: object, extra: { proofId?: string; previousProof?: string | string[]; created: string }): Promise<any> {
  return await issue({ credential, signer: issuer.signer, key: issuer.key, documentLoader, ...extra })
}

t.test('proof sets and chains: every proof must verify; previousProof must exist and be covered', async t => {
  const { app } = await build(t)
  const issuer = await createTestIssuer()
  const verify = async (verifiableCredential: unknown): Promise<{ statusCode: number; json: () => any }> =>
    await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential } })

  const first = await addProof(issuer, badge(issuer.did), { proofId: 'urn:uuid:p-1', created: '2024-01-01T00:00:00Z' })
  const set = await addProof(issuer, first, { proofId: 'urn:uuid:p-2', created: '2024-02-01T00:00:00Z' })
  const ok = await verify(set)
  t.equal(ok.statusCode, 200, 'a set of two valid proofs verifies')

  const broken = structuredClone(set)
  broken.proof[1].proofValue = set.proof[0].proofValue
  const bad = await verify(broken)
  t.equal(bad.statusCode, 422, 'one bad proof in a set fails the credential')
  t.match(byName(bad.json().checks), { proof: 'failure' })

  const chain = await addProof(issuer, first, { proofId: 'urn:uuid:p-3', previousProof: 'urn:uuid:p-1', created: '2024-03-01T00:00:00Z' })
  t.equal((await verify(chain)).statusCode, 200, 'a chain verifies')
  const listChain = await addProof(issuer, set, { proofId: 'urn:uuid:p-4', previousProof: ['urn:uuid:p-1', 'urn:uuid:p-2'], created: '2024-04-01T00:00:00Z' })
  t.equal((await verify(listChain)).statusCode, 200, 'previousProof as a list of two proofs')

  const orphan = await verify({ ...chain, proof: [chain.proof[1]] })
  t.equal(orphan.statusCode, 422, 'the previous proof is missing')
  t.match(orphan.json().checks.find((c: Check) => c.check === 'proof').message, /previousProof "urn:uuid:p-1" is not a proof of this document/)

  const renamed = structuredClone(chain)
  renamed.proof[0].id = 'urn:uuid:other'
  t.equal((await verify(renamed)).statusCode, 422, 'the proof named by previousProof changed: both proofs fail')

  // a set with a witness's proof: its key is confirmed by its own controller, and one proof is the issuer's
  const witness = await createTestIssuer()
  const witnessed = await addProof(witness, first, { created: '2024-05-01T00:00:00Z' })
  const both = await verify(witnessed)
  t.equal(both.statusCode, 200, 'issuer and witness proofs verify')
  t.match(both.json().checks.find((c: Check) => c.check === 'issuer').message, new RegExp(`also has proofs by ${witness.key.id}`))
  const onlyWitness = await verify({ ...witnessed, proof: [witnessed.proof[1]] })
  t.equal(onlyWitness.statusCode, 422, 'without a proof by the issuer the set is not the issuer\'s')
  t.match(byName(onlyWitness.json().checks), { proof: 'success', issuer: 'failure' })
})
