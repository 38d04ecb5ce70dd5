// VC Data Integrity 1.0 §4.3-§4.4: every proof of a set must verify; a proof with `previousProof` covers the
// document with the proofs it names, which must be in the set.
import t from 'tap'
import { randomBytes } from 'node:crypto'
import { createLocalCustody, createSigner, generateKey, issue, verifyCredential } from '../src/index.js'
import { testLoader } from './helpers/loader.js'
import { sampleCredential } from './fixtures/credential.js'

const custody = createLocalCustody({ kek: randomBytes(32) })

async function setup () {
  const key = await generateKey({ type: 'Ed25519', custody })
  const signer = await createSigner({ key, custody })
  const documentLoader = testLoader()
  const sign = async (credential: object, extra: { proofId?: string; previousProof?: string | string[]; created?: string } = {}): Promise<any> =>
    await issue({ credential, signer, key, documentLoader, ...extra })
  return { key, documentLoader, sign }
}

t.test('proof sets: every proof of the set must verify', async t => {
  const { documentLoader, key } = await setup()
  const base = sampleCredential(key.controller)
  const signer = await createSigner({ key, custody })
  const first = await issue({ credential: base, signer, key, documentLoader, created: '2024-01-01T00:00:00Z' })
  const set = await issue({ credential: first, signer, key, documentLoader, created: '2024-02-01T00:00:00Z' })
  t.equal(set.proof.length, 2, 'a second proof joins the set')
  t.equal((await verifyCredential({ credential: set, documentLoader })).verified, true, 'both proofs verify')
  const broken = structuredClone(set)
  broken.proof[1].proofValue = set.proof[0].proofValue
  const result = await verifyCredential({ credential: broken, documentLoader })
  t.equal(result.verified, false, 'one bad proof fails the whole set')
})

t.test('proof chains: previousProof (string or list) covers the named proofs, which must exist', async t => {
  const { documentLoader, sign, key } = await setup()
  const first = await sign(sampleCredential(key.controller), { proofId: 'urn:uuid:proof-1', created: '2024-01-01T00:00:00Z' })
  t.equal(first.proof[0].id, 'urn:uuid:proof-1')
  const chained = await sign(first, { proofId: 'urn:uuid:proof-2', previousProof: 'urn:uuid:proof-1', created: '2024-02-01T00:00:00Z' })
  t.equal(chained.proof[1].previousProof, 'urn:uuid:proof-1')
  const ok = await verifyCredential({ credential: chained, documentLoader })
  t.equal(ok.verified, true, JSON.stringify(ok.error))
  t.equal(ok.results.length, 2)

  const asList = await sign(first, { proofId: 'urn:uuid:proof-3', previousProof: ['urn:uuid:proof-1'], created: '2024-03-01T00:00:00Z' })
  t.equal((await verifyCredential({ credential: asList, documentLoader })).verified, true, 'previousProof as a list')

  // the referenced proof is missing from the set
  const orphan = { ...chained, proof: [chained.proof[1]] }
  const missing = await verifyCredential({ credential: orphan, documentLoader })
  t.equal(missing.verified, false, 'a chain whose previous proof is gone fails')
  t.match(missing.error?.message, /previousProof "urn:uuid:proof-1" is not a proof of this document/)

  // the previous proof swapped for another valid proof with the same id: proof 1 verifies, proof 2 does not
  const other = await sign(sampleCredential(key.controller), { proofId: 'urn:uuid:proof-1', created: '2024-05-01T00:00:00Z' })
  const swapped = { ...chained, proof: [other.proof[0], chained.proof[1]] }
  const res = await verifyCredential({ credential: swapped, documentLoader })
  t.equal(res.verified, false, 'the chained proof signed the original previous proof')
  t.same(res.results.map((r: { verified: boolean }) => r.verified), [true, false])

  // a chained proof verified as if it were a plain member of a set (previousProof stripped) fails too
  const stripped = structuredClone(chained)
  delete stripped.proof[1].previousProof
  t.equal((await verifyCredential({ credential: stripped, documentLoader })).verified, false, 'previousProof is part of what was signed')
})
