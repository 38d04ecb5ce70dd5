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
})

t.test('decoding: multibase prefix, GZIP, and caps before and after inflating', async t => {
  const raw = Buffer.alloc(16_384)
  raw[1] = 0x40
  const encoded = 'u' + gzipSync(raw).toString('base64url')
  const bits = decodeEncodedList(encoded, { maxBytes: 1 << 20 }, true)
  t.equal(bits.length, 16_384)
  t.equal(statusAt(bits, 9), 1)
  t.throws(() => decodeEncodedList(encoded.slice(1), { maxBytes: 1 << 20 }, true), { code: 'OBP_VERIFIER_STATUS_LIST', message: /prefix "u"/ })
  t.equal(decodeEncodedList(encoded.slice(1), { maxBytes: 1 << 20 }, false).length, 16_384, 'StatusList2021 has no prefix')
  t.throws(() => decodeEncodedList(encoded, { maxBytes: 8192 }, true), { message: /inflates to more than 8192 bytes/ })
  t.throws(() => decodeEncodedList('u' + 'A'.repeat(4000), { maxBytes: 1 << 20, maxCompressedBytes: 1024 }, true), { message: /over 1024 bytes compressed/ })
  t.throws(() => decodeEncodedList('uAAAA', { maxBytes: 1 << 20 }, true), { message: /not GZIP/ })
  t.throws(() => decodeEncodedList('u!!', { maxBytes: 1 << 20 }, true), { message: /not base64url/ })
})
