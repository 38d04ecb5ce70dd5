// POST /presentations/verify: the holder's proof bound to challenge and domain, then each credential inside.
import { readFileSync } from 'node:fs'
import t from 'tap'
import { signPresentation } from '@obp/signing'
import { build } from './helper.js'
import { badge, createTestIssuer, documentLoader, type TestIssuer } from './helpers/issuer.js'

type Check = { check: string; status: string; message: string }

async function present (holder: TestIssuer, credentials: unknown[], challenge: string, domain: string): Promise<unknown> {
  const presentation = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], holder: holder.did, verifiableCredential: credentials }
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
  t.match(ok.json().checks.map((c: Check) => [c.check, c.status]), [['structure', 'success'], ['presentation', 'success'], ['issuer', 'success'], ['credential', 'success']])
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
  t.match(res.json().checks.find((c: Check) => c.check === 'issuer'), { status: 'failure', message: /holder/ })
})

t.test('a credential that fails inside a valid presentation fails the presentation', async t => {
  const { app } = await build(t)
  const holder = await createTestIssuer()
  const fixture = JSON.parse(readFileSync(new URL('../../../test/spec-material/fixtures/1edtech-validator/simple-err-expired.json', import.meta.url), 'utf8'))
  const vp = await present(holder, [fixture], 'c-9', 'verifier.example')
  const res = await app.inject({ method: 'POST', url: '/presentations/verify', payload: { verifiablePresentation: vp, options: { challenge: 'c-9', domain: 'verifier.example' } } })
  t.equal(res.statusCode, 422)
  t.match(res.json().checks.find((c: Check) => c.check === 'presentation'), { status: 'success' }, 'the holder proof itself is fine')
  t.match(res.json().checks.find((c: Check) => c.check === 'credential'), { status: 'failure', message: /validity: expired/ })
  const notVp = await app.inject({ method: 'POST', url: '/presentations/verify', payload: { verifiablePresentation: 'nope' } })
  t.equal(notVp.statusCode, 400)
  t.equal(notVp.json().code, 'OBP_VERIFIER_NOT_A_PRESENTATION')
})
