// The public verification page in real Chromium (Debian's chromium, driven by playwright-core; install with
// scripts/browser-tools.sh). The app runs with the test-only fragment resolver: simple.json's key sits in a
// URL fragment of example.com (see fixtures/1edtech-validator/README.md).
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { hasChromium, launch } from '@obp/service-kit/browser-testing'
import { build, fixtureKeyResolver } from './helper.js'
import { json, startServer } from './helpers/http-server.js'
import { trustUrl } from '../src/checks/network.js'

const FIXTURES = new URL('../../../test/spec-material/fixtures/1edtech-validator/', import.meta.url)

t.test('the verification page', { skip: hasChromium ? false : 'chromium is not installed (scripts/browser-tools.sh)' }, async t => {
  const links = await startServer(t)
  const simple = JSON.parse(readFileSync(new URL('simple.json', FIXTURES), 'utf8'))
  links.routes.set('/credentials/simple', json(simple))
  // the issuer service's trust endpoint: simple.json's issuer is a member endorsed by one other member
  const trustPath = trustUrl(links.origin, simple.issuer.id, simple.credentialSubject.achievement.id).slice(links.origin.length)
  links.routes.set(trustPath, json({ issuer: simple.issuer.id, network: 'the network', member: true, since: '2024-05-01T00:00:00.000Z', endorsedBy: [{ id: 'did:key:z6MkAgency', name: 'Accrediting Agency', subjectKind: 'achievement', since: '2025-01-02T00:00:00.000Z', accepted: true }] }))
  const { app } = await build(t, { ISSUER_PUBLIC_URL: links.origin }, { extraResolver: fixtureKeyResolver() })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const browser = await launch(t)
  const page = await browser.newPage()
  const foreign: string[] = []
  page.on('request', r => { if (!r.url().startsWith(base) && !/^(blob|data):/.test(r.url())) foreign.push(r.url()) })

  await t.test('serves a strict CSP and no third-party resource', async t => {
    const res = await page.goto(base + '/')
    t.match(res?.headers()['content-security-policy'], /default-src 'none'; script-src 'self'/)
    t.equal(await page.title(), 'Verify an Open Badge')
  })

  await t.test('uploading simple-json.png shows it verified, with the badge and every check passing', async t => {
    await page.goto(base + '/')
    await page.setInputFiles('#file', new URL('simple-json.png', FIXTURES).pathname)
    await page.waitForSelector('#result:not([hidden])')
    t.match(await page.textContent('#verdict'), /Authentic and valid — issued by Example Corp, member of the network since 1 May 2024/)
    t.notMatch(await page.textContent('#verdict'), /Not valid/)
    t.match(await page.textContent('#details'), /Teamwork[\s\S]*Example Corp[\s\S]*1 January 2010/)
    t.equal(await page.isVisible('#badge-image'), true, 'the uploaded badge image is shown')
    for (const check of ['structure', 'schema', 'proof', 'issuer', 'validity']) {
      t.equal(await page.getAttribute(`#checks li[data-check="${check}"]`, 'data-status'), 'success', `${check} passes`)
    }
    t.match(await page.textContent('#checks li[data-check="proof"] .mark'), '\u2713')
    t.match(await page.textContent('#network-status'), /is a member of the network since 1 May 2024/, 'the network membership is shown')
    t.match(await page.textContent('#network-endorsers li[data-endorser="did:key:z6MkAgency"]'), /Accrediting Agency endorses this achievement/)
  })

  await t.test('a tampered credential shows which check failed', async t => {
    await page.goto(base + '/')
    await page.fill('#credential', JSON.stringify({ ...simple, name: 'Leadership Badge' }))
    await page.click('#verify')
    await page.waitForSelector('#result:not([hidden])')
    t.match(await page.textContent('#verdict'), /Not valid/)
    t.match(await page.textContent('#reason'), /changed after it was signed/)
    t.equal(await page.getAttribute('#checks li[data-check="proof"]', 'data-status'), 'failure')
    t.match(await page.textContent('#checks li[data-check="proof"]'), /\u2717.*signature is not valid/)
    t.equal(await page.getAttribute('#checks li[data-check="issuer"]', 'data-status'), 'success', 'the key itself is still the issuer\'s')
    t.equal(await page.isVisible('#network-block'), false, 'no network standing is shown for a credential that failed its proof')
  })

  await t.test('/?url= verifies a credential link through the server', async t => {
    await page.goto(`${base}/?url=${encodeURIComponent(links.origin + '/credentials/simple')}`)
    await page.waitForSelector('#result:not([hidden])')
    t.match(await page.textContent('#verdict'), /Authentic and valid/)
    t.ok(links.requests.includes('/credentials/simple'), 'the link was fetched by the server')
  })

  t.same(foreign, [], 'the page loaded nothing from another origin')
})
