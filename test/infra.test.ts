// scripts/infra.sh is idempotent, prints the store URLs, and leaves given URLs alone.
import t from 'tap'
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MongoClient } from 'mongodb'
import { freePort } from './support/platform.js'

const script = fileURLToPath(new URL('../scripts/infra.sh', import.meta.url))
const run = (arg: string, env: Record<string, string | undefined> = {}) => {
  const { REDIS_URL: _r, MONGODB_URL: _m, ...rest } = process.env
  return execFileSync('bash', [script, arg], { env: { ...rest, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

t.test('up twice gives the same URLs and starts nothing twice', async t => {
  const first = run('up')
  t.match(first, /^REDIS_URL=redis:\/\/127\.0\.0\.1:\d+$/m)
  t.match(first, /^MONGODB_URL=mongodb:\/\/127\.0\.0\.1:\d+$/m)
  const second = run('up')
  t.equal(second, first)
  const status = run('status')
  t.match(status, /redis: up/)
  t.match(status, /mongodb: up/)
})

t.test('given URLs are used as they are', async t => {
  const out = run('up', { REDIS_URL: 'redis://redis.example:6380', MONGODB_URL: 'mongodb://db.example:27018/obp' })
  t.match(out, /^REDIS_URL=redis:\/\/redis\.example:6380$/m)
  t.match(out, /^MONGODB_URL=mongodb:\/\/db\.example:27018\/obp$/m)
})

t.test('no PostgreSQL answering: a private cluster under the data directory backs FerretDB, and down stops it', async t => {
  const [pgPort, ferretPort] = await Promise.all([freePort(), freePort()])
  const data = mkdtempSync(join(tmpdir(), 'obp-infra-'))
  chmodSync(data, 0o755) // the private cluster runs as the postgres user when the tests run as root
  const env = {
    OBP_DATA_DIR: data,
    OBP_POSTGRES_PORT: String(pgPort),
    FERRETDB_PORT: String(ferretPort),
    FERRETDB_BIN: run('ferretdb-bin').trim(),
    REDIS_URL: 'redis://127.0.0.1:6379'
  }
  t.teardown(() => { try { run('down', env) } catch { /* already down */ } rmSync(data, { recursive: true, force: true }) })
  const out = run('up', env)
  t.match(out, new RegExp(`^MONGODB_URL=mongodb://127\\.0\\.0\\.1:${ferretPort}$`, 'm'))
  t.ok(existsSync(join(data, 'postgres', 'PG_VERSION')), 'the cluster lives under the data directory')
  t.equal(execFileSync('psql', ['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'postgres', '-tAc', "select count(*) from pg_database where datname = 'ferretdb'"], { encoding: 'utf8' }).trim(), '1', 'FerretDB has its database in it')

  const client = await MongoClient.connect(`mongodb://127.0.0.1:${ferretPort}/infra_test`)
  try {
    await client.db().collection('probe').insertOne({ _id: 'x' as unknown as never, n: 1 })
    t.same(await client.db().collection('probe').findOne({}), { _id: 'x', n: 1 }, 'the wire server stores through it')
  } finally { await client.close() }
  const schemas = execFileSync('psql', ['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'postgres', '-d', 'ferretdb', '-tAc', "select schema_name from information_schema.schemata where schema_name = 'infra_test'"], { encoding: 'utf8' }).trim()
  t.equal(schemas, 'infra_test', 'the documents are in PostgreSQL (not the SQLite backend)')

  run('down', env)
  t.notOk(existsSync(join(data, 'postgres', 'postmaster.pid')), 'down stopped the private PostgreSQL')
})
