// Verification threads (VERIFIER_THREADS, src/verify-pool.ts): an app with two threads answers exactly what the
// same app verifying on its HTTP thread answers, for credentials that pass, fail, carry a JWT (a Buffer crosses
// the thread boundary) or need a status list fetched from a thread; under concurrent load every answer is its own.
import t from 'tap'
import { build } from './helper.js'
import { badge, createTestIssuer, statusEntry, statusList } from './helpers/issuer.js'
import { json, startServer } from './helpers/http-server.js'

t.test('two verification threads answer what the HTTP thread answers', async t => {
  const lists = await startServer(t)
  const threaded = await build(t, { REVOCATION_PUBLIC_URL: lists.origin, VERIFIER_THREADS: '2' })
  const inline = await build(t, { REVOCATION_PUBLIC_URL: lists.origin })
  const threads = async (app: typeof inline.app): Promise<string | undefined> => (await app.inject({ url: '/metrics' })).body.match(/^obp_verifier_threads\S* (\d+)$/m)?.[1]
  t.equal(await threads(threaded.app), '2', 'two threads verify (/metrics)')
  t.equal(await threads(inline.app), '0', 'VERIFIER_THREADS=0: the HTTP thread verifies')
  const issuer = await createTestIssuer()
  const listUrl = `${lists.origin}/status-lists/1`
  lists.routes.set('/status-lists/1', json(await issuer.sign(statusList(listUrl, issuer.did, [7]))))
  const good = await issuer.sign(badge(issuer.did, { credentialStatus: statusEntry(listUrl, 8) }))
  const revoked = await issuer.sign(badge(issuer.did, { credentialStatus: statusEntry(listUrl, 7) }))
  const tampered = { ...good, name: 'Another badge' }
  const jwt = await issuer.jwt(badge(issuer.did))
  const inputs: Array<[string, object | string, number]> = [
    ['verified', { verifiableCredential: good }, 200],
    ['revoked (the list fetched from a thread)', { verifiableCredential: revoked }, 422],
    ['tampered', { verifiableCredential: tampered }, 422],
    ['a VC-JWT', { verifiableCredential: jwt }, 200],
    ['only some checks asked for', { verifiableCredential: good, options: { checks: ['proof'] } }, 200]
  ]
  for (const [name, payload, status] of inputs) {
    const a = await threaded.app.inject({ method: 'POST', url: '/credentials/verify', payload })
    const b = await inline.app.inject({ method: 'POST', url: '/credentials/verify', payload })
    t.equal(a.statusCode, status, `${name}: ${status}`)
    t.equal(a.body, b.body, `${name}: the same report, byte for byte`)
  }

  // 40 different credentials at once: each answer is the report of its own credential
  const many = await Promise.all(Array.from({ length: 40 }, async (_, i) => await issuer.sign(badge(issuer.did, { recipient: { email: `learner${i}@example.org` } }))))
  const answers = await Promise.all(many.map(async (c, i) => await threaded.app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: c, options: { recipient: { email: `learner${i}@example.org` } } } })))
  t.ok(answers.every(a => a.statusCode === 200), 'all 40 verified, each with its own recipient matched')
  t.same(answers.map(a => a.json().summary.id), many.map(c => c.id), 'each report names its own credential')
  t.ok(answers.every(a => a.json().checks.some((c: { check: string; status: string }) => c.check === 'recipient' && c.status === 'success')), 'and its recipient')
})
