// The issuer service's public pages in real Chromium, in English and French, with axe-core and screenshots
// (issue 18): the hosted credential page (valid, revoked with its published reason, endorsed), the network graph
// (achievements tied to their issuer, every member listed, nodes linked) and the achievement search page.
import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import t, { type Test } from 'tap'
import { createStatusStore } from '@obp/status'
import { bearer } from './helper.js'
import { endorse, join, lastSegment, makeAchievement, makeIssuer, setup } from './network-fixtures.js'
import { axeViolations, CHROMIUM, launch, screenshot } from './helpers/browser.js'

t.test('public pages', { skip: existsSync(CHROMIUM) ? false : 'chromium is not installed (scripts/browser-tools.sh)' }, async t => {
  const net = await setup(t)
  const rennes = await makeIssuer(net, 'Université de Rennes')
  const brest = await makeIssuer(net, 'IMT Brest')
  const quiet = await makeIssuer(net, 'Lycée du Léon')
  await join(net, rennes, brest, quiet)
  const data = await makeAchievement(net, rennes, { name: 'Data Literacy', tag: ['data'] })
  await makeAchievement(net, brest, { name: 'Data Engineering', tag: ['data'] })
  const e = (await endorse(net, brest, data, 'Rigorous assessment of real projects.')).json()
  await net.app.inject({ method: 'POST', url: `/issuers/${rennes.issuerId}/endorsements/${lastSegment(e.id)}/accept`, headers: rennes.auth })
  const award = async () => (await net.app.inject({ method: 'POST', url: `/issuers/${rennes.issuerId}/credentials`, headers: bearer(rennes.token), payload: { achievementId: data, recipient: { email: 'l@uni.example', name: 'Camille' }, allowDuplicate: true } })).json()
  const valid = await award()
  const revoked = await award()
  await createStatusStore(net.db).setRevoked({ credentialId: revoked.id, revoked: true, by: 'test', reason: 'Awarded in error', publishReason: true })

  await net.app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(net.app.server.address() as AddressInfo).port}`
  const browser = await launch(t)
  const page = await browser.newPage()

  async function visit (t: Test, path: string, name: string): Promise<string> {
    await page.goto(base + path)
    const shot = await screenshot(page, name)
    t.same(await axeViolations(page), [], `no axe-core violation (${shot})`)
    return await page.locator('main').innerText()
  }

  await t.test('hosted credential: valid and endorsed; revoked with the reason; both languages', async t => {
    const ok = await visit(t, `/credentials/${lastSegment(valid.id)}?lang=en`, 'hosted-valid-en')
    t.match(ok, 'Valid: this badge is active.')
    t.match(ok, 'Endorsed by IMT Brest: “Rigorous assessment of real projects.”', 'the endorser and the comment')
    t.equal(await page.getByRole('status').getAttribute('class'), 'status status-active')
    const no = await visit(t, `/credentials/${lastSegment(revoked.id)}?lang=fr`, 'hosted-revoked-fr')
    t.match(no, /Révoqué le \d{1,2} \S+ 20\d\d\./)
    t.match(no, 'Motif : Awarded in error')
    t.equal(await page.getByRole('status').getAttribute('class'), 'status status-revoked')
    await visit(t, `/credentials/${lastSegment(revoked.id)}?lang=en`, 'hosted-revoked-en')
  })

  await t.test('the graph: every member listed, achievements tied to their issuer, nodes linked', async t => {
    const en = await visit(t, '/network?lang=en', 'graph-en')
    t.match(en, 'Lycée du Léon')
    t.match(en, /Lycée du Léon — member since .* — no endorsement yet/)
    t.equal(await page.locator('svg line.owner').count(), 1, 'the endorsed achievement is tied to its issuer')
    t.equal(await page.getByRole('link', { name: 'IMT Brest' }).first().getAttribute('href'), `${net.publicUrl}/issuers/${brest.issuerId}`)
    t.ok(await page.locator(`svg a[href="${data}"]`).count() === 1, 'the achievement node links to its page')
    const fr = await visit(t, '/network?lang=fr', 'graph-fr')
    t.match(fr, 'Réseau de recommandations')
    t.match(fr, /Lycée du Léon — membre depuis le .* — aucune recommandation pour l’instant/)
  })

  await t.test('achievement search: a search box, results with issuer and endorsement count', async t => {
    await page.goto(`${base}/network/achievements?lang=en`)
    await page.getByLabel('Name, tag or alignment').fill('data')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.waitForURL(/q=data/)
    const shot = await screenshot(page, 'search-en')
    t.same(await axeViolations(page), [], `no axe-core violation (${shot})`)
    const text = await page.locator('main').innerText()
    t.match(text, '2 result(s) for “data”')
    t.match(text, 'Data Literacy — by Université de Rennes — 1 endorsement(s)')
    t.match(text, 'Data Engineering — by IMT Brest — 0 endorsement(s)')
    const fr = await visit(t, '/network/achievements?lang=fr&q=zzz', 'search-fr')
    t.match(fr, 'Aucune réussite ne correspond à « zzz ».')
    const json = await net.app.inject('/network/achievements?q=data')
    t.equal(json.json().length, 2, 'API clients still get JSON')
  })
})
