// POST /presentations/verify: the holder's proof bound to challenge and domain, then each credential inside.
import t from 'tap'
import { signPresentation } from '@obp/signing'
import { build } from './helper.js'
import { badge, createTestIssuer, documentLoader, type TestIssuer } from './helpers/issuer.js'

type Check = { check: string; status: string; message: string }

async function present (holder: TestIssuer, credentials: unknown[], challenge: string, domain: string, named = true): Promise<any> {
  const presentation = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], ...(named ? { holder: holder.did } : {}), verifiableCredential: credentials }
  return await signPresentation({ presentation, signer: holder.signer, key: holder.key, challenge, domain, documentLoader })
}

t.test('a holder-signed presentation verifies only with its challenge and domain', async t => {
  const { app } = await build(t)
  const issuer = await createTestIssuer()
  const holder = await createTestIssuer()
  const credential = await issuer.sign(badge(issuer.did, { recipient: { did: holder.did } }))
  const vp = await present(holder, [credential], 'c-123', 'verifier.example')
  const verify = async (options: object, verifiablePresentation: unknown = vp): Promise<{ statusCode: number; json: () => any }> =>
    await app.inject({ method: 'POST', url: '/presentations/verify', payload: { verifiablePresentation, options } })

  const ok = await verify({ challenge: 'c-123', domain: 'verifier.example' })
  t.equal(ok.statusCode, 200, 'verified')
  t.match(ok.json().checks.map((c: Check) => [c.check, c.status]), [['structure', 'success'], ['presentation', 'success'], ['holder', 'success'], ['credential', 'success']])
  t.equal(ok.json().credentialResults[0].verified, true)

  const wrongChallenge = await verify({ challenge: 'other', domain: 'verifier.example' })
  t.equal(wrongChallenge.statusCode, 422)
  t.match(wrongChallenge.json().checks.find((c: Check) => c.check === 'presentation'), { status: 'failure', message: /not valid/ })
  const wrongDomain = await verify({ challenge: 'c-123', domain: 'evil.example' })
  t.equal(wrongDomain.statusCode, 422)
  const noChallenge = await verify({})
  t.equal(noChallenge.statusCode, 422)
  t.match(noChallenge.json().errors.join(), /challenge is required/)

  // a presentation signed by somebody who is not its holder
  const impostor = await createTestIssuer()
  const stolen = await present(impostor, [credential], 'c-123', 'verifier.example') as Record<string, unknown>
  const res = await verify({ challenge: 'c-123', domain: 'verifier.example' }, { ...stolen, holder: holder.did })
  t.equal(res.statusCode, 422)
  t.match(res.json().checks.find((c: Check) => c.check === 'holder'), { status: 'failure', message: /presentation's key .* not by the holder/ })
  t.notMatch(res.json().errors.join(), /credential|issuer/, 'the messages name the presentation and its holder')
})

t.test('a credential that fails inside a valid presentation fails the presentation', async t => {
  const { app } = await build(t)
  const holder = await createTestIssuer()
  const issuer = await createTestIssuer()
  const expired = await issuer.sign(badge(issuer.did, { recipient: { did: holder.did }, validUntil: '2024-06-01T00:00:00Z' }))
  const vp = await present(holder, [expired], 'c-9', 'verifier.example')
  const res = await app.inject({ method: 'POST', url: '/presentations/verify', payload: { verifiablePresentation: vp, options: { challenge: 'c-9', domain: 'verifier.example' } } })
  t.equal(res.statusCode, 422)
  t.match(res.json().checks.find((c: Check) => c.check === 'presentation'), { status: 'success' }, 'the holder proof itself is fine')
  t.match(res.json().checks.find((c: Check) => c.check === 'credential'), { status: 'failure', message: /validity: expired/ })
  const notVp = await app.inject({ method: 'POST', url: '/presentations/verify', payload: { verifiablePresentation: 'nope' } })
  t.equal(notVp.statusCode, 400)
  t.equal(notVp.json().code, 'OBP_VERIFIER_NOT_A_PRESENTATION')
})

const verifyVp = async (app: Awaited<ReturnType<typeof build>>['app'], verifiablePresentation: unknown, options: object): Promise<{ statusCode: number; json: () => any }> =>
  await app.inject({ method: 'POST', url: '/presentations/verify', payload: { verifiablePresentation, options } })

t.test('holder is optional: without it the proof is still checked against challenge and domain', async t => {
  const { app } = await build(t)
  const issuer = await createTestIssuer()
  const wallet = await createTestIssuer()
  const vp = await present(wallet, [await issuer.sign(badge(issuer.did, { recipient: { did: wallet.did } }))], 'c-1', 'verifier.example', false)
  t.equal(vp.holder, undefined, 'no holder')
  const ok = await verifyVp(app, vp, { challenge: 'c-1', domain: 'verifier.example' })
  t.equal(ok.statusCode, 200, JSON.stringify(ok.json().errors))
  t.match(ok.json().checks.find((c: Check) => c.check === 'holder').message, /names no holder/)
  t.match(ok.json().credentialResults[0].checks.find((c: Check) => c.check === 'holder-binding'), { status: 'success' }, 'the subject DID controls the presentation key')
  const wrong = await verifyVp(app, vp, { challenge: 'c-2', domain: 'verifier.example' })
  t.equal(wrong.statusCode, 422, 'another challenge fails')
  t.match(wrong.json().errors.join(), /presentation: the presentation's proof is not valid/)
  const otherDomain = await verifyVp(app, vp, { challenge: 'c-1', domain: 'elsewhere.example' })
  t.equal(otherDomain.statusCode, 422, 'another domain fails')
  const unsigned = await verifyVp(app, { ...vp, proof: undefined }, { challenge: 'c-1' })
  t.match(unsigned.json().errors.join(), /the presentation has no proof/)
})

t.test('holder binding: a warning naming why a credential is not bound; requireHolderBinding makes it a failure', async t => {
  const { app } = await build(t)
  const issuer = await createTestIssuer()
  const wallet = await createTestIssuer()
  const other = await createTestIssuer()
  const mine = await issuer.sign(badge(issuer.did, { recipient: { did: wallet.did } }))
  const hashed = await issuer.sign(badge(issuer.did, { recipient: { email: 'learner@example.org' } }))
  const theirs = await issuer.sign(badge(issuer.did, { recipient: { did: other.did } }))
  const vp = await present(wallet, [mine, hashed, theirs], 'c-7', 'verifier.example')
  const res = await verifyVp(app, vp, { challenge: 'c-7', domain: 'verifier.example' })
  t.equal(res.statusCode, 200, 'warnings do not fail the presentation')
  const bindings = res.json().credentialResults.map((r: { checks: Check[] }) => r.checks.find(c => c.check === 'holder-binding'))
  t.match(bindings, [
    { status: 'success', message: new RegExp(wallet.did) },
    { status: 'warning', message: /has no DID \(only a hashed identity\)/ },
    { status: 'warning', message: new RegExp(`subject ${other.did} does not control the presentation's key`) }
  ])
  t.match(res.json().warnings.join('\n'), /credential 2: holder-binding: .*no DID/)
  t.match(res.json().warnings.join('\n'), /credential 3: holder-binding: .*does not control/)

  const strict = await verifyVp(app, vp, { challenge: 'c-7', domain: 'verifier.example', requireHolderBinding: true })
  t.equal(strict.statusCode, 422)
  t.same(strict.json().credentialResults.map((r: { verified: boolean }) => r.verified), [true, false, false])
  t.match(strict.json().errors.join('\n'), /holder-binding: the credential's subject has no DID/)
  const bound = await verifyVp(app, await present(wallet, [mine], 'c-8', 'verifier.example'), { challenge: 'c-8', domain: 'verifier.example', requireHolderBinding: true })
  t.equal(bound.statusCode, 200, 'a bound credential passes the strict mode')
})
