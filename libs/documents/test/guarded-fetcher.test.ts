import t from 'tap'
import { lookup } from 'node:dns/promises'
import { createGuardedFetcher, isPublicAddress } from '../src/index.js'
import type { UnsafeTestHooks } from '../src/index.js'
import { TEST_CA, json, startCounter, startHttp, startHttps } from './helpers/servers.js'

// The stand-in "public" host: 127.0.0.2 is allowed by the test hook only; real defaults stay in force
// for everything else (127.0.0.1 remains forbidden, so the counter proves nothing reaches it).
const hooks = (extra: Record<string, string[]> = {}): UnsafeTestHooks => ({
  isAllowedAddress: a => a === '127.0.0.2' || isPublicAddress(a),
  resolveHost: async host => extra[host] ?? (host === 'public.test' ? ['127.0.0.2'] : (await lookup(host, { all: true })).map(a => a.address)),
  ca: TEST_CA
})

t.test('address policy: only global unicast is public', async t => {
  for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111']) t.ok(isPublicAddress(a), a)
  for (const a of ['127.0.0.1', '::1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254',
    '100.64.0.1', '100.127.255.254', 'fc00::1', 'fd00:ec2::254', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'fe80::1',
    '0.0.0.0', '::', '224.0.0.1', '64:ff9b::a00:1', 'not-an-ip',
    // 6to4, Teredo, IPv4-compatible (dotted and hex), site-local, discard-only, local-use NAT64
    '2002:7f00:1::1', '2001:0:4136:e378:8000:63bf:3fff:fdd2', '::127.0.0.1', '::7f00:1', '::a00:1', 'fec0::1', '100::1', '64:ff9b:1::1']) t.notOk(isPublicAddress(a), a)
})

t.test('every forbidden address is refused before any connection', async t => {
  const counter = await startCounter(t)
  const fetcher = createGuardedFetcher()
  const p = counter.port
  const cases = [
    `https://127.0.0.1:${p}/`, `https://[::1]:${p}/`, `https://localhost:${p}/`, `https://[::ffff:127.0.0.1]:${p}/`,
    `https://2130706433:${p}/`, 'https://10.0.0.1/', 'https://172.16.5.4/', 'https://192.168.1.1/',
    'https://169.254.169.254/latest/meta-data/', 'https://100.64.0.1/', 'https://[fc00::1]/', 'https://[fd12:3456::1]/',
    'https://[::ffff:10.0.0.1]/', 'https://0.0.0.0/', `https://[::127.0.0.1]:${p}/`, 'https://[2002:7f00:1::1]/'
  ]
  for (const url of cases) {
    await t.rejects(fetcher.fetchBytes(url), { code: 'OBP_DOCUMENTS_FORBIDDEN_ADDRESS' }, url)
  }
  t.equal(counter.connections(), 0, 'the loopback server saw no connection')
})

t.test('host names resolving to forbidden addresses are refused, even mixed with public ones', async t => {
  const fetcher = createGuardedFetcher({
    unsafeTestHooks: { resolveHost: async host => host === 'mixed.test' ? ['93.184.216.34', '10.0.0.7'] : ['192.168.7.7'] }
  })
  await t.rejects(fetcher.fetchBytes('https://internal.test/'), { code: 'OBP_DOCUMENTS_FORBIDDEN_ADDRESS', message: /192\.168\.7\.7/ })
  await t.rejects(fetcher.fetchBytes('https://mixed.test/'), { code: 'OBP_DOCUMENTS_FORBIDDEN_ADDRESS', message: /10\.0\.0\.7/ })
})

t.test('non-https URLs are refused', async t => {
  const counter = await startCounter(t)
  const fetcher = createGuardedFetcher()
  for (const url of [`http://127.0.0.1:${counter.port}/`, 'http://example.com/', 'ftp://example.com/x', 'file:///etc/passwd']) {
    await t.rejects(fetcher.fetchBytes(url), { code: 'OBP_DOCUMENTS_NOT_HTTPS' }, url)
  }
  t.equal(counter.connections(), 0)
})

t.test('happy path over https to an allowed address', async t => {
  const server = await startHttps(t, (_req, res) => json(res, { id: 'https://public.test/key' }))
  const fetcher = createGuardedFetcher({ unsafeTestHooks: hooks() })
  t.same(await fetcher.fetchJson(`https://public.test:${server.port}/key`), { id: 'https://public.test/key' })
  const raw = await fetcher.fetchBytes(`https://public.test:${server.port}/key`, { headers: { 'x-test': '1' } })
  t.equal(raw.status, 200)
  t.equal(raw.contentType, 'application/json')
  t.equal(raw.headers['content-type'], 'application/json')
  t.same(server.requests, ['/key', '/key'])
  const untrusting = createGuardedFetcher({ unsafeTestHooks: { ...hooks(), ca: undefined } })
  await t.rejects(untrusting.fetchBytes(`https://public.test:${server.port}/key`), { code: 'OBP_DOCUMENTS_FETCH_FAILED' },
    'the self-signed certificate is only trusted through the test hook')
})

t.test('a redirect is checked again: forbidden address, http, too many', async t => {
  const counter = await startCounter(t)
  const server = await startHttps(t, (req, res) => {
    const [, kind, n] = req.url?.split('/') ?? []
    if (kind === 'to-loopback') res.writeHead(302, { location: `https://127.0.0.1:${counter.port}/` }).end()
    else if (kind === 'to-localhost') res.writeHead(301, { location: `https://localhost:${counter.port}/` }).end()
    else if (kind === 'to-http') res.writeHead(307, { location: `http://public.test:${counter.port}/` }).end()
    else if (kind === 'hop' && Number(n) > 0) res.writeHead(302, { location: `/hop/${Number(n) - 1}` }).end()
    else json(res, { ok: true })
  })
  const fetcher = createGuardedFetcher({ unsafeTestHooks: hooks() })
  const base = `https://public.test:${server.port}`
  await t.rejects(fetcher.fetchBytes(`${base}/to-loopback`), { code: 'OBP_DOCUMENTS_FORBIDDEN_ADDRESS' })
  await t.rejects(fetcher.fetchBytes(`${base}/to-localhost`), { code: 'OBP_DOCUMENTS_FORBIDDEN_ADDRESS' })
  await t.rejects(fetcher.fetchBytes(`${base}/to-http`), { code: 'OBP_DOCUMENTS_NOT_HTTPS' })
  t.equal(counter.connections(), 0, 'no redirect reached the loopback server')
  t.same(await fetcher.fetchJson(`${base}/hop/3`), { ok: true }, 'three redirects are followed')
  await t.rejects(fetcher.fetchBytes(`${base}/hop/4`), { code: 'OBP_DOCUMENTS_TOO_MANY_REDIRECTS' })
  t.same(server.requests.slice(-4), ['/hop/4', '/hop/3', '/hop/2', '/hop/1'], 'the fourth redirect is not followed')
})

t.test('bodies over the cap are refused, with or without content-length', async t => {
  const big = Buffer.alloc(64 * 1024 + 1, 'a')
  const server = await startHttps(t, (req, res) => {
    if (req.url === '/declared') res.writeHead(200, { 'content-length': big.length }).end(big)
    else { res.writeHead(200); res.write(big.subarray(0, 40000)); res.end(big.subarray(40000)) }
  })
  const fetcher = createGuardedFetcher({ unsafeTestHooks: hooks() })
  const base = `https://public.test:${server.port}`
  await t.rejects(fetcher.fetchBytes(`${base}/declared`), { code: 'OBP_DOCUMENTS_TOO_LARGE' })
  await t.rejects(fetcher.fetchBytes(`${base}/chunked`), { code: 'OBP_DOCUMENTS_TOO_LARGE' })
  const { body } = await fetcher.fetchBytes(`${base}/chunked`, { maxBytes: 1024 * 1024 })
  t.equal(body.length, big.length, 'a caller may raise the cap (status lists)')
})

t.test('a server that does not answer times out', async t => {
  const server = await startHttps(t, () => { /* never responds */ })
  const fetcher = createGuardedFetcher({ timeoutMs: 300, unsafeTestHooks: hooks() })
  await t.rejects(fetcher.fetchBytes(`https://public.test:${server.port}/slow`), { code: 'OBP_DOCUMENTS_TIMEOUT' })
  const stalled = await startHttps(t, (_req, res) => { res.writeHead(200); res.write('{') })
  await t.rejects(fetcher.fetchBytes(`https://public.test:${stalled.port}/stalled`), { code: 'OBP_DOCUMENTS_TIMEOUT' }, 'a stalled body too')
  const hanging = createGuardedFetcher({ timeoutMs: 300, unsafeTestHooks: { resolveHost: () => new Promise(() => {}) } })
  await t.rejects(hanging.fetchBytes('https://dns-hangs.test/'), { code: 'OBP_DOCUMENTS_TIMEOUT' }, 'and a hanging DNS lookup')
})

t.test('error statuses and bad JSON have codes', async t => {
  const server = await startHttps(t, (req, res) => {
    if (req.url === '/missing') json(res, { error: 'nope' }, 404)
    else res.writeHead(200).end('not json')
  })
  const fetcher = createGuardedFetcher({ unsafeTestHooks: hooks() })
  await t.rejects(fetcher.fetchJson(`https://public.test:${server.port}/missing`), { code: 'OBP_DOCUMENTS_HTTP_STATUS', status: 404 })
  await t.rejects(fetcher.fetchJson(`https://public.test:${server.port}/text`), { code: 'OBP_DOCUMENTS_INVALID_JSON' })
})

t.test('trusted origins are fetched directly, even over http on loopback', async t => {
  const platform = await startHttp(t, (_req, res) => json(res, { list: 'status' }))
  const origin = `http://127.0.0.1:${platform.port}`
  const fetcher = createGuardedFetcher({ trustedOrigins: [`${origin}/some/base/path`] })
  t.same(fetcher.trustedOrigins, [origin])
  t.same(await fetcher.fetchJson(`${origin}/status/1`), { list: 'status' })
  t.same(platform.requests, ['/status/1'])
  await t.rejects(fetcher.fetchBytes(`http://localhost:${platform.port}/status/1`), { code: 'OBP_DOCUMENTS_NOT_HTTPS' }, 'exact origin only')
  await t.rejects(fetcher.fetchBytes(`https://127.0.0.1:${platform.port}/`), { code: 'OBP_DOCUMENTS_FORBIDDEN_ADDRESS' })
})

t.test('the connection goes to the checked address: a second DNS answer cannot rebind it', async t => {
  const good = await startHttps(t, (_req, res) => json(res, { served: 'checked address' }))
  const evil = await startCounter(t, '127.0.0.1', good.port) // same port, forbidden address
  let lookups = 0
  const fetcher = createGuardedFetcher({
    unsafeTestHooks: { ...hooks(), resolveHost: async () => (lookups++ === 0 ? ['127.0.0.2'] : ['127.0.0.1']) }
  })
  t.same(await fetcher.fetchJson(`https://rebind.test:${good.port}/`), { served: 'checked address' })
  t.equal(lookups, 1, 'resolved once')
  t.equal(evil.connections(), 0, 'nothing connected to the rebound address')
})

t.test('requestPinned connects to the given address whatever the host name resolves to, and can POST', async t => {
  const { createServer } = await import('node:http')
  const { requestPinned } = await import('../src/index.js')
  const seen: Array<{ method?: string; host?: string; body: string }> = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => { body += c.toString() })
    req.on('end', () => { seen.push({ method: req.method, host: req.headers.host, body }); res.writeHead(204).end() })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>(resolve => server.close(() => resolve())))
  const port = (server.address() as { port: number }).port
  // `.invalid` never resolves (RFC 6761): only the pinned address can have been used
  const res = await requestPinned({ url: new URL(`http://hooks.invalid:${port}/x`), address: '127.0.0.1', method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' }, maxBytes: 1024, signal: AbortSignal.timeout(5000) })
  t.equal(res.status, 204)
  t.same(seen, [{ method: 'POST', host: `hooks.invalid:${port}`, body: '{"a":1}' }])
})
