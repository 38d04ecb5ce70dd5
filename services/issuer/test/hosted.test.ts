import t from 'tap'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { bakePng, defaultBadgeImage, unbakePng, unbakeSvg } from '@obp/ob3'
import { build, bearer, createAchievement, createIssuer } from './helper.js'

const FIXTURES = fileURLToPath(new URL('../../../test/spec-material/fixtures/1edtech-validator', import.meta.url)) // copy of the shared fixtures

t.test('the 1EdTech baked fixtures unbake to the credential they carry, and re-bake identically', async t => {
  const simple = JSON.parse(readFileSync(`${FIXTURES}/simple.json`, 'utf8'))
  const png = readFileSync(`${FIXTURES}/simple-json.png`)
  const svg = readFileSync(`${FIXTURES}/simple-json.svg`, 'utf8')
  const fromPng = JSON.parse(unbakePng(png) ?? 'null')
  const fromSvg = JSON.parse(unbakeSvg(svg) ?? 'null')
  // the baked files carry simple.json signed again (another proofValue): same credential, own proof
  for (const baked of [fromPng, fromSvg]) {
    const { proof, ...rest } = baked
    const { proof: _p, ...expected } = simple
    t.same(rest, expected)
    t.equal(proof[0].type, 'DataIntegrityProof')
  }
  const rebaked = bakePng(png, fromPng)
  t.equal(unbakePng(rebaked), JSON.stringify(fromPng))
})

t.test('GET /credentials/:id: JSON by segment or full id; baked PNG and SVG round-trip exactly; default image', async t => {
  const { app, secrets } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const a = await createAchievement(app, issuer)
  const vc = (await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey), payload: { achievementId: a.id, recipient: { email: 'a@uni.example' } } })).json()
  const segment = vc.id.split('/').pop()
  const json = await app.inject(`/credentials/${segment}`)
  t.equal(json.statusCode, 200)
  t.equal(json.body, JSON.stringify(vc), 'byte-identical JSON')
  t.same((await app.inject(`/credentials/${encodeURIComponent(vc.id)}`)).json(), vc)
  t.equal((await app.inject('/credentials/00000000-0000-4000-8000-000000000000')).statusCode, 404)

  const png = await app.inject(`/credentials/${segment}?format=png`)
  t.equal(png.statusCode, 200)
  t.equal(png.headers['content-type'], 'image/png')
  t.equal(unbakePng(png.rawPayload), JSON.stringify(vc), 'unbaking gives back exactly the signed credential')
  t.equal(png.rawPayload.toString('latin1').split('iTXtopenbadgecredential').length - 1, 1, 'one iTXt chunk')
  const itxt = png.rawPayload.indexOf('iTXtopenbadgecredential')
  t.equal(png.rawPayload[itxt + 4 + 'openbadgecredential'.length + 1], 0, 'compression flag 0 (uncompressed)')

  const svg = await app.inject(`/credentials/${segment}?format=svg`)
  t.match(svg.headers['content-type'], /^image\/svg\+xml/)
  t.match(svg.body, /xmlns:openbadges="https:\/\/purl\.imsglobal\.org\/ob\/v3p0"/)
  t.match(svg.body, /<openbadges:credential><!\[CDATA\[/)
  t.equal(unbakeSvg(svg.body), JSON.stringify(vc))
  t.same(png.rawPayload.subarray(0, 8), defaultBadgeImage({ name: a.name }).png.subarray(0, 8))
})

t.test('uploaded images: type-checked, served safely, baked into the credential', async t => {
  const { app, secrets, config } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const upload = (type: string, payload: string | Buffer) => app.inject({ method: 'POST', url: `/issuers/${issuer.id}/images`, headers: { ...bearer(issuer.apiKey), 'content-type': type }, payload })
  t.equal((await upload('image/png', Buffer.from('not a png'))).json().code, 'OBP_ISSUER_IMAGE_INVALID')
  t.equal((await upload('image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')).statusCode, 400)
  const svgImage = '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><title>marker-7731</title><circle cx="32" cy="32" r="30"/></svg>'
  const svgRes = await upload('image/svg+xml', svgImage)
  t.equal(svgRes.statusCode, 201, svgRes.body)
  t.match(svgRes.json().id, new RegExp(`^${config.ISSUER_PUBLIC_URL}/images/`))
  const pngImage = defaultBadgeImage({ name: 'Uploaded PNG', color: '#334155' }).png
  const pngRes = await upload('image/png', pngImage)
  t.equal(pngRes.statusCode, 201)
  const served = await app.inject(`/images/${svgRes.json().id.split('/').pop()}`)
  t.equal(served.body, svgImage)
  t.match(served.headers['content-security-policy'], /default-src 'none'/)

  for (const [image, format, check] of [[svgRes.json().id, 'svg', (b: Buffer) => b.toString().includes('marker-7731')],
    [pngRes.json().id, 'png', (b: Buffer) => b.includes(pngImage.subarray(33, 33 + 64))]] as const) {
    const a = await createAchievement(app, issuer, { image })
    const vc = (await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey), payload: { achievementId: a.id, recipient: { email: 'b@uni.example' } } })).json()
    t.same(vc.credentialSubject.achievement.image, { id: image, type: 'Image' })
    const baked = await app.inject(`/credentials/${vc.id.split('/').pop()}?format=${format}`)
    t.ok(check(baked.rawPayload), `the uploaded ${format} is the picture`)
    const text = format === 'png' ? unbakePng(baked.rawPayload) : unbakeSvg(baked.body)
    t.same(JSON.parse(text ?? 'null'), vc)
  }
})

t.test('browsers asking text/html get an escaped human page', async t => {
  const { app, secrets } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken, { name: 'Uni "<b>"' })
  const a = await createAchievement(app, issuer, { name: '<script>alert(1)</script> Badge' })
  const vc = (await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey), payload: { achievementId: a.id, recipient: { did: 'did:example:z' } } })).json()
  const page = await app.inject({ url: `/credentials/${vc.id.split('/').pop()}`, headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } })
  t.match(page.headers['content-type'], /^text\/html/)
  t.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt; Badge/)
  t.notMatch(page.body, /<script>/)
  t.match(page.body, /Uni &quot;&lt;b&gt;&quot;/)
  const api = await app.inject({ url: `/credentials/${vc.id.split('/').pop()}`, headers: { accept: 'application/json, text/html' } })
  t.match(api.headers['content-type'], /^application\/json/)
})
