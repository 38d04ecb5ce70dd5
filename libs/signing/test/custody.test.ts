import t from 'tap'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLocalCustody, loadKek, kekFingerprint } from '../src/index.js'

const jwk = { kty: 'OKP', crv: 'Ed25519', x: 'AAAA', d: 'c2VjcmV0LXNjYWxhcg' }

t.test('seal/open round trip, ciphertext hides the key', async t => {
  const kek = randomBytes(32)
  const custody = createLocalCustody({ kek })
  const sealed = await custody.seal(jwk)
  t.equal(sealed.alg, 'A256GCM')
  t.equal(sealed.kekId, kekFingerprint(kek))
  t.notOk(JSON.stringify(sealed).includes(jwk.d), 'private scalar not in clear')
  t.same(await custody.open(sealed), jwk)
  const again = await custody.seal(jwk)
  t.not(again.iv, sealed.iv, 'fresh IV per seal')
})

t.test('tampering, wrong KEK and relabelling fail with codes', async t => {
  const custody = createLocalCustody({ kek: randomBytes(32), kekId: 'k1' })
  const sealed = await custody.seal(jwk)
  const flipped = Buffer.from(sealed.ciphertext, 'base64url'); flipped[0] ^= 1
  await t.rejects(custody.open({ ...sealed, ciphertext: flipped.toString('base64url') }), { code: 'OBP_SIGNING_UNSEAL_FAILED' })
  const other = createLocalCustody({ kek: randomBytes(32), kekId: 'k1' })
  await t.rejects(other.open(sealed), { code: 'OBP_SIGNING_UNSEAL_FAILED' })
  await t.rejects(other.open({ ...sealed, kekId: 'k2' }), { code: 'OBP_SIGNING_KEK_MISMATCH' })
})

t.test('KEK rotation: previous KEKs still open old keys', async t => {
  const oldKek = randomBytes(32)
  const sealed = await createLocalCustody({ kek: oldKek, kekId: 'old' }).seal(jwk)
  const rotated = createLocalCustody({ kek: randomBytes(32), kekId: 'new', previous: [{ kek: oldKek, kekId: 'old' }] })
  t.same(await rotated.open(sealed), jwk)
  t.equal((await rotated.seal(jwk)).kekId, 'new')
})

t.test('loadKek reads base64, hex and files; rejects bad lengths', async t => {
  const kek = randomBytes(32)
  t.same(loadKek({ value: kek.toString('base64') }), kek)
  t.same(loadKek({ value: kek.toString('hex') }), kek)
  t.same(loadKek({ value: kek.toString('base64url') }), kek)
  const dir = mkdtempSync(join(tmpdir(), 'obp-kek-'))
  writeFileSync(join(dir, 'kek'), kek.toString('base64') + '\n')
  t.same(loadKek({ file: join(dir, 'kek') }), kek)
  t.throws(() => loadKek({ value: randomBytes(16).toString('base64') }), { code: 'OBP_SIGNING_BAD_KEK' })
  t.throws(() => loadKek({ file: join(dir, 'missing') }), { code: 'OBP_SIGNING_BAD_KEK' })
  t.throws(() => createLocalCustody({ kek: randomBytes(31) }), { code: 'OBP_SIGNING_BAD_KEK' })
})
