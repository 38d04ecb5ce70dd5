import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { loadConfig } from '@obp/service-kit'
import { IssuerConfig } from '../src/config.js'
import { loadLookupKey, normaliseLookup, recipientHash } from '../src/records/lookup-key.js'

const kek = Buffer.alloc(32, 7)

t.test('identities are normalised before hashing: addresses lower-cased, DIDs and sourcedIds kept as given', async t => {
  t.equal(normaliseLookup('  Ada@Uni.Example '), 'ada@uni.example')
  t.equal(normaliseLookup('did:web:Uni.example:Ada'), 'did:web:Uni.example:Ada')
  t.equal(normaliseLookup(' SIS-42 '), 'SIS-42')
  const key = Buffer.alloc(32, 1)
  t.equal(recipientHash(key, 'ADA@uni.example'), recipientHash(key, 'ada@uni.example'))
  t.not(recipientHash(key, 'ada@uni.example'), recipientHash(Buffer.alloc(32, 2), 'ada@uni.example'), 'keyed: another key, another hash')
  t.match(recipientHash(key, 'x'), /^[0-9a-f]{32}$/)
})

t.test('the look-up key: given, generated once in development, derived from the KEK in production', async t => {
  const dir = mkdtempSync(join(tmpdir(), 'obp-lookup-'))
  const dev = loadConfig(IssuerConfig, { OBP_DATA_DIR: dir })
  const first = loadLookupKey(dev, { kek })
  t.same(loadLookupKey(dev, { kek }), first, 'the generated key is kept')
  t.equal(Buffer.from(readFileSync(join(dir, 'recipient-lookup-key'), 'utf8').trim(), 'base64').length, 32)
  const prod = loadConfig(IssuerConfig, { OBP_MODE: 'production', OBP_DATA_DIR: dir })
  const derived = loadLookupKey(prod, { kek })
  t.equal(derived.length, 32)
  t.same(loadLookupKey(prod, { kek }), derived, 'deterministic')
  t.notSame(derived, kek, 'not the KEK itself')
  const given = loadLookupKey(loadConfig(IssuerConfig, { RECIPIENT_LOOKUP_KEY: 'ab'.repeat(32) }), { kek })
  t.same(given, Buffer.alloc(32, 0xab))
  t.throws(() => loadLookupKey(loadConfig(IssuerConfig, { RECIPIENT_LOOKUP_KEY: 'c2hvcnQ=' }), { kek }), /at least 32 bytes/)
})
