import t from 'tap'
import { readdirSync, readFileSync } from 'node:fs'
import { crc32 } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import pngjs from 'pngjs'
import { defaultBadgeImage, unbakeSvg } from '@obp/ob3'
import { sanitiseSvg } from '../src/images/svg-sanitise.js'
import { build, bearer, createAchievement, createIssuer } from './helper.js'

const FIXTURES = fileURLToPath(new URL('./fixtures/svg/', import.meta.url))
const corpus = (kind: string) => readdirSync(FIXTURES + kind).sort().map(name => ({ name, svg: readFileSync(`${FIXTURES}${kind}/${name}`, 'utf8') }))
const hostile = corpus('hostile')
const benign = corpus('benign')

/** Anything that can run script, load from outside or expand entities, whatever survived. */
const ACTIVE = [/<(\w+:)?script/i, /\son\w+\s*=/i, /javascript:/i, /foreignObject/i, /<(\w+:)?(iframe|embed|object|handler|set|animate|math)\b/i,
  /@import/i, /<!ENTITY/i, /<!DOCTYPE/i, /xml-stylesheet/i, /data:text/i, /url\(\s*(?!['"]?#)/i, /\\/,
  /(href|src)\s*=\s*["'](?!#|data:image\/(png|jpeg|gif);base64,)/i]
const activeIn = (svg: string) => ACTIVE.filter(re => re.test(svg)).map(String)

const svgUri = (svg: string) => `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
const PNG = defaultBadgeImage({ name: 'Small PNG', color: '#334155' }).png

/** The PNG with another width and height in IHDR, its CRC recomputed (PNG §5.3): a well-formed header lying. */
function withSize (png: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(png)
  out.writeUInt32BE(width, 16)
  out.writeUInt32BE(height, 20)
  out.writeUInt32BE(crc32(out.subarray(12, 29)) >>> 0, 29)
  return out
}

t.test('the hostile corpus: every file is refused, or cleaned of all of it', async t => {
  t.ok(hostile.length >= 16, `${hostile.length} hostile SVGs`)
  for (const { name, svg } of hostile) {
    const result = sanitiseSvg(svg)
    if ('error' in result) t.pass(`${name}: refused (${result.error})`)
    else t.same(activeIn(result.svg), [], `${name}: cleaned to ${result.svg}`)
  }
  const refused = hostile.filter(({ svg }) => 'error' in sanitiseSvg(svg)).length
  t.equal(refused, hostile.length - 1, 'all but the prolog stylesheet (dropped with the prolog) are refused')
})

t.test('benign SVGs pass and look the same; the output is stable; the default image is clean', async t => {
  for (const { name, svg } of benign) {
    const result = sanitiseSvg(svg)
    if ('error' in result) { t.fail(`${name}: ${result.error}`); continue }
    t.same(activeIn(result.svg), [], name)
    t.same(sanitiseSvg(result.svg), result, `${name}: sanitising the output changes nothing`)
  }
  const [editor, png, gradient] = benign.map(({ svg }) => sanitiseSvg(svg) as { svg: string })
  t.equal(gradient.svg, benign[2].svg.trim(), 'gradients, text, style and local <use> kept byte for byte')
  t.equal(png.svg, benign[1].svg.trim(), 'an inline PNG <image> kept')
  t.notMatch(editor.svg, /sodipodi|inkscape|DOCTYPE|<!--/, 'editor metadata, DOCTYPE and comments dropped')
  t.match(editor.svg, /<rect x="4" y="4" width="56" height="56" rx="8" style="fill:#0f766e;/)
  const generated = defaultBadgeImage({ name: 'Sciences & Société <3' }).svg
  t.same(sanitiseSvg(generated), { svg: generated }, 'the generated default image is already clean')
})

t.test('uploads: hostile SVGs are 400 OBP_ISSUER_IMAGE_INVALID; stored and served bytes are the clean ones', async t => {
  const { app, secrets } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const upload = (type: string, payload: string | Buffer) => app.inject({ method: 'POST', url: `/issuers/${issuer.id}/images`, headers: { ...bearer(issuer.apiKey), 'content-type': type }, payload })
  const served = async (id: string) => (await app.inject(`/images/${id.split('/').pop()}`)).body
  for (const { name, svg } of hostile) {
    const res = await upload('image/svg+xml', svg)
    if (res.statusCode === 201) t.same(activeIn(await served(res.json().id)), [], `${name}: stored clean`)
    else t.same([res.statusCode, res.json().code], [400, 'OBP_ISSUER_IMAGE_INVALID'], name)
  }
  const gradient = benign[2].svg
  const ok = await upload('image/svg+xml', gradient)
  t.equal(ok.statusCode, 201, ok.body)
  t.equal(await served(ok.json().id), gradient.trim())
  const editor = await upload('image/svg+xml', benign[0].svg)
  t.equal(editor.statusCode, 201)
  t.notMatch(await served(editor.json().id), /sodipodi/, 'what is stored is the sanitiser output')
  const refused = await upload('image/svg+xml', hostile[0].svg)
  t.match(refused.json().detail ?? refused.json().message, /<script>/, 'the refusal names what was found')
})

t.test('PNG uploads are decoded: signature-only, truncated, corrupt and oversized files are 400', async t => {
  const { app, secrets } = await build(t, { IMAGE_MAX_DIMENSION: '300' })
  const issuer = await createIssuer(app, secrets.adminToken)
  const upload = (payload: Buffer) => app.inject({ method: 'POST', url: `/issuers/${issuer.id}/images`, headers: { ...bearer(issuer.apiKey), 'content-type': 'image/png' }, payload })
  const ok = await upload(PNG)
  t.equal(ok.statusCode, 201, ok.body)
  t.equal(ok.json().contentType, 'image/png')
  const corrupt = Buffer.from(PNG)
  corrupt[PNG.length - 20] ^= 0xff // inside the IDAT data: its CRC no longer matches
  const bad = {
    'signature only': Buffer.concat([PNG.subarray(0, 8), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')]),
    'signature and IHDR only': PNG.subarray(0, 33),
    truncated: PNG.subarray(0, Math.floor(PNG.length / 2)),
    corrupt,
    'huge declared size': withSize(PNG, 100_000, 100_000),
    'over IMAGE_MAX_DIMENSION': withSize(PNG, 301, 256),
    'zero width': withSize(PNG, 0, 256)
  }
  for (const [name, payload] of Object.entries(bad)) {
    const res = await upload(payload)
    t.same([res.statusCode, res.json().code], [400, 'OBP_ISSUER_IMAGE_INVALID'], `${name}: ${res.json().detail ?? res.json().message}`)
  }
})

t.test('data: images in achievements, profiles and VC-API credentials go through the same checks', async t => {
  const { app, secrets } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const achievementWith = (image: unknown) => app.inject({
    method: 'POST', url: `/issuers/${issuer.id}/achievements`, headers: bearer(issuer.apiKey),
    payload: { name: 'Data Literacy', description: 'Reads data.', criteria: { narrative: 'Pass.' }, image }
  })
  const refusedUris = {
    'hostile SVG, base64': svgUri(hostile[0].svg),
    'hostile SVG, percent-encoded': `data:image/svg+xml,${encodeURIComponent(hostile[8].svg)}`,
    'hostile SVG, namespace prefix, in {id}': { id: svgUri(hostile[1].svg), caption: 'x' },
    'HTML': 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'PNG label on SVG bytes': `data:image/png;base64,${Buffer.from(benign[2].svg).toString('base64')}`,
    'truncated PNG': `data:image/png;base64,${PNG.subarray(0, 100).toString('base64')}`
  }
  for (const [name, image] of Object.entries(refusedUris)) {
    const res = await achievementWith(image)
    t.same([res.statusCode, res.json().code], [400, 'OBP_ISSUER_IMAGE_INVALID'], `achievement, ${name}`)
  }
  const pngUri = `data:image/png;base64,${PNG.toString('base64')}`
  for (const image of [svgUri(benign[2].svg.trim()), pngUri, 'https://cdn.example/badge.png']) {
    const res = await achievementWith(image)
    t.equal(res.json().image?.id, image, 'kept as given')
  }
  const cleaned = (await achievementWith(svgUri(benign[0].svg))).json().image.id
  t.notMatch(Buffer.from(cleaned.split(',')[1], 'base64').toString(), /sodipodi/, 'an SVG with editor markup is stored cleaned')

  const profile = await app.inject({ method: 'PUT', url: `/issuers/${issuer.id}`, headers: bearer(issuer.apiKey), payload: { name: 'U', image: svgUri(hostile[2].svg) } })
  t.same([profile.statusCode, profile.json().code], [400, 'OBP_ISSUER_IMAGE_INVALID'], 'profile update')
  const created = await app.inject({ method: 'POST', url: '/issuers', headers: bearer(secrets.adminToken), payload: { name: 'U', image: { id: svgUri(hostile[5].svg) } } })
  t.same([created.statusCode, created.json().code], [400, 'OBP_ISSUER_IMAGE_INVALID'], 'new issuer')

  const vc = (image: string) => ({
    credential: {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      type: ['VerifiableCredential', 'OpenBadgeCredential'], issuer: { id: issuer.did, type: ['Profile'], name: 'U' }, validFrom: '2025-01-01T00:00:00Z', name: 'Badge',
      credentialSubject: { type: ['AchievementSubject'], id: 'did:example:learner', achievement: { id: 'https://u.example/a/1', type: ['Achievement'], name: 'A', description: 'A', criteria: { narrative: 'A' }, image: { id: image, type: 'Image' } } }
    }
  })
  const issueVc = (image: string) => app.inject({ method: 'POST', url: '/credentials/issue', headers: bearer(issuer.apiKey), payload: vc(image) })
  const hostileVc = await issueVc(svgUri(hostile[3].svg))
  t.same([hostileVc.statusCode, hostileVc.json().code], [400, 'OBP_ISSUER_IMAGE_INVALID'], 'VC-API issue')
  t.match(hostileVc.json().detail ?? hostileVc.json().message, /credentialSubject\.achievement\.image/, 'naming where')
  const tiny = new pngjs.PNG({ width: 2, height: 2 })
  const fine = await issueVc(`data:image/png;base64,${pngjs.PNG.sync.write(tiny).toString('base64')}`) // VC-API ids are 4096 characters at most
  t.equal(fine.statusCode, 201, fine.body)
})

t.test('baked SVGs only ever embed sanitised SVG, also from images stored before the checks', async t => {
  const { app, secrets, db, config } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  // an upload from before the checks, and an achievement whose data: image was saved before them
  await db.collection('images').insertOne({ _id: 'legacy-hostile' as any, issuerId: issuer.id, contentType: 'image/svg+xml', data: Buffer.from(hostile[2].svg), createdAt: new Date() })
  await db.collection('images').insertOne({ _id: 'legacy-fine' as any, issuerId: issuer.id, contentType: 'image/svg+xml', data: Buffer.from(benign[0].svg), createdAt: new Date() })
  t.equal((await app.inject('/images/legacy-hostile')).statusCode, 404, 'a hostile legacy upload is not served')
  t.notMatch((await app.inject('/images/legacy-fine')).body, /sodipodi/, 'a legacy upload is served cleaned')
  const legacyData = await createAchievement(app, issuer)
  await db.collection('achievements').updateOne({ _id: legacyData.id.split('/').pop() }, { $set: { 'achievement.image': { id: svgUri(hostile[7].svg), type: 'Image' } } })
  const cases = [
    { image: `${config.ISSUER_PUBLIC_URL}/images/legacy-hostile`, own: false },
    { image: `${config.ISSUER_PUBLIC_URL}/images/legacy-fine`, own: true },
    { achievement: legacyData, own: false }
  ]
  for (const c of cases) {
    const a = c.achievement ?? await createAchievement(app, issuer, { image: c.image })
    const award = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey), payload: { achievementId: a.id, recipient: { email: 'l@uni.example' } } })
    const credential = award.json()
    const baked = (await app.inject(`/credentials/${credential.id.split('/').pop()}?format=svg`)).body
    t.same(JSON.parse(unbakeSvg(baked) ?? 'null'), credential, 'the credential is baked')
    const picture = baked.replace(/<openbadges:credential>[\s\S]*<\/openbadges:credential>/, '')
    t.same(activeIn(picture), [], 'no active content in the baked SVG')
    t.equal(picture.includes('#0f766e'), c.own, c.own ? 'the cleaned own image' : 'the default image instead')
  }
})
