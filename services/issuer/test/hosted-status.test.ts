// The hosted page says what is true now (issue 18): revoked (date, published reason), expired or valid, read
// live; the achievement's uploaded image on the page and in the baked SVG; endorsements with name and comment.
import t from 'tap'
import { createStatusStore } from '@obp/status'
import { defaultBadgeImage, unbakeSvg } from '@obp/ob3'
import { build, bearer, createAchievement, createIssuer } from './helper.js'

const HTML = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'accept-language': 'en' }

t.test('the hosted page shows the live status, in English and French', async t => {
  const { app, secrets, db } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const a = await createAchievement(app, issuer)
  const award = async (payload: object = {}) => (await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey), payload: { achievementId: a.id, recipient: { email: 'l@uni.example' }, ...payload } })).json()
  const page = async (vc: { id: string }, query = '', headers: Record<string, string> = HTML) => await app.inject({ url: `/credentials/${vc.id.split('/').pop()}${query}`, headers })

  const vc = await award()
  const valid = await page(vc)
  t.match(valid.body, /class="status status-active" role="status">Valid: this badge is active\./)
  t.equal(valid.headers['cache-control'], 'no-store', 'a live status is never cached')

  await createStatusStore(db).setRevoked({ credentialId: vc.id, revoked: true, by: 'test', reason: 'Awarded in error', publishReason: true })
  const revoked = await page(vc)
  t.match(revoked.body, /status-revoked" role="status">Revoked on [^<]*20\d\d\. Reason: Awarded in error/)
  t.notMatch(revoked.body, /class="status status-active"/)
  const fr = await page(vc, '?lang=fr')
  t.match(fr.body, /<html lang="fr">/)
  t.match(fr.body, /Révoqué le [^<]*20\d\d\. Motif : Awarded in error/)
  t.match((await page(vc, '', { ...HTML, 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' })).body, /Révoqué/, 'Accept-Language chooses French')

  const quiet = await award()
  await createStatusStore(db).setRevoked({ credentialId: quiet.id, revoked: true, by: 'test', reason: 'private' })
  const noReason = await page(quiet)
  t.match(noReason.body, /status-revoked" role="status">Revoked on [^<]*20\d\d\.<\/p>/, 'revoked, with no reason when none was published')
  t.notMatch(noReason.body, /private/, 'an unpublished reason never reaches the page')

  const old = await award({ validFrom: '2020-01-01T00:00:00Z', validUntil: '2021-01-01T00:00:00Z' })
  t.equal(typeof old.id, 'string', JSON.stringify(old))
  t.match((await page(old)).body, /status-expired" role="status">Expired on [^<]*2021\./)
  t.match((await page(old, '?lang=fr')).body, /Expiré le [^<]*2021\./)
})

t.test('the uploaded PNG is the picture of the page and of the baked SVG', async t => {
  const { app, secrets } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const png = defaultBadgeImage({ name: 'Uploaded', color: '#334155' }).png
  const image = (await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/images`, headers: { ...bearer(issuer.apiKey), 'content-type': 'image/png' }, payload: png })).json().id
  const a = await createAchievement(app, issuer, { image })
  const vc = (await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey), payload: { achievementId: a.id, recipient: { email: 'b@uni.example' } } })).json()
  const svg = await app.inject(`/credentials/${vc.id.split('/').pop()}?format=svg`)
  t.ok(svg.body.includes(`data:image/png;base64,${png.toString('base64')}`), 'the SVG wraps the uploaded PNG')
  t.same(JSON.parse(unbakeSvg(svg.body) ?? 'null'), vc)
  const page = await app.inject({ url: `/credentials/${vc.id.split('/').pop()}`, headers: HTML })
  t.match(page.body, `<img src="${new URL(image).pathname}"`, 'the page shows the uploaded image')
})
