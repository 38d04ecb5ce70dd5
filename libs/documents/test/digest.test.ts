// Resource digests (VCDM 2.0 §5.3): checked against what the platform holds offline, including the digests W3C
// publishes for its own files, which a package's copy of the same context may not reproduce byte for byte.
import t from 'tap'
import { createHash } from 'node:crypto'
import { checkDigest, parseDigest } from '../src/digest.js'

const V2 = 'https://www.w3.org/ns/credentials/v2'
// VCDM 2.0 §B.1: "the hexadecimal encoded SHA2-256 digest value of the base context file"
const SPEC_SHA256 = '24a18c90e9856d526111f29376e302d970b2bd10182e33959995b0207d7043b9'

t.test('the VCDM 2.0 base context matches the SHA-256 the specification publishes, in every digest form', async t => {
  const raw = Buffer.from(SPEC_SHA256, 'hex')
  t.equal(checkDigest(V2, 'digestSRI', `sha256-${raw.toString('base64')}`), 'match', 'digestSRI')
  t.equal(checkDigest(V2, 'digestMultibase', 'u' + Buffer.concat([Buffer.from([0x12, 0x20]), raw]).toString('base64url')), 'match', 'multihash, base64url')
  // the W3C VCDM 2.0 test suite's relatedResource fixture: a bare digest, no multihash header
  t.equal(checkDigest(V2, 'digestMultibase', 'uJKGMkOmFbVJhEfKTduMC2XCyvRAYLjOVmZWwIH1wQ7k'), 'match', 'bare SHA-256, base64url')
  t.equal(checkDigest('https://www.w3.org/2018/credentials/v1', 'digestSRI', `sha256-${raw.toString('base64')}`), 'mismatch', 'only for the resource it was published for')
})

t.test('a bare digest is read by its length; anything else is malformed', async t => {
  for (const [alg, length] of [['sha256', 32], ['sha384', 48], ['sha512', 64]] as const) {
    const digest = createHash(alg).update('x').digest()
    t.equal(digest.length, length)
    t.same(parseDigest('digestMultibase', 'u' + digest.toString('base64url')), { alg, digest }, alg)
  }
  t.equal(parseDigest('digestMultibase', 'u' + Buffer.alloc(31).toString('base64url')), undefined, '31 bytes is no digest')
  t.equal(parseDigest('digestMultibase', 'x' + Buffer.alloc(32).toString('base64url')), undefined, 'unknown multibase prefix')
  t.equal(parseDigest('digestSRI', 'md5-AAAA'), undefined, 'SRI allows sha256/384/512 only')
})

t.test('a wrong digest of a bundled context is a mismatch; a resource the platform does not hold is unknown', async t => {
  t.equal(checkDigest(V2, 'digestSRI', `sha384-${createHash('sha384').update('other').digest('base64')}`), 'mismatch')
  t.equal(checkDigest(V2, 'digestMultibase', 'u' + createHash('sha256').update('other').digest('base64url')), 'mismatch')
  t.equal(checkDigest('https://resource.example/x', 'digestSRI', `sha256-${createHash('sha256').update('x').digest('base64')}`), 'unknown-resource')
})
