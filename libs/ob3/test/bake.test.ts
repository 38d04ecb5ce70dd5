// Baking (OB 3.0 §5.3): PNG iTXt `openbadgecredential`, SVG `<openbadges:credential>`; round trips and fixtures.
import { crc32, deflateSync } from 'node:zlib'
import t from 'tap'
import { bakePng, bakeSvg, defaultBadgeImage, unbakePng, unbakeSvg } from '../src/index.js'
import { encodeChunk, parseITxt, readChunks } from '../src/png.js'
import { fixture, fixtureJson, sampleCredential } from './helpers/fixtures.js'

const JWS = 'eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJkaWQ6ZXhhbXBsZToxIn0.c2lnbmF0dXJl'
const { png: basePng, svg: baseSvg } = defaultBadgeImage({ name: 'Bake Test' })
const badgeChunks = (png: Buffer) => readChunks(png).filter((c) => c.type === 'iTXt' && parseITxt(c.data)?.keyword === 'openbadgecredential')

t.test('the 1EdTech fixtures unbake to simple.json', async (t) => {
  const simple = fixtureJson('simple.json')
  const { proof: _p, ...simpleBody } = simple
  // Both images were signed separately from simple.json (another key, 2024-03-20): same credential, other proof.
  for (const baked of [unbakePng(fixture('simple-json.png')), unbakeSvg(fixture('simple-json.svg').toString('utf8'))]) {
    t.type(baked, 'string')
    const { proof, ...body } = JSON.parse(baked ?? '') as Record<string, unknown>
    t.strictSame(body, simpleBody)
    t.match(proof, [{ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofValue: /^z/ }])
  }
})

t.test('PNG: round trip of an object, JSON text and a JWS', async (t) => {
  const vc = sampleCredential()
  const baked = bakePng(basePng, vc)
  t.equal(unbakePng(baked), JSON.stringify(vc))
  const chunks = readChunks(baked)
  t.equal(chunks[1].type, 'iTXt', 'right after IHDR')
  const itxt = parseITxt(chunks[1].data)
  t.match(itxt, { keyword: 'openbadgecredential', compressed: false, languageTag: '', translatedKeyword: '' })
  const text = JSON.stringify(vc, null, 2) + '\n'
  t.equal(unbakePng(bakePng(basePng, text)), text, 'JSON text kept byte for byte')
  t.equal(unbakePng(bakePng(basePng, JWS)), JWS)
  const unicode = { ...vc, name: 'Zusammenarbeit — 協力 ✓' }
  t.strictSame(JSON.parse(unbakePng(bakePng(basePng, unicode)) ?? ''), unicode, 'UTF-8')
  t.equal(unbakePng(basePng), undefined, 'nothing baked')
})

t.test('PNG: baking again replaces the one chunk; other chunks survive', async (t) => {
  const twice = bakePng(bakePng(basePng, { a: 1 }), { b: 2 })
  t.equal(badgeChunks(twice).length, 1)
  t.equal(unbakePng(twice), '{"b":2}')
  const rebaked = bakePng(fixture('simple-json.png'), JWS)
  t.equal(badgeChunks(rebaked).length, 1)
  t.equal(unbakePng(rebaked), JWS)
  const before = readChunks(fixture('simple-json.png')).filter((c) => !(c.type === 'iTXt' && parseITxt(c.data)?.keyword === 'openbadgecredential'))
  const after = readChunks(rebaked).filter((c) => !(c.type === 'iTXt' && parseITxt(c.data)?.keyword === 'openbadgecredential'))
  t.strictSame(after.map((c) => c.type), before.map((c) => c.type), 'image chunks kept, in order')
})

t.test('PNG: damaged input is refused', async (t) => {
  const baked = bakePng(basePng, { a: 1 })
  const badCrc = Buffer.from(baked)
  badCrc[50] ^= 0xff // inside the iTXt data (IHDR ends at byte 33)
  t.throws(() => unbakePng(badCrc), { code: 'OBP_OB3_INVALID_PNG', message: /CRC/ })
  t.throws(() => bakePng(badCrc, { a: 1 }), { code: 'OBP_OB3_INVALID_PNG' })
  t.throws(() => unbakePng(Buffer.from('GIF89a not a png')), { code: 'OBP_OB3_INVALID_PNG', message: /signature/ })
  t.throws(() => unbakePng(baked.subarray(0, baked.length - 6)), { code: 'OBP_OB3_INVALID_PNG' })
  const huge = Buffer.from(baked)
  huge.writeUInt32BE(0x7ffffff0, 8)
  t.throws(() => unbakePng(huge), { code: 'OBP_OB3_INVALID_PNG', message: /bounds/ })
  t.throws(() => bakePng(basePng, 'neither json nor jws'), { code: 'OBP_OB3_INVALID_BAKE_CONTENT' })
  t.throws(() => bakePng(basePng, '[1,2]'), { code: 'OBP_OB3_INVALID_BAKE_CONTENT' })
})

t.test('PNG: a compressed chunk from another baker is still read', async (t) => {
  const data = Buffer.concat([Buffer.from('openbadgecredential\0\x01\0\0\0', 'latin1'), deflateSync('{"z":1}')])
  const [ihdr, ...rest] = readChunks(basePng)
  const png = Buffer.concat([basePng.subarray(0, 8), encodeChunk('IHDR', ihdr.data), encodeChunk('iTXt', data), ...rest.map((c) => encodeChunk(c.type, c.data))])
  t.equal(crc32(png.subarray(12, 29)), png.readUInt32BE(29), 'test PNG is well formed')
  t.equal(unbakePng(png), '{"z":1}')
})

t.test('SVG: JSON in CDATA, namespace on the root, element directly after it', async (t) => {
  const vc = sampleCredential()
  const baked = bakeSvg(baseSvg, vc)
  t.equal(unbakeSvg(baked), JSON.stringify(vc))
  t.match(baked, /^<svg [^>]*xmlns:openbadges="https:\/\/purl\.imsglobal\.org\/ob\/v3p0"[^>]*><openbadges:credential><!\[CDATA\[\{/)
  t.equal(baked.match(/xmlns:openbadges=/g)?.length, 1)
  const again = bakeSvg(baked, { b: 2 })
  t.equal(again.match(/<openbadges:credential/g)?.length, 1, 'replaced, not added')
  t.equal(again.match(/xmlns:openbadges=/g)?.length, 1)
  t.equal(unbakeSvg(again), '{"b":2}')
  t.equal(unbakeSvg(baseSvg), undefined)
})

t.test('SVG: a JWS goes in the verify attribute', async (t) => {
  const baked = bakeSvg(baseSvg, JWS)
  t.match(baked, `<openbadges:credential verify="${JWS}"></openbadges:credential>`)
  t.equal(unbakeSvg(baked), JWS)
  const fixtureSvg = fixture('simple-json.svg').toString('utf8')
  const swapped = bakeSvg(fixtureSvg, JWS)
  t.equal(unbakeSvg(swapped), JWS, 'replaces the fixture credential')
  t.equal(swapped.match(/<openbadges:credential/g)?.length, 1)
  t.match(swapped, /^<\?xml[^>]*>\s*<!DOCTYPE/, 'prolog kept')
})

t.test('SVG: "]]>" inside the JSON survives', async (t) => {
  const vc = { ...sampleCredential(), description: 'ends with ]]> and <tags> & "quotes" ]]]]>' }
  const baked = bakeSvg(baseSvg, vc)
  t.equal(unbakeSvg(baked), JSON.stringify(vc))
  t.strictSame(JSON.parse(unbakeSvg(baked) ?? ''), vc)
})

t.test('SVG: odd but valid documents', async (t) => {
  const selfClosing = '<?xml version="1.0"?>\n<!-- <openbadges:credential verify="x.y.z"/> -->\n<svg xmlns="http://www.w3.org/2000/svg" data-x="a>b"/>'
  t.equal(unbakeSvg(selfClosing), undefined, 'a commented-out element does not count')
  const baked = bakeSvg(selfClosing, { a: 1 })
  t.match(baked, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" data-x="a>b" xmlns:openbadges="[^"]+"><openbadges:credential><!\[CDATA\[\{"a":1\}\]\]><\/openbadges:credential><\/svg>$/)
  t.equal(unbakeSvg(baked), '{"a":1}')
  const ob2 = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org"><g/></svg>'
  const rebound = bakeSvg(ob2, { a: 1 })
  t.equal(rebound.match(/xmlns:openbadges=/g)?.length, 1)
  t.match(rebound, 'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"')
  const escaped = '<svg xmlns="http://www.w3.org/2000/svg"><openbadges:credential>  {&quot;a&quot;:1}  </openbadges:credential></svg>'
  t.equal(unbakeSvg(escaped), '{"a":1}', 'plain text content, entities decoded')
  t.throws(() => bakeSvg('<html><body/></html>', { a: 1 }), { code: 'OBP_OB3_INVALID_SVG' })
  t.throws(() => unbakeSvg('<svg><openbadges:credential><![CDATA[{"a":1}'), { code: 'OBP_OB3_INVALID_SVG' })
  t.throws(() => bakeSvg(baseSvg, 'not json'), { code: 'OBP_OB3_INVALID_BAKE_CONTENT' })
})
