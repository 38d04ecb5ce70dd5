import t from 'tap'
import { build } from './helper.js'
import { createTestIssuer } from './helpers/issuer.js'

t.test('the verifier\'s /metrics counts outcomes by failing check', async t => {
  const { app } = await build(t)
  const unsigned = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'],
    issuer: 'did:example:issuer',
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:subject' }
  }
  let failing: string[] = []
  for (let i = 0; i < 2; i++) {
    const res = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: unsigned } })
    t.equal(res.statusCode, 422)
    failing = res.json().checks.filter((c: { status: string }) => c.status === 'failure').map((c: { check: string }) => c.check)
  }
  t.ok(failing.length > 0)
  const text = (await app.inject('/metrics')).body
  for (const check of failing) {
    const line = text.split('\n').find(l => l.startsWith('obp_verifications_total{') && l.includes('outcome="failed"') && l.includes(`check="${check}"`))
    t.ok(line?.endsWith(' 2'), `the failing ${check} check counted twice: ${line}`)
  }
  t.notOk(text.includes('outcome="verified"'), 'nothing verified yet')
})

// The jsonld fast path is governed by its own switch in the verifier (JSONLD_FAST_PATH_VERIFYING) and counted on /metrics.
t.test('JSONLD_FAST_PATH_VERIFYING switches the fast path; /metrics counts copies by path', async t => {
  const { jsonLdFastPathStats, setJsonLdFastPath } = await import('@obp/signing')
  t.teardown(() => setJsonLdFastPath(true))
  const issuer = await createTestIssuer()
  // a plain VC with a scoped context: not one of the compiled OB shapes, so jsonld processes it
  const credential = await issuer.sign({
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
    type: ['VerifiableCredential', 'ExampleDegreeCredential'],
    issuer: issuer.did,
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:subject', degree: { type: 'ExampleBachelorDegree', name: 'Bachelor of Science and Arts' } }
  })
  const copies = (text: string, path: string): number => Number(text.split('\n').find(l => l.startsWith(`obp_jsonld_fast_path_copies{path="${path}"`))?.split(' ')[1] ?? NaN)
  const active = (text: string): string | undefined => text.split('\n').find(l => l.startsWith('obp_jsonld_fast_path_active'))?.split(' ')[1]

  for (const on of [false, true]) {
    const { app } = await build(t, { JSONLD_FAST_PATH_VERIFYING: String(on) })
    const before = jsonLdFastPathStats()
    const res = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: credential } })
    t.equal(res.json().verified, true, `verified with the fast path ${on ? 'on' : 'off'}: ${res.body.slice(0, 300)}`)
    const text = (await app.inject('/metrics')).body
    t.equal(active(text), on ? '1' : '0', 'obp_jsonld_fast_path_active')
    if (on) t.ok(copies(text, 'fast') > before.hits, 'fast-path copies counted')
    else t.ok(copies(text, 'stock') > before.fallbacks, 'stock copies counted while switched off')
  }
})
