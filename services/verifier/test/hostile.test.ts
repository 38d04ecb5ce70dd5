// Hostile input: the verifier must refuse, say why, make no connection to a forbidden address, and stay up.
import { gzipSync } from 'node:zlib'
import t from 'tap'
import { build } from './helper.js'
import { badge, createTestIssuer, statusEntry, statusList } from './helpers/issuer.js'
import { json, redirect, startServer } from './helpers/http-server.js'

type Check = { check: string; status: string; message: string }
const find = (checks: Check[], name: string): Check | undefined => checks.find(c => c.check === name)

t.test('a remote context is never fetched, not even from a trusted origin', async t => {
  const trusted = await startServer(t)
  const other = await startServer(t)
  const { app } = await build(t, { ISSUER_PUBLIC_URL: trusted.origin })
  const issuer = await createTestIssuer()
  for (const ctx of [`${trusted.origin}/context.json`, `${other.origin}/context.json`, 'https://evil.example/ctx.json']) {
    const credential = await issuer.sign(badge(issuer.did))
    credential['@context'] = [...credential['@context'], ctx]
    const res = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: credential } })
    t.equal(res.statusCode, 422, 'shaped like a credential: 422, not 400')
    t.match(find(res.json().checks, 'structure'), { status: 'failure', message: new RegExp(`unknown @context ${ctx.replace(/[.]/g, '\\.')}`) })
  }
  t.equal(trusted.connections + other.connections, 0, 'no connection was made for a context')
})

t.test('did:web issuers on loopback, private and metadata addresses are refused without a connection', async t => {
  const forbidden = await startServer(t)
  const { app } = await build(t)
  for (const host of [`127.0.0.1%3A${forbidden.port}`, '10.0.0.1', '169.254.169.254']) {
    const did = `did:web:${host}`
    const issuer = await createTestIssuer('Ed25519', did)
    const res = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: await issuer.sign(badge(did)) } })
    t.equal(res.statusCode, 422, `${did}: not verified`)
    t.match(find(res.json().checks, 'issuer'), { status: 'failure', message: /could not be confirmed.*not a public unicast address/ }, `${did}: issuer check names the refusal`)
  }
  t.equal(forbidden.connections, 0, 'no connection to the loopback server')
})

t.test('status URLs on forbidden addresses, and a redirect to one, fail the status check without a connection', async t => {
  const trusted = await startServer(t)
  const forbidden = await startServer(t)
  const { app } = await build(t, { REVOCATION_PUBLIC_URL: trusted.origin })
  const issuer = await createTestIssuer()
  forbidden.routes.set('/list', json(await issuer.sign(statusList(`https://127.0.0.1:${forbidden.port}/list`, issuer.did, []))))
  trusted.routes.set('/to-loopback', redirect(`http://127.0.0.1:${forbidden.port}/list`))
  trusted.routes.set('/to-metadata', redirect('https://169.254.169.254/latest/meta-data/'))
  const urls: Array<[string, RegExp]> = [
    [`https://127.0.0.1:${forbidden.port}/list`, /not a public unicast address/],
    [`http://127.0.0.1:${forbidden.port}/list`, /only https/],
    ['https://10.0.0.1/status/1', /not a public unicast address/],
    ['https://169.254.169.254/latest/meta-data/', /not a public unicast address/],
    ['https://[::1]/status/1', /not a public unicast address/],
    [`${trusted.origin}/to-loopback`, /only https|not a public unicast address/],
    [`${trusted.origin}/to-metadata`, /not a public unicast address/]
  ]
  for (const [url, reason] of urls) {
    const credential = await issuer.sign(badge(issuer.did, { credentialStatus: statusEntry(url, 1) }))
    const res = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: credential } })
    t.equal(res.statusCode, 422, `${url}: not verified`)
    t.match(find(res.json().checks, 'status'), { status: 'failure', message: reason }, `${url}: the status check names the refusal`)
  }
  t.equal(forbidden.connections, 0, 'no connection to the forbidden address')
  t.ok(trusted.requests.includes('/to-loopback'), 'the trusted origin itself was asked')

  const link = await app.inject({ method: 'POST', url: '/credentials/verify-url', payload: { url: `https://127.0.0.1:${forbidden.port}/list` } })
  t.equal(link.statusCode, 400, 'a credential link on a forbidden address is refused')
  t.match(link.json().detail, /not a public unicast address/)
  t.equal(forbidden.connections, 0)
})

t.test('a status list that inflates to a gigabyte is refused after 16 MiB', async t => {
  const lists = await startServer(t)
  const { app } = await build(t, { REVOCATION_PUBLIC_URL: lists.origin, MAX_FETCH_BYTES: String(8 * 1024 * 1024) })
  const issuer = await createTestIssuer()
  // 1,024 concatenated GZIP members of 1 MiB of zeros: ~1 MB on the wire, 1 GiB inflated
  const member = gzipSync(Buffer.alloc(1024 * 1024), { level: 9 })
  const bomb = 'u' + Buffer.concat(Array(1024).fill(member)).toString('base64url')
  const url = `${lists.origin}/status-lists/bomb`
  lists.routes.set('/status-lists/bomb', json(await issuer.sign(statusList(url, issuer.did, [], { encodedList: bomb }))))
  const before = process.memoryUsage().rss
  const credential = await issuer.sign(badge(issuer.did, { credentialStatus: statusEntry(url, 1) }))
  const res = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: credential } })
  t.equal(res.statusCode, 422)
  t.match(find(res.json().checks, 'status'), { status: 'failure', message: /inflates to more than 16777216 bytes/ })
  t.ok(process.memoryUsage().rss - before < 512 * 1024 * 1024, 'memory stayed bounded')
  t.equal((await app.inject('/health/live')).statusCode, 200, 'the process is unharmed')
})

t.test('not a credential at all: 400; shaped like one: 422; too large: 413', async t => {
  const { app } = await build(t, { BODY_LIMIT_BYTES: '65536' })
  const post = async (payload: string, type = 'application/json'): Promise<{ statusCode: number; json: () => any }> =>
    await app.inject({ method: 'POST', url: '/credentials/verify', headers: { 'content-type': type }, payload })
  const bad: Array<[string, string]> = [
    ['malformed JSON', '{"verifiableCredential": {'],
    ['deep nesting', '{"verifiableCredential": ' + '['.repeat(5000) + ']'.repeat(5000) + '}'],
    ['__proto__ key', '{"verifiableCredential": {"@context": [], "type": [], "__proto__": {"polluted": true}}}'],
    ['constructor.prototype', '{"verifiableCredential": {"@context": [], "type": [], "constructor": {"prototype": {"polluted": true}}}}'],
    ['a number', '{"verifiableCredential": 42}'],
    ['no @context', '{"verifiableCredential": {"type": ["VerifiableCredential"]}}'],
    ['no type', '{"verifiableCredential": {"@context": ["https://www.w3.org/ns/credentials/v2"]}}'],
    ['a string that is no JWS', '{"verifiableCredential": "hello"}'],
    ['a JWS without a credential', `{"verifiableCredential": "${Buffer.from('{"alg":"EdDSA"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.c2ln"}`]
  ]
  for (const [what, body] of bad) {
    const res = await post(body)
    t.equal(res.statusCode, 400, `${what}: 400`)
    t.match(res.json().code, /^OBP_(VERIFIER_NOT_A_CREDENTIAL|INVALID_JSON)$/, `${what}: a problem with a code`)
  }
  t.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype untouched')
  const noProof = await post(JSON.stringify({ verifiableCredential: { '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'], type: ['VerifiableCredential', 'OpenBadgeCredential'], issuer: 'did:example:1', credentialSubject: {} } }))
  t.equal(noProof.statusCode, 422, 'no proof: 422')
  t.match(find(noProof.json().checks, 'proof'), { status: 'failure', message: /no proof/ })
  const big = await post(JSON.stringify({ verifiableCredential: { pad: 'x'.repeat(70_000) } }))
  t.equal(big.statusCode, 413, 'over the body limit: 413')
  t.equal((await app.inject('/health/live')).statusCode, 200, 'still alive')
})
