// Recipient identity hashing and matching (OB 3.0 §B.1.15 IdentityObject).
import { createHash } from 'node:crypto'
import t from 'tap'
import { hashIdentity, matchesIdentity, newSalt, normalizeIdentity, type IdentityObject } from '../src/index.js'

const id = (over: Partial<IdentityObject>): IdentityObject =>
  ({ type: 'IdentityObject', hashed: true, identityType: 'emailAddress', identityHash: '', ...over })

t.test('hashIdentity: the spec example', async (t) => {
  // OB 3.0 IdentityHash: 'a@example.com' salted with 'Kosher'.
  t.equal(hashIdentity('a@example.com', 'Kosher'), 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399')
  t.equal(hashIdentity('é', ''), 'sha256$' + createHash('sha256').update(Buffer.from('é', 'utf8')).digest('hex'), 'UTF-8')
  t.throws(() => hashIdentity(undefined as never, 's'), { code: 'OBP_OB3_INVALID_ARGUMENT' })
})

t.test('newSalt is random hex', async (t) => {
  const a = newSalt()
  t.match(a, /^[0-9a-f]{32}$/)
  t.not(a, newSalt())
})

t.test('normalizeIdentity: emails trimmed and lower-cased, others trimmed', async (t) => {
  t.equal(normalizeIdentity('emailAddress', ' A@Example.COM '), 'a@example.com')
  t.equal(normalizeIdentity('sourcedId', ' Stu-1 '), 'Stu-1')
})

t.test('matchesIdentity: hashed emails, case-insensitively', async (t) => {
  const salt = 'pepper'
  const obj = id({ identityHash: hashIdentity('jane@example.com', salt), salt })
  t.ok(matchesIdentity(obj, 'jane@example.com'))
  t.ok(matchesIdentity(obj, '  JANE@Example.com\n'))
  t.notOk(matchesIdentity(obj, 'jane@example.org'))
  t.notOk(matchesIdentity({ ...obj, salt: 'other' }, 'jane@example.com'), 'the salt matters')
  t.ok(matchesIdentity({ ...obj, identityHash: obj.identityHash.toUpperCase().replace('SHA256', 'sha256') }, 'jane@example.com'), 'hex case ignored')
  const mixed = id({ identityHash: hashIdentity('Jane@Example.com', salt), salt })
  t.ok(matchesIdentity(mixed, 'Jane@Example.com'), 'an issuer that did not normalise still matches the exact value')
})

t.test('matchesIdentity: md5, unsalted, plaintext', async (t) => {
  const md5 = 'md5$' + createHash('md5').update('a@example.comsalt').digest('hex')
  t.ok(matchesIdentity(id({ identityHash: md5, salt: 'salt' }), 'a@example.com'))
  t.ok(matchesIdentity(id({ identityHash: hashIdentity('a@example.com', '') }), 'a@example.com'), 'no salt: unsalted')
  t.ok(matchesIdentity(id({ hashed: false, identityHash: 'A@example.com' }), 'a@EXAMPLE.com'))
  t.ok(matchesIdentity(id({ hashed: false, identityType: 'sourcedId', identityHash: 'S-1' }), 'S-1'))
  t.notOk(matchesIdentity(id({ hashed: false, identityType: 'sourcedId', identityHash: 'S-1' }), 's-1'))
})

t.test('matchesIdentity: malformed objects never match and never throw', async (t) => {
  for (const identityHash of ['', 'sha256$', 'sha1$abcd', 'sha256$zz', 'constructor$00', '__proto__$00', 'nodollar']) {
    t.equal(matchesIdentity(id({ identityHash }), 'a@example.com'), false, identityHash)
  }
  t.equal(matchesIdentity(null as never, 'x'), false)
  t.equal(matchesIdentity(id({ identityHash: hashIdentity('x', '') }), 42 as never), false)
  t.equal(matchesIdentity(id({ identityHash: 'sha256$' + '00'.repeat(16) }), 'x'), false, 'wrong length')
})
