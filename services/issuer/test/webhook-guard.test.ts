// The webhook target guard: every resolved address public, and the delivery pinned to the address checked.
import t from 'tap'
import type { IssuerConfig } from '../src/config.js'
import { assertDeliverable, checkWebhookUrl } from '../src/webhooks/url-guard.js'
import { classifyFailure } from '../src/webhooks/deliver.js'
import { WebhookUrlRefused } from '../src/errors.js'

const production = { OBP_MODE: 'production', ISSUER_PUBLIC_URL: 'https://badges.example.edu' } as IssuerConfig
const development = { OBP_MODE: 'development', ISSUER_PUBLIC_URL: 'http://localhost:3001' } as IssuerConfig
const answers = (map: Record<string, string[]>) => async (host: string): Promise<string[]> => map[host] ?? []

t.test('a public host is delivered to the address that was checked', async t => {
  const resolve = answers({ 'hooks.example.org': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'] })
  const target = await assertDeliverable('https://hooks.example.org/obp', production, resolve)
  t.equal(target.url.href, 'https://hooks.example.org/obp')
  t.equal(target.address, '93.184.216.34', 'the connection is pinned to a checked address')
  t.same(await assertDeliverable('https://93.184.216.34/x', production, resolve).then(r => r.address), '93.184.216.34')
})

t.test('private, loopback and mixed answers are refused; so are http and credentials in production', async t => {
  const resolve = answers({
    'internal.example.org': ['10.0.0.7'],
    'mixed.example.org': ['93.184.216.34', '169.254.169.254'],
    'mapped.example.org': ['::ffff:127.0.0.1'],
    'nothing.example.org': []
  })
  for (const url of ['https://internal.example.org/', 'https://mixed.example.org/', 'https://mapped.example.org/', 'https://nothing.example.org/', 'https://[::1]/', 'https://127.0.0.1/']) {
    await t.rejects(assertDeliverable(url, production, resolve), { code: 'OBP_ISSUER_WEBHOOK_URL_REFUSED' }, url)
  }
  t.throws(() => checkWebhookUrl('http://hooks.example.org/', production), { code: 'OBP_ISSUER_WEBHOOK_URL_REFUSED' })
  t.throws(() => checkWebhookUrl('https://user:pw@hooks.example.org/', production), { code: 'OBP_ISSUER_WEBHOOK_URL_REFUSED' })
  t.throws(() => checkWebhookUrl('not a url', production), { code: 'OBP_ISSUER_WEBHOOK_URL_REFUSED' })
})

t.test('development mode lets a loopback receiver through, unpinned (node resolves it)', async t => {
  const target = await assertDeliverable('http://127.0.0.1:9999/hook', development, answers({}))
  t.equal(target.address, undefined)
  await t.rejects(assertDeliverable('http://hooks.example.org/', development, answers({})), { code: 'OBP_ISSUER_WEBHOOK_URL_REFUSED' }, 'still https for other hosts')
})

t.test('the guard is the outbound policy of @obp/documents: 6to4, Teredo, IPv4-compatible, site-local, discard, NAT64 local-use', async t => {
  const hidden = ['2002:7f00:1::1', '2001:0:4136:e378:8000:63bf:3fff:fdd2', '::127.0.0.1', '::7f00:1', 'fec0::1', '100::1', '64:ff9b:1::a00:1']
  for (const address of hidden) {
    await t.rejects(assertDeliverable('https://hook.example.org/', production, answers({ 'hook.example.org': [address] })), { code: 'OBP_ISSUER_WEBHOOK_URL_REFUSED' }, address)
    await t.rejects(assertDeliverable(`https://[${address}]/`, production, answers({})), { code: 'OBP_ISSUER_WEBHOOK_URL_REFUSED' }, `[${address}]`)
  }
})

t.test('a failure tells the issuer only refused, unreachable or the status, and only transient ones are retried', async t => {
  t.same(classifyFailure(new WebhookUrlRefused('10.0.0.7 resolves to a non-public address')), { lastError: 'refused', permanent: true })
  t.same(classifyFailure(new Error('connect ECONNREFUSED 10.1.2.3:443')), { lastError: 'unreachable', permanent: false })
  t.same(classifyFailure(new Error('x'), 404), { lastError: 'HTTP 404', permanent: true })
  t.same(classifyFailure(new Error('x'), 408), { lastError: 'HTTP 408', permanent: false })
  t.same(classifyFailure(new Error('x'), 429), { lastError: 'HTTP 429', permanent: false })
  t.same(classifyFailure(new Error('x'), 503), { lastError: 'HTTP 503', permanent: false })
})
