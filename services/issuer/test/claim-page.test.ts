// The learner's claim page and the public badge page (issue 17): content, languages, read-only GET, expiry,
// revocation shown with date and reason, downloads as attachments, link previews; then both pages in real
// Chromium (FR and EN screenshots, axe-core).
import type { AddressInfo } from 'node:net'
import t, { type Test } from 'tap'
import type { Page } from 'playwright-core'
import { axe as audit, hasChromium, launch, screenshot } from '@obp/service-kit/browser-testing'
import { createStatusStore } from '@obp/status'
import { build, bearer, createAchievement, createIssuer } from './helper.js'


async function award (t: Test) {
  const s = await build(t, { VERIFIER_PUBLIC_URL: 'https://verify.example' })
  const { app, secrets } = s
  const issuer = await createIssuer(app, secrets.adminToken, { name: 'Université de Provence', url: 'https://univ.example', language: 'fr' })
  const achievement = await createAchievement(app, issuer, { name: 'Data <Literacy>', criteria: { narrative: 'Pass the final project & the oral.' } })
  const res = await app.inject({
    method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey),
    payload: { achievementId: achievement.id, recipient: { email: 'ada@example.org', name: 'Ada Lovelace' }, validFrom: '2026-06-15T09:00:00Z', notify: false }
  })
  const credential = res.json()
  const link = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials/${encodeURIComponent(credential.id)}/claim`, headers: bearer(issuer.apiKey), payload: {} })
  const claimPath = new URL(link.json().claimUrl).pathname
  return { ...s, issuer, credential, claimPath, segment: credential.id.split('/').pop() as string }
}

t.test('the claim page shows the badge and its actions, in the asked language, and changes nothing', async t => {
  const { app, db, credential, claimPath, segment } = await award(t)
  const counts = async () => Promise.all(['claims', 'deliveries', 'credentials', 'status_entries'].map(c => db.collection(c).countDocuments()))
  const before = await counts()
  const fr = await app.inject({ url: claimPath, headers: { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.8' } })
  t.equal(fr.statusCode, 200)
  t.match(fr.headers['content-security-policy'], /default-src 'none'; style-src 'self'/)
  t.equal(fr.headers['cache-control'], 'no-store')
  t.match(fr.headers['x-robots-tag'], /noindex/)
  t.match(fr.body, /<html lang="fr">/)
  t.match(fr.body, /Data &lt;Literacy&gt;/)
  t.match(fr.body, /Pass the final project &amp; the oral\./, 'criteria')
  t.match(fr.body, /href="https:\/\/univ\.example"/, 'issuer website')
  t.match(fr.body, /Décerné à Ada Lovelace/)
  t.match(fr.body, /15 juin 2026/)
  t.match(fr.body, /Valide : ce badge est actif\./)
  t.notMatch(fr.body, /<script/)
  const linkedIn = new URL(/href="(https:\/\/www\.linkedin\.com\/profile\/add\?[^"]+)"/.exec(fr.body)![1].replace(/&amp;/g, '&'))
  t.same(Object.fromEntries(linkedIn.searchParams), {
    startTask: 'CERTIFICATION_NAME', name: 'Data <Literacy>', organizationName: 'Université de Provence', issueYear: '2026', issueMonth: '6', certUrl: credential.id, certId: credential.id
  })
  t.ok(fr.body.includes(`href="https://verify.example/?credentialUrl=${encodeURIComponent(credential.id).replace(/&/g, '&amp;')}"`), 'verification link')
  t.ok(fr.body.includes(`href="${credential.id}"`), 'public share link')
  const en = await app.inject({ url: claimPath + '?lang=en', headers: { 'accept-language': 'fr' } })
  t.match(en.body, /<html lang="en">/, 'the switch wins over Accept-Language')
  t.match(en.body, /Valid: this badge is active\./)
  t.match(en.body, /15 June 2026/)
  t.same(await counts(), before, 'opening the page wrote nothing')

  await t.test('downloads are attachments with readable names', async t => {
    for (const [format, type] of [['json', 'application/json'], ['png', 'image/png'], ['svg', 'image/svg+xml']]) {
      t.ok(fr.body.includes(`/credentials/${segment}?format=${format}&amp;download=true`))
      const res = await app.inject(`/credentials/${segment}?format=${format}&download=true`)
      t.equal(res.statusCode, 200)
      t.match(res.headers['content-type'], type)
      t.equal(res.headers['content-disposition'], `attachment; filename="data-literacy-2026-06-15.${format}"`)
    }
  })

  await t.test('the public page: link previews, no personal parts', async t => {
    const res = await app.inject({ url: `/credentials/${segment}`, headers: { accept: 'text/html', 'accept-language': 'en-GB' } })
    t.equal(res.statusCode, 200)
    t.match(res.body, /<meta property="og:title" content="Data &lt;Literacy&gt; \| Université de Provence">/)
    t.ok(res.body.includes(`<meta property="og:image" content="${credential.id}?format=png">`))
    t.match(res.body, /<meta name="twitter:card" content="summary">/)
    t.match(res.body, /<meta property="og:description" content="Université de Provence awarded this Open Badge: Data &lt;Literacy&gt;\.">/)
    t.notMatch(res.body, /linkedin\.com|noindex|personal/, 'no claim parts')
    t.match(res.body, /Valid: this badge is active\./)
  })

  await t.test('a revoked badge says so, with date and reason', async t => {
    await createStatusStore(db).setRevoked({ credentialId: credential.id, revoked: true, by: 'test', reason: 'Fraude à l\'examen', publishReason: true })
    const res = await app.inject({ url: claimPath, headers: { 'accept-language': 'fr' } })
    t.match(res.body, /class="status status-revoked" role="status">Révoqué le \d{1,2} \S+ \d{4}\. Motif : Fraude à l&#39;examen/)
    t.notMatch(res.body, /action="[^"]*\/offers/, 'no wallet form for a revoked badge')
    const offers = await app.inject({ method: 'POST', url: `${claimPath}/offers`, payload: {} })
    t.same([offers.statusCode, offers.json().code], [409, 'OBP_ISSUER_AWARD_NOT_DELIVERABLE'], 'and no wallet offer')
    // restored, so that the steps below see an active badge again
    await createStatusStore(db).setRevoked({ credentialId: credential.id, revoked: false, by: 'test' })
  })

  await t.test('the wallet form: an offer as a QR code and a same-device link', async t => {
    t.match(fr.body, new RegExp(`<form method="post" action="${claimPath}/offers\\?lang=fr">`))
    const res = await app.inject({ method: 'POST', url: `${claimPath}/offers?lang=en`, headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: '' })
    t.equal(res.statusCode, 201)
    t.match(res.headers['content-type'], /^text\/html/)
    t.match(res.body, /<html lang="en">/)
    t.match(res.body, /href="openid-credential-offer:\/\/\?credential_offer_uri=http%3A%2F%2Flocalhost%3A3001%2Fissuers%2F[^"]+%2Foffers%2F[A-Za-z0-9_-]+"/)
    t.match(res.body, /<img class="qr" src="data:image\/svg\+xml;base64,/)
    t.match(res.body, /<h2 id="lcw">Learner Credential Wallet<\/h2>/, 'the VC-API route for the Learner Credential Wallet')
    t.match(res.body, /href="https:\/\/lcw\.app\/request\?request=%7B%22protocols%22%3A%7B%22vcapi%22%3A[^"]+"/)
    t.match(res.body, /href="http:\/\/localhost:3001\/interactions\/[A-Za-z0-9_-]+\?iuv=1"/)
    t.match(fr.body, /Learner Credential Wallet/, 'the claim page names both choices')
    t.match(fr.body, /OpenID for Verifiable Credential Issuance/)
  })

  await t.test('an unknown or expired link is a 404 page', async t => {
    const unknown = await app.inject({ url: '/claim/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', headers: { 'accept-language': 'en' } })
    t.equal(unknown.statusCode, 404)
    t.match(unknown.body, /Claim link not valid/)
    await db.collection('claims').updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1000) } })
    const expired = await app.inject({ url: claimPath })
    t.equal(expired.statusCode, 404)
    t.match(expired.body, /Lien non valable/)
  })
})

/** Every axe-core violation (all impacts), as {id, impact, nodes}. */
async function axe (page: Page): Promise<Array<{ id: string; impact: string; nodes: unknown[] }>> {
  return (await audit(page)).map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target) }))
}
const shot = (page: Page, name: string): Promise<string> => screenshot(page, name, 'issuer')

t.test('the claim page in Chromium, French and English', { skip: hasChromium ? false : 'chromium is not installed (scripts/browser-tools.sh)' }, async t => {
  const { app, claimPath, segment } = await award(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const browser = await launch(t)
  const context = await browser.newContext({ locale: 'fr-FR' })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()) })

  await page.goto(base + claimPath)
  t.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Data <Literacy>')
  t.ok(await page.getByRole('link', { name: 'Ajouter à mon profil LinkedIn' }).isVisible())
  t.ok(await page.getByRole('link', { name: 'Attestation (JSON)' }).isVisible())
  t.match(await page.getByRole('status').textContent(), /Valide/)
  t.equal(await page.locator('img').evaluate((img: any) => img.complete && img.naturalWidth > 0), true, 'the badge image loads')
  await shot(page, 'claim-fr')
  await page.getByRole('link', { name: 'English' }).click()
  await page.waitForURL(/lang=en/)
  t.equal(await page.getByRole('heading', { level: 2, name: 'Download' }).isVisible(), true)
  t.ok(await page.getByRole('link', { name: 'Add to my LinkedIn profile' }).isVisible())
  await shot(page, 'claim-en')
  await page.getByRole('button', { name: 'Get a wallet offer' }).click()
  await page.getByRole('heading', { level: 1, name: 'Add to a wallet' }).waitFor()
  t.match(await page.getByRole('link', { name: 'Open in my wallet on this device' }).getAttribute('href'), /^openid-credential-offer:\/\/\?credential_offer_uri=/)
  t.equal(await page.getByRole('img', { name: 'QR code of the wallet offer' }).evaluate((img: any) => img.complete && img.naturalWidth > 0), true, 'the QR code renders')
  t.match(await page.getByRole('link', { name: 'Open in the Learner Credential Wallet on this device' }).getAttribute('href'), /^https:\/\/lcw\.app\/request\?request=/)
  t.equal(await page.getByRole('img', { name: 'QR code of the offer for the Learner Credential Wallet' }).evaluate((img: any) => img.complete && img.naturalWidth > 0), true, 'the LCW QR code renders')
  await shot(page, 'wallet-offer-en')
  await page.goto(`${base}/credentials/${segment}?lang=en`)
  await shot(page, 'public-en')
  t.same(errors, [], 'no console errors (CSP included)')

  // axe-core is injected by the test; the page's strict CSP (no script) would refuse it, so the audit bypasses CSP
  const audit = await browser.newContext({ bypassCSP: true, locale: 'en-GB' })
  const auditPage = await audit.newPage()
  for (const url of [base + claimPath + '?lang=fr', base + claimPath + '?lang=en', `${base}/credentials/${segment}?lang=fr`]) {
    await auditPage.goto(url)
    t.same(await axe(auditPage), [], `no axe-core violations on ${url.replace(base, '')}`)
  }
  // the wallet offer page (a form's answer) and the interaction URL opened by a person
  await auditPage.goto(base + claimPath + '?lang=fr')
  await auditPage.getByRole('button', { name: 'Obtenir une offre pour mon portefeuille' }).click()
  await auditPage.getByRole('heading', { level: 2, name: 'Learner Credential Wallet' }).waitFor()
  t.same(await axe(auditPage), [], 'no axe-core violations on the wallet offer page')
  const interaction = new URL(await auditPage.getByRole('link', { name: /\/interactions\// }).getAttribute('href') as string)
  await auditPage.goto(base + interaction.pathname + interaction.search)
  t.equal(await auditPage.getByRole('heading', { level: 1 }).textContent(), 'Open this offer in a wallet', 'the browser\'s language (en-GB)')
  await shot(auditPage, 'interaction-en')
  t.same(await axe(auditPage), [], 'no axe-core violations on the interaction page')
})
