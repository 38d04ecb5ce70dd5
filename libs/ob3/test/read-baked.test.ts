// Strict reading of baked badges (OB 3.0 §5.3): what the bakers here write, and the 1EdTech fixtures, break no rule;
// each MUST / MUST NOT broken is named.
import { deflateSync } from 'node:zlib'
import t from 'tap'
import { bakePng, bakeSvg, defaultBadgeImage, readBakedPng, readBakedSvg } from '../src/index.js'
import { encodeChunk, readChunks, writeChunks } from '../src/png.js'
import { fixture } from './helpers/fixtures.js'

const JWS = 'eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJkaWQ6ZXhhbXBsZToxIn0.c2lnbmF0dXJl'
const { png, svg } = defaultBadgeImage({ name: 'Strict' })
const itxt = (text: Buffer, compressed: boolean): Buffer => Buffer.concat([Buffer.from('openbadgecredential\0'), Buffer.from([compressed ? 1 : 0, 0, 0, 0]), text])

t.test('PNG: one uncompressed openbadgecredential iTXt chunk', async t => {
  t.same(readBakedPng(bakePng(png, { a: 1 })), { text: '{"a":1}', violations: [] })
  t.same(readBakedPng(fixture('simple-json.png')).violations, [], 'the 1EdTech fixture')
  t.same(readBakedPng(png), { violations: [] }, 'nothing baked')
  const [ihdr, ...rest] = readChunks(bakePng(png, { a: 1 }))
  const twice = writeChunks([ihdr!, { type: 'iTXt', data: itxt(Buffer.from('{"b":2}'), false) }, ...rest])
  t.match(readBakedPng(twice), { text: '{"b":2}', violations: [/2 iTXt chunks .* MUST NOT appear more than once/] }, 'the first chunk is read, the second is a violation')
  const [head, ...tail] = readChunks(png)
  const compressed = writeChunks([head!, { type: 'iTXt', data: itxt(deflateSync('{"c":3}'), true) }, ...tail])
  t.match(readBakedPng(compressed), { text: '{"c":3}', violations: [/compression MUST NOT be used/] })
  t.throws(() => readBakedPng(Buffer.concat([png.subarray(0, 20), encodeChunk('IEND', Buffer.alloc(0))])), { code: 'OBP_OB3_INVALID_PNG' })
})

t.test('SVG: one <openbadges:credential> in the OB namespace, JSON in CDATA or a JWS in verify', async t => {
  t.same(readBakedSvg(bakeSvg(svg, { a: 1 })), { text: '{"a":1}', violations: [] })
  t.same(readBakedSvg(bakeSvg(svg, JWS)), { text: JWS, violations: [] })
  t.same(readBakedSvg(fixture('simple-json.svg').toString('utf8')).violations, [], 'the 1EdTech fixture')
  t.same(readBakedSvg(svg), { violations: [] }, 'nothing baked')
  const baked = bakeSvg(svg, { a: 1 })
  t.match(readBakedSvg(baked.replace('</svg>', '<openbadges:credential><![CDATA[{}]]></openbadges:credential></svg>')).violations, [/2 <openbadges:credential> elements/])
  t.match(readBakedSvg(baked.replace(' xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"', '')).violations, [/not declared/])
  t.match(readBakedSvg(baked.replace(/<!\[CDATA\[(.*)\]\]>/, '$1')).violations, [/MUST be wrapped in <!\[CDATA/])
  t.match(readBakedSvg(bakeSvg(svg, JWS).replace(JWS, 'not a jws')), { text: 'not a jws', violations: [/verify attribute MUST be a compact JWS/] })
  t.match(readBakedSvg(baked.replace('<svg', '<!-- <openbadges:credential>x</openbadges:credential> --><svg')).violations, [], 'a commented-out element does not count')
})
