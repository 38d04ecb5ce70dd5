// The verification page answers both questions at the top, in plain words, in English and French (issue 18):
// a member, an endorsed non-member, an unknown look-alike, a revoked badge (reason shown), an expired one, a
// tampered one, and a pasted link. Real Chromium, axe-core on every story, a screenshot of each. A local server
// stands in for the issuer and revocation services (trust answers, status lists, entry records, credential
// links); the member's website is served over https with its Domain Linkage credential.
import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import t, { type Test } from 'tap'
import type { Page } from 'playwright-core'
import { build } from './helper.js'
import { badge, createTestIssuer, statusEntry, statusList, type TestIssuer } from './helpers/issuer.js'
import { json, startServer, type TestServer } from './helpers/http-server.js'
import { linkage, startWebsite, websiteFetcher } from './helpers/website.js'
import { axeViolations, CHROMIUM, launch, screenshot } from './helpers/browser.js'
import { trustUrl } from '../src/checks/network.js'

async function signed (issuer: TestIssuer, profile: { name: string; url?: string }, opts: Parameters<typeof badge>[1] = {}): Promise<any> {
  const unsigned = badge(issuer.did, opts) as Record<string, any>
  unsigned.issuer = { ...unsigned.issuer, ...profile }
  return await issuer.sign(unsigned)
}

function answer (platform: TestServer, credential: any, body: object): void {
  const path = trustUrl(platform.origin, credential.issuer.id, credential.credentialSubject.achievement.id).slice(platform.origin.length)
  platform.routes.set(path, json({ issuer: credential.issuer.id, network: 'Réseau Open Badges Bretagne', ...body }))
}

t.test('the verdict at the top of the page', { skip: existsSync(CHROMIUM) ? false : 'chromium is not installed (scripts/browser-tools.sh)' }, async t => {
  const platform = await startServer(t)
  const site = await startWebsite(t)
  const { app } = await build(t, { ISSUER_PUBLIC_URL: platform.origin, REVOCATION_PUBLIC_URL: platform.origin }, { fetcher: websiteFetcher([platform.origin]) })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`

  const member = await createTestIssuer()
  site.routes.set('/.well-known/did-configuration.json', json(await linkage(member, member.did, site.origin)))
  const listUrl = `${platform.origin}/status-lists/list-1`
  platform.routes.set('/status-lists/list-1', json(await member.sign(statusList(listUrl, member.did, [7]))))
  platform.routes.set('/status-lists/list-1/entries/7', json({ listId: 'list-1', index: 7, revoked: true, revokedAt: '2026-03-02T10:00:00.000Z', reason: 'Awarded in error' }))
  const rennes = { name: 'Université de Rennes', url: site.origin }
  const valid = await signed(member, rennes, { credentialStatus: statusEntry(listUrl, 8) })
  const revoked = await signed(member, rennes, { credentialStatus: statusEntry(listUrl, 7) })
  const expired = await signed(member, rennes, { validUntil: '2025-01-01T00:00:00Z' })
  for (const c of [valid, revoked, expired]) answer(platform, c, { member: true, since: '2024-05-01T00:00:00.000Z', endorsedBy: [] })
  platform.routes.set('/credentials/valid', json(valid))

  const lycee = await createTestIssuer()
  const endorsed = await signed(lycee, { name: 'Lycée Agricole' })
  answer(platform, endorsed, { member: false, endorsedBy: [{ id: member.did, name: 'Université de Rennes', subjectKind: 'profile', since: '2025-01-02T00:00:00.000Z', accepted: true }] })

  const impostor = await createTestIssuer()
  const lookalike = await signed(impostor, { name: 'Example University', url: 'https://example.edu' })
  answer(platform, lookalike, { member: false, endorsedBy: [] })

  const browser = await launch(t)
  const page = await browser.newPage()
  const foreign: string[] = []
  page.on('request', r => { if (!r.url().startsWith(base) && !/^(blob|data):/.test(r.url())) foreign.push(r.url()) })

  /** Pastes `text` as a person would, and returns the result region's verdict. */
  async function paste (p: Page, lang: 'en' | 'fr', text: string): Promise<{ title: string; text: string; kind: string | null }> {
    await p.goto(`${base}/?lang=${lang}`)
    const label = lang === 'en' ? 'Paste a credential (JSON), a VC-JWT, or a link to a badge' : 'Collez un badge (JSON), un VC-JWT ou un lien vers un badge'
    await p.getByLabel(label).fill(text)
    await p.getByRole('button', { name: lang === 'en' ? 'Verify' : 'Vérifier' }).click()
    const verdict = p.getByTestId('verdict')
    await verdict.locator('h2:not(:empty)').waitFor()
    return { title: await verdict.locator('h2').innerText(), text: await verdict.innerText(), kind: await verdict.getAttribute('data-kind') }
  }

  async function story (t: Test, name: string, lang: 'en' | 'fr', text: string) {
    const v = await paste(page, lang, text)
    const shot = await screenshot(page, `${name}-${lang}`)
    t.same(await axeViolations(page), [], `no axe-core violation (${shot})`)
    return v
  }

  await t.test('a network member: authentic and valid, member since, website confirmed', async t => {
    const en = await story(t, 'member', 'en', JSON.stringify(valid))
    t.equal(en.kind, 'ok')
    t.equal(en.title, 'Authentic and valid')
    t.match(en.text, 'Authentic and valid — issued by Université de Rennes, member of Réseau Open Badges Bretagne since 1 May 2024.')
    t.match(en.text, `Its website ${site.origin} is confirmed as its own.`)
    const fr = await story(t, 'member', 'fr', JSON.stringify(valid))
    t.match(fr.text, 'Authentique et valide — émis par Université de Rennes, membre de Réseau Open Badges Bretagne depuis le 1 mai 2024.')
  })

  await t.test('an endorsed non-member: a distinct caution style naming the endorsers', async t => {
    const en = await story(t, 'endorsed', 'en', JSON.stringify(endorsed))
    t.equal(en.kind, 'caution')
    t.match(en.text, 'issued by Lycée Agricole, which is not a member of the network but is endorsed by Université de Rennes.')
    const fr = await story(t, 'endorsed', 'fr', JSON.stringify(endorsed))
    t.match(fr.text, 'recommandé par Université de Rennes')
  })

  await t.test('an unknown look-alike: authentic, but neither member nor confirmed website, in a warning style', async t => {
    const en = await story(t, 'lookalike', 'en', JSON.stringify(lookalike))
    t.equal(en.kind, 'caution')
    t.match(en.text, 'Authentic and valid — but the issuer is not a member of the network and its website is not confirmed.')
    t.notMatch(en.text, /member of Réseau/)
    const fr = await story(t, 'lookalike', 'fr', JSON.stringify(lookalike))
    t.match(fr.text, 'mais l’émetteur n’est pas membre du réseau et son site web n’est pas confirmé')
  })

  await t.test('a revoked badge: not valid, revoked on which date, and the published reason', async t => {
    const en = await story(t, 'revoked', 'en', JSON.stringify(revoked))
    t.equal(en.kind, 'bad')
    t.equal(en.title, 'Not valid')
    t.match(en.text, 'The issuer revoked this badge on 2 March 2026.')
    t.match(en.text, 'Reason given by the issuer: Awarded in error')
    const fr = await story(t, 'revoked', 'fr', JSON.stringify(revoked))
    t.match(fr.text, 'L’émetteur a révoqué ce badge le 2 mars 2026.')
    t.match(fr.text, 'Motif donné par l’émetteur : Awarded in error')
  })

  await t.test('an expired badge says since when', async t => {
    const en = await story(t, 'expired', 'en', JSON.stringify(expired))
    t.equal(en.kind, 'bad')
    t.match(en.text, 'This badge expired on 1 January 2025.')
    t.match((await story(t, 'expired', 'fr', JSON.stringify(expired))).text, 'Ce badge a expiré le 1 janvier 2025.')
  })

  await t.test('a tampered badge: not valid, changed after signing; nothing said about the issuer\'s standing', async t => {
    const en = await story(t, 'tampered', 'en', JSON.stringify({ ...valid, name: 'Leadership Badge' }))
    t.equal(en.kind, 'bad')
    t.match(en.text, 'The badge was changed after it was signed, or its signature is not valid.')
    t.equal(await page.getByTestId('network-status').isVisible(), false)
    t.equal(await page.locator('#checks li[data-check="proof"]').getAttribute('data-status'), 'failure')
  })

  await t.test('a pasted link, and a link to this page with ?url=, are fetched and verified', async t => {
    const link = `${platform.origin}/credentials/valid`
    const en = await story(t, 'pasted-link', 'en', link)
    t.equal(en.kind, 'ok')
    t.match(en.text, 'member of Réseau Open Badges Bretagne')
    const before = platform.requests.filter(r => r === '/credentials/valid').length
    const fr = await story(t, 'pasted-page-link', 'fr', `${base}/?url=${encodeURIComponent(link)}`)
    t.match(fr.text, 'Authentique et valide')
    t.equal(platform.requests.filter(r => r === '/credentials/valid').length, before + 1, 'the server fetched the link inside the page link')
    await page.goto(`${base}/?lang=fr&url=${encodeURIComponent(link)}`)
    await page.getByTestId('verdict').locator('h2:not(:empty)').waitFor()
    t.match(await page.getByTestId('verdict').innerText(), 'membre de Réseau Open Badges Bretagne')
  })

  await t.test('a link that is not a credential says so', async t => {
    const v = await story(t, 'bad-link', 'en', 'http://example.com/badge')
    t.equal(v.title, 'Not a credential')
    t.match(v.text, /could not be read/)
  })

  t.same(foreign, [], 'the page loaded nothing from another origin')
})
