// Issue 13 "Baked images, read strictly": every MUST / MUST NOT of OB 3.0 §5.3 (Baked Badge) applies when reading;
// an image that breaks one is not verified, and the `baking` step names the rule.
import { crc32, deflateSync } from 'node:zlib'
import t from 'tap'
import { bakePng, bakeSvg, defaultBadgeImage } from '@obp/ob3'
import { build } from './helper.js'
import { badge, createTestIssuer } from './helpers/issuer.js'

type Check = { check: string; status: string; message: string }
const OB_NS = 'https://purl.imsglobal.org/ob/v3p0'

/** A PNG chunk (PNG §5.3: length, type, data, CRC over type and data). */
function chunk (type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const out = Buffer.alloc(8 + body.length)
  out.writeUInt32BE(data.length, 0)
  body.copy(out, 4)
  out.writeUInt32BE(crc32(body), 4 + body.length)
  return out
}

/** An iTXt chunk `openbadgecredential` (PNG §11.3.3.4), compressed or not, inserted right after IHDR. */
function withITxt (png: Buffer, text: string, compressed = false): Buffer {
  const head = Buffer.concat([Buffer.from('openbadgecredential', 'latin1'), Buffer.from([0, compressed ? 1 : 0, 0, 0, 0])])
  const data = Buffer.concat([head, compressed ? deflateSync(Buffer.from(text)) : Buffer.from(text)])
  const afterIhdr = 8 + 25
  return Buffer.concat([png.subarray(0, afterIhdr), chunk('iTXt', data), png.subarray(afterIhdr)])
}

t.test('baked images are read strictly (OB 3.0 §5.3 MUST / MUST NOT)', async t => {
  const { app } = await build(t)
  const issuer = await createTestIssuer()
  const credential = await issuer.sign(badge(issuer.did))
  const text = JSON.stringify(credential)
  const image = defaultBadgeImage({ name: 'Teamwork' })
  const post = async (payload: Buffer | string, type: string): Promise<{ statusCode: number; json: () => any }> =>
    await app.inject({ method: 'POST', url: '/credentials/verify', headers: { 'content-type': type }, payload })
  const baking = (res: { json: () => any }): Check => res.json().checks.find((c: Check) => c.check === 'baking')

  const png = bakePng(image.png, credential)
  const goodPng = await post(png, 'image/png')
  t.equal(goodPng.statusCode, 200, 'a PNG baked by the rules verifies')
  t.match(baking(goodPng), { status: 'success' })

  const twice = await post(withITxt(png, text), 'image/png')
  t.equal(twice.statusCode, 422, 'two openbadgecredential chunks')
  t.match(baking(twice), { status: 'failure', message: /2 iTXt chunks .* MUST NOT appear more than once/ })
  t.match(twice.json().problemDetails[0], { title: /baking rules/ })

  const compressed = await post(withITxt(image.png, text, true), 'image/png')
  t.equal(compressed.statusCode, 422, 'a compressed chunk')
  t.match(baking(compressed), { status: 'failure', message: /compression MUST NOT be used/ })
  t.match(compressed.json().checks.find((c: Check) => c.check === 'proof'), { status: 'success' }, 'the credential is still read and reported')

  const empty = await post(image.png, 'image/png')
  t.equal(empty.statusCode, 400, 'no credential at all')

  const svg = bakeSvg(image.svg, credential)
  const goodSvg = await post(svg, 'image/svg+xml')
  t.equal(goodSvg.statusCode, 200, 'an SVG baked by the rules verifies')
  t.match(baking(goodSvg), { status: 'success' })

  const element = `<openbadges:credential><![CDATA[${text}]]></openbadges:credential>`
  const two = await post(svg.replace('</svg>', `${element}</svg>`), 'image/svg+xml')
  t.equal(two.statusCode, 422, 'two <openbadges:credential> elements')
  t.match(baking(two), { status: 'failure', message: /2 <openbadges:credential> elements; there MUST be only one/ })

  const noNamespace = await post(svg.replace(` xmlns:openbadges="${OB_NS}"`, ''), 'image/svg+xml')
  t.equal(noNamespace.statusCode, 422, 'the openbadges prefix not declared')
  t.match(baking(noNamespace), { status: 'failure', message: /prefix is not declared; it MUST be the namespace https:\/\/purl\.imsglobal\.org\/ob\/v3p0/ })
  const otherNamespace = await post(svg.replace(`xmlns:openbadges="${OB_NS}"`, 'xmlns:openbadges="http://openbadges.org"'), 'image/svg+xml')
  t.match(baking(otherNamespace), { status: 'failure', message: /bound to http:\/\/openbadges\.org/ }, 'the OB 2.0 namespace is not OB 3.0')

  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;')
  const notCdata = await post(svg.replace(/<openbadges:credential>[\s\S]*<\/openbadges:credential>/, () => `<openbadges:credential>${escaped}</openbadges:credential>`), 'image/svg+xml')
  t.equal(notCdata.statusCode, 422, 'JSON outside CDATA')
  t.match(baking(notCdata), { status: 'failure', message: /MUST be wrapped in <!\[CDATA\[/ })

  const jws = await issuer.jwt(badge(issuer.did))
  const jwtSvg = bakeSvg(image.svg, jws)
  t.equal((await post(jwtSvg, 'image/svg+xml')).statusCode, 200, 'a VC-JWT in the verify attribute verifies')
  const both = await post(jwtSvg.replace('></openbadges:credential>', () => `><![CDATA[${text}]]></openbadges:credential>`), 'image/svg+xml')
  t.equal(both.statusCode, 422, 'verify attribute and content')
  t.match(baking(both), { status: 'failure', message: /carries the JWS only; its content MUST be empty/ })

  const plain = await issuer.sign({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: issuer.did, credentialSubject: { id: 'did:example:1' } })
  const notOb = await post(bakePng(image.png, plain), 'image/png')
  t.equal(notOb.statusCode, 422, 'a baked credential that is no Open Badge')
  t.match(baking(notOb), { status: 'failure', message: /MUST carry an OpenBadgeCredential/ })
})
