import t from 'tap'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { CommonConfig, loadConfig, loadSecrets } from '../src/index.js'

const dir = () => mkdtempSync(join(tmpdir(), 'obp-config-'))

t.test('a bad setting stops start-up with a message naming the variable', async t => {
  t.throws(() => loadConfig(CommonConfig, { MONGODB_URL: 'http://nope' }), /MONGODB_URL/)
  t.throws(() => loadConfig(CommonConfig, { OBP_MODE: 'staging' }), /OBP_MODE/)
  t.throws(() => loadConfig(CommonConfig, { LOG_LEVEL: 'loud' }), /LOG_LEVEL/)
  const ok = loadConfig(CommonConfig, {})
  t.equal(ok.OBP_MODE, 'development')
  t.equal(ok.REDIS_URL, 'redis://127.0.0.1:6379')
})

t.test('development: secrets are generated once and shared through the data directory', async t => {
  const d = dir()
  const a = loadSecrets(loadConfig(CommonConfig, { OBP_DATA_DIR: d }))
  const b = loadSecrets(loadConfig(CommonConfig, { OBP_DATA_DIR: d }))
  t.equal(a.adminToken, b.adminToken)
  t.ok(a.kek.equals(b.kek))
  t.equal(a.kek.length, 32)
  t.equal(readFileSync(join(d, 'admin-token'), 'utf8').trim(), a.adminToken)
})

t.test('production refuses missing or development secrets', async t => {
  const d = dir()
  const strong = randomBytes(32).toString('base64url')
  const kek = randomBytes(32).toString('base64')
  const prod = (env: Record<string, string>) => loadSecrets(loadConfig(CommonConfig, { OBP_MODE: 'production', OBP_DATA_DIR: d, ...env }))
  t.throws(() => prod({ KEY_ENCRYPTION_KEY: kek }), /ADMIN_TOKEN .*required/)
  t.throws(() => prod({ ADMIN_TOKEN: strong }), /KEY_ENCRYPTION_KEY .*required/)
  t.throws(() => prod({ ADMIN_TOKEN: 'change-me-change-me-change-me-change-me', KEY_ENCRYPTION_KEY: kek }), /development value/)
  t.throws(() => prod({ ADMIN_TOKEN: strong, KEY_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64') }), /development key/)
  t.throws(() => prod({ ADMIN_TOKEN: strong, KEY_ENCRYPTION_KEY: 'c2hvcnQ=' }), /32 bytes/)
  // the key a development run generated is refused in production
  loadSecrets(loadConfig(CommonConfig, { OBP_DATA_DIR: d }))
  t.throws(() => prod({ ADMIN_TOKEN: strong, KEY_ENCRYPTION_KEY_FILE: join(d, 'kek') }), /development key/)
  const file = join(d, 'prod-kek')
  writeFileSync(file, kek)
  const s = prod({ ADMIN_TOKEN: strong, KEY_ENCRYPTION_KEY_FILE: file })
  t.equal(s.adminToken, strong)
  t.match(s.kekId, /^kek-[0-9a-f]{8}$/)
})
