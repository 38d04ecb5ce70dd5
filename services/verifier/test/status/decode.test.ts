import { gzipSync } from 'node:zlib'
import t from 'tap'
import { decodeEncodedList, statusAt } from '../../src/status/decode.js'

t.test('index 0 is the most significant bit of the first byte (Bitstring Status List v1.0 §3.2)', async t => {
  const bits = Buffer.from([0b1000_0000, 0b0000_0001])
  t.equal(statusAt(bits, 0), 1)
  t.equal(statusAt(bits, 1), 0)
  t.equal(statusAt(bits, 15), 1)
  t.equal(statusAt(bits, 14), 0)
  t.equal(statusAt(Buffer.from([0b0110_0000]), 0, 2), 0b01, 'statusSize 2 reads two bits, most significant first')
  t.equal(statusAt(Buffer.from([0b0110_0000]), 1, 2), 0b10)
  t.throws(() => statusAt(bits, 16), { code: 'OBP_STATUS_INDEX_OUT_OF_RANGE' }, 'an index past the list throws (callers check the range first)')
})

t.test('decoding: multibase prefix, GZIP, and caps before and after inflating', async t => {
  const raw = Buffer.alloc(16_384)
  raw[1] = 0x40
  const encoded = 'u' + gzipSync(raw).toString('base64url')
  const bits = await decodeEncodedList(encoded, { maxBytes: 1 << 20 }, true)
  t.equal(bits.length, 16_384)
  t.equal(statusAt(bits, 9), 1)
  await t.rejects(decodeEncodedList(encoded.slice(1), { maxBytes: 1 << 20 }, true), { code: 'OBP_VERIFIER_STATUS_LIST', message: /prefix "u"/ })
  t.equal((await decodeEncodedList(encoded.slice(1), { maxBytes: 1 << 20 }, false)).length, 16_384, 'StatusList2021 has no prefix')
  await t.rejects(decodeEncodedList(encoded, { maxBytes: 8192 }, true), { message: /inflates to more than 8192 bytes/ })
  await t.rejects(decodeEncodedList('u' + 'A'.repeat(4000), { maxBytes: 1 << 20, maxCompressedBytes: 1024 }, true), { message: /over 1024 bytes compressed/ })
  await t.rejects(decodeEncodedList('uAAAA', { maxBytes: 1 << 20 }, true), { message: /not GZIP/ })
  await t.rejects(decodeEncodedList('u!!', { maxBytes: 1 << 20 }, true), { message: /not base64url/ })
})
