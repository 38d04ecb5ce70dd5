// The verdicts of test/spec-material/fixtures/1edtech-validator/README.md. Their keys sit in URL fragments under
// example.com: with the test-only fragment resolver the verdicts hold; with the production configuration the
// issuer check fails for every one of them (a key written in a URL proves nothing), so none is verified.
import { readFileSync } from 'node:fs'
import t from 'tap'
import { build, fixtureKeyResolver } from './helper.js'

const DIR = new URL('../../../test/spec-material/fixtures/1edtech-validator/', import.meta.url)
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(name, DIR), 'utf8'))
type Check = { check: string; status: string; message: string }
const byName = (checks: Check[]): Record<string, string> => Object.fromEntries(checks.map(c => [c.check, c.status]))

const VERDICTS: Array<{ file: string; code: number; checks: Record<string, string>; message?: RegExp }> = [
  { file: 'simple.json', code: 200, checks: { structure: 'success', schema: 'success', proof: 'success', issuer: 'success', validity: 'success', status: 'skipped' } },
  { file: 'simple_v1.json', code: 200, checks: { proof: 'success', issuer: 'success', validity: 'success' } },
  { file: 'simple-did-key-method.json', code: 422, checks: { proof: 'success', issuer: 'failure' }, message: /controlled by did:key:z6Mk.*not by the issuer urn:uuid/ },
  { file: 'simple-err-proof-value.json', code: 422, checks: { proof: 'failure', issuer: 'success', status: 'skipped' }, message: /Invalid signature/ },
  { file: 'simple-err-expired.json', code: 422, checks: { proof: 'success', validity: 'failure' }, message: /expired/ },
  { file: 'complete.json', code: 422, checks: { schema: 'success', proof: 'success', issuer: 'success', status: 'failure' }, message: /1edtech\.edu.*could not be checked/ }
]

t.test('fixture verdicts with the test-only fragment resolver', async t => {
  const { app } = await build(t, {}, { extraResolver: fixtureKeyResolver() })
  for (const v of VERDICTS) {
    const res = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: fixture(v.file) } })
    t.equal(res.statusCode, v.code, `${v.file}: HTTP ${v.code}`)
    const report = res.json()
    t.equal(report.verified, v.code === 200, `${v.file}: verified`)
    t.match(byName(report.checks), v.checks, `${v.file}: checks`)
    if (v.message) t.match(report.errors.join('\n'), v.message, `${v.file}: reason`)
  }
  const legacy = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: fixture('simple_v1.json') } })
  t.match(legacy.json().warnings.join(), /legacy data model/, 'VCDM 1.1 is verified with a warning')
  const complete = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: fixture('complete.json') } })
  t.ok(complete.json().summary.endorsements.length > 0, 'the embedded endorsements are reported')
  t.ok(complete.json().checks.some((c: Check) => c.check === 'endorsement'), 'each endorsement has a check entry')
})

t.test('baked badges: PNG and SVG bodies, and a multipart upload', async t => {
  const { app } = await build(t, {}, { extraResolver: fixtureKeyResolver() })
  const png = readFileSync(new URL('simple-json.png', DIR))
  const svg = readFileSync(new URL('simple-json.svg', DIR))
  const a = await app.inject({ method: 'POST', url: '/credentials/verify', headers: { 'content-type': 'image/png' }, payload: png })
  t.equal(a.statusCode, 200)
  t.equal(a.json().summary.achievement.name, 'Teamwork')
  const b = await app.inject({ method: 'POST', url: '/credentials/verify', headers: { 'content-type': 'image/svg+xml' }, payload: svg })
  t.equal(b.statusCode, 200)
  const boundary = 'obpboundary'
  const form = Buffer.concat([
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="badge.png"\r\ncontent-type: image/png\r\n\r\n`),
    png,
    Buffer.from(`\r\n--${boundary}--\r\n`)
  ])
  const c = await app.inject({ method: 'POST', url: '/credentials/verify', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: form })
  t.equal(c.statusCode, 200, 'multipart upload verified')
  const plain = await app.inject({ method: 'POST', url: '/credentials/verify', headers: { 'content-type': 'image/png' }, payload: Buffer.from('89504e470d0a1a0a0000', 'hex') })
  t.equal(plain.statusCode, 400, 'an image without a credential is not a credential')
  t.equal(plain.json().code, 'OBP_VERIFIER_NOT_A_CREDENTIAL')
})

t.test('production configuration: a key only written in a URL fragment fails the issuer check', async t => {
  const { app } = await build(t)
  for (const file of ['simple.json', 'simple_v1.json']) {
    const res = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: fixture(file) } })
    t.equal(res.statusCode, 422, `${file} is not verified`)
    t.match(byName(res.json().checks), { proof: 'success', issuer: 'failure' }, `${file}: the signature is valid, the key is nobody's`)
    t.match(res.json().checks.find((c: Check) => c.check === 'issuer').message, /could not be confirmed/)
  }
})
