import t from 'tap'
import { gzipSync } from 'node:zlib'
import { bitsFromIndices, createBitstring, decodeStatusList, encodeStatusList, getBit, indicesOf, setBit, MIN_LIST_SIZE } from '../src/index.js'

t.test('index 0 is the most significant bit of the first byte (Bitstring Encoding)', async t => {
  const bits = createBitstring(16)
  setBit(bits, 0)
  setBit(bits, 9)
  t.same([...bits], [0b1000_0000, 0b0100_0000])
  t.equal(getBit(bits, 0), true)
  t.equal(getBit(bits, 1), false)
  t.equal(getBit(bits, 9), true)
  setBit(bits, 0, false)
  t.equal(bits[0], 0)
  t.throws(() => getBit(bits, 16), { code: 'OBP_STATUS_INDEX_OUT_OF_RANGE' })
  t.throws(() => getBit(bits, -1), { code: 'OBP_STATUS_INDEX_OUT_OF_RANGE' })
})

t.test('encode then decode gives the same bits, with the multibase "u" prefix', async t => {
  const set = [0, 7, 8, 1000, 65_535, MIN_LIST_SIZE - 1]
  const bits = bitsFromIndices(MIN_LIST_SIZE, set)
  const encoded = await encodeStatusList(bits)
  t.match(encoded, /^uH4sI[A-Za-z0-9_-]+$/, 'u + base64url(GZIP), no padding')
  const decoded = await decodeStatusList(encoded, { maxBytes: MIN_LIST_SIZE / 8 })
  t.equal(decoded.length, MIN_LIST_SIZE / 8)
  t.same(indicesOf(decoded), set)
})

t.test('decodes the W3C specification example (an empty 16 KB list)', async t => {
  const example = 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA'
  const bits = await decodeStatusList(example, { maxBytes: 1 << 20 })
  t.equal(bits.length, 16_384)
  t.same(indicesOf(bits), [])
})

t.test('a zip bomb fails fast with a clear error', async t => {
  const bomb = 'u' + gzipSync(Buffer.alloc(64 * 1024 * 1024)).toString('base64url') // 64 MB of zeros, ~64 KB zipped
  const started = process.hrtime.bigint()
  await t.rejects(decodeStatusList(bomb, { maxBytes: 1024 * 1024 }), { code: 'OBP_STATUS_LIST_TOO_LARGE', message: /1048576 bytes/ })
  const small = 'u' + gzipSync(Buffer.alloc(2048)).toString('base64url')
  await t.rejects(decodeStatusList(small, { maxBytes: 1024 }), { code: 'OBP_STATUS_LIST_TOO_LARGE' })
  t.ok(process.hrtime.bigint() > started)
})

t.test('malformed lists are refused with a code', async t => {
  await t.rejects(decodeStatusList('', { maxBytes: 100 }), { code: 'OBP_STATUS_LIST_MALFORMED' })
  await t.rejects(decodeStatusList('u!!!', { maxBytes: 100 }), { code: 'OBP_STATUS_LIST_MALFORMED' })
  await t.rejects(decodeStatusList('u' + Buffer.from('not gzip').toString('base64url'), { maxBytes: 100 }), { code: 'OBP_STATUS_LIST_MALFORMED' })
  await t.rejects(decodeStatusList('uAAAA', {} as { maxBytes: number }), TypeError)
})

t.test('a list without the multibase prefix (StatusList2021 style) still decodes', async t => {
  const bits = bitsFromIndices(64, [3])
  const plain = (await encodeStatusList(bits)).slice(1)
  t.same(indicesOf(await decodeStatusList(plain, { maxBytes: 8 })), [3])
})
