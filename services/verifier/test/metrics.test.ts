import t from 'tap'
import { build } from './helper.js'

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
