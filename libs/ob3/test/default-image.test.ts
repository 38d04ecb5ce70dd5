// The generated default badge image: a valid PNG and SVG, deterministic, honouring the colour.
import { inflateSync } from 'node:zlib'
import t from 'tap'
import { bakePng, bakeSvg, defaultBadgeImage, unbakePng, unbakeSvg } from '../src/index.js'
import { initials } from '../src/default-image.js'
import { readChunks } from '../src/png.js'

/** RGBA of pixel (x, y) of an 8-bit RGBA, filter-0 PNG such as the generator writes. */
function pixel (png: Buffer, x: number, y: number): number[] {
  const chunks = readChunks(png)
  const width = chunks[0].data.readUInt32BE(0)
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)))
  const row = y * (width * 4 + 1)
  if (raw[row] !== 0) throw new Error('expected filter type None')
  return [...raw.subarray(row + 1 + x * 4, row + 1 + x * 4 + 4)]
}

t.test('initials', async (t) => {
  t.equal(initials('Data Science Fundamentals'), 'DS')
  t.equal(initials('teamwork'), 'T')
  t.equal(initials('  élan-vital '), 'ÉV')
  t.equal(initials('Python 3 — advanced'), 'P3')
  t.equal(initials('!!!'), '')
})

t.test('PNG: 256x256 RGBA, the colour inside, transparent outside, ink in the initials', async (t) => {
  const { png } = defaultBadgeImage({ name: 'Teamwork', color: '#1E5AA8' })
  const ihdr = readChunks(png)[0].data
  t.strictSame([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]], [256, 256, 8, 6])
  t.strictSame(pixel(png, 0, 0), [0, 0, 0, 0], 'corner transparent')
  t.strictSame(pixel(png, 128, 20), [0x1e, 0x5a, 0xa8, 255], 'disc in the given colour')
  // The "T" glyph's stem runs down the middle: white ink at the centre.
  t.strictSame(pixel(png, 128, 128), [255, 255, 255, 255], 'initial drawn')
  t.ok(png.length < 20_000, `small (${png.length} bytes)`)
})

t.test('deterministic per name; light colours get dark ink', async (t) => {
  t.ok(defaultBadgeImage({ name: 'A' }).png.equals(defaultBadgeImage({ name: 'A' }).png))
  t.equal(defaultBadgeImage({ name: 'A' }).svg, defaultBadgeImage({ name: 'A' }).svg)
  const light = defaultBadgeImage({ name: 'Teamwork', color: '#ffee88' })
  t.strictSame(pixel(light.png, 128, 128).slice(0, 3), [17, 24, 39])
  t.match(light.svg, 'fill="#111827"')
})

t.test('SVG: escaped name, initials, bakeable', async (t) => {
  const { svg, png } = defaultBadgeImage({ name: 'R&D <Lab> "One"' })
  t.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
  t.match(svg, 'aria-label="R&amp;D &lt;Lab&gt; &quot;One&quot;"')
  t.match(svg, />RL<\/text>/)
  t.notMatch(svg, /<Lab>/)
  t.equal(unbakeSvg(bakeSvg(svg, { a: 1 })), '{"a":1}')
  t.equal(unbakePng(bakePng(png, { a: 1 })), '{"a":1}')
})

t.test('bad options', async (t) => {
  t.throws(() => defaultBadgeImage({ name: '' }), { code: 'OBP_OB3_INVALID_ARGUMENT' })
  t.throws(() => defaultBadgeImage({ name: 'x', color: 'red' }), { code: 'OBP_OB3_INVALID_ARGUMENT' })
  t.throws(() => defaultBadgeImage(undefined as never), { code: 'OBP_OB3_INVALID_ARGUMENT' })
})

t.test('a drawn image is kept: the same name gives the same bytes, which baking never changes', async t => {
  const first = defaultBadgeImage({ name: 'Kept Picture' })
  const copy = Buffer.from(first.png)
  t.equal(defaultBadgeImage({ name: 'Kept Picture' }), first, 'drawn once')
  const baked = bakePng(first.png, { id: 'urn:uuid:6f1c2a8e-0d7b-4a53-9a63-2f1d0f4b7e11', type: ['VerifiableCredential'] })
  t.not(baked, first.png)
  t.ok(first.png.equals(copy), 'the kept PNG is untouched by baking')
  t.equal(unbakePng(first.png), undefined)
  t.not(defaultBadgeImage({ name: 'Kept Picture', color: '#112233' }), first, 'another colour is another picture')
  for (let i = 0; i < 300; i++) defaultBadgeImage({ name: `Filler ${i}` })
  t.not(defaultBadgeImage({ name: 'Kept Picture' }), first, 'a bounded set: old pictures are drawn again')
  t.ok(defaultBadgeImage({ name: 'Kept Picture' }).png.equals(copy), 'to the same bytes')
})
