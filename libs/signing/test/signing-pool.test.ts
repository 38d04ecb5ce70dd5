import t from 'tap'
import { randomBytes } from 'node:crypto'
import { createDocumentLoader } from '@obp/documents'
import { createLocalCustody, createSigner, createSigningPool, generateKey, issue, verifyCredential, type SuiteName } from '../src/index.js'
import { sampleCredential } from './fixtures/credential.js'

const kek = randomBytes(32)
const custody = createLocalCustody({ kek })
const documentLoader = createDocumentLoader()
const created = '2025-03-01T10:00:00Z'

t.test('the pool signs byte for byte as issue() does in this thread, in order, across threads', async t => {
  const pool = createSigningPool({ threads: 2, custody: { kek } })
  t.teardown(() => pool.close())
  const key = await generateKey({ custody })
  const signer = await createSigner({ key, custody })
  const credentials = Array.from({ length: 13 }, (_, i) => sampleCredential(key.controller, i + 1))
  for (const suite of ['eddsa-rdfc-2022', 'Ed25519Signature2020'] as SuiteName[]) {
    const pooled = await pool.signMany({ key, credentials, created, suite, slice: 3 }) // 5 messages over 2 threads
    const local = await Promise.all(credentials.map(credential => issue({ credential, signer, key, documentLoader, created, suite })))
    t.equal(pooled.length, credentials.length)
    t.same(pooled.map(r => 'credential' in r ? JSON.stringify(r.credential) : 'error'), local.map(c => JSON.stringify(c)), `${suite}: identical bytes, same order`)
  }
  const first = pooled0(await pool.signMany({ key, credentials: credentials.slice(0, 1) }))
  t.equal((await verifyCredential({ credential: first, documentLoader })).verified, true, 'a pooled credential verifies')
})

function pooled0 (r: Awaited<ReturnType<ReturnType<typeof createSigningPool>['signMany']>>): Record<string, unknown> {
  const x = r[0]
  if (!x || !('credential' in x)) throw new Error('not signed')
  return x.credential
}

t.test('a credential the thread refuses comes back as its error, with code and status; the others are signed', async t => {
  const pool = createSigningPool({ threads: 1, custody: { kek } })
  t.teardown(() => pool.close())
  const key = await generateKey({ custody })
  // VCDM 1.1 has no catch-all @vocab: a term no context defines is refused (Data Integrity's data-loss rule)
  const bad = { ...sampleCredential(key.controller, 2), '@context': ['https://www.w3.org/2018/credentials/v1'], undefinedTerm: 'x' }
  const results = await pool.signMany({ key, credentials: [sampleCredential(key.controller, 1), bad, sampleCredential(key.controller, 3)] })
  t.same(results.map(r => 'credential' in r), [true, false, true])
  const failure = results[1]
  t.ok(failure && 'error' in failure && failure.error instanceof Error)
  t.match(failure, { error: { code: 'OBP_SIGNING_UNDEFINED_TERM', statusCode: 422 } })
})

t.test('a key sealed under another KEK fails the task; a closed pool refuses work', async t => {
  const pool = createSigningPool({ threads: 1, custody: { kek: randomBytes(32) } })
  const key = await generateKey({ custody })
  await t.rejects(pool.signMany({ key, credentials: [sampleCredential(key.controller)] }), /KEK|kek/)
  await pool.close()
  await t.rejects(pool.signMany({ key, credentials: [sampleCredential(key.controller)] }), /closed/)
  t.throws(() => createSigningPool({ threads: 0, custody: { kek } }), TypeError)
})
