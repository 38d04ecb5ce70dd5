// `npm start` runs every service and worker (scripts/run-all.mjs after the shared set-up): all answer ready,
// and Ctrl-C stops everything it started.
import t from 'tap'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { MongoClient } from 'mongodb'
import { ROOT, freePort, waitFor, withDatabase } from './support/platform.js'

t.test('run-all starts three services and two workers, all ready; SIGINT stops them', async t => {
  const ports = { ISSUER_PORT: await freePort(), VERIFIER_PORT: await freePort(), REVOCATION_PORT: await freePort(), ISSUER_WORKER_HEALTH_PORT: await freePort(), REVOCATION_WORKER_HEALTH_PORT: await freePort() }
  const env = {
    ...process.env,
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    MONGODB_URL: withDatabase(process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:27017', 'start_' + randomUUID().slice(0, 8)),
    OBP_QUEUE_PREFIX: 'start' + randomUUID().slice(0, 8),
    OBP_DATA_DIR: mkdtempSync(join(tmpdir(), 'obp-start-')),
    LOG_LEVEL: 'info'
  }
  const child = spawn(process.execPath, [join(ROOT, 'scripts/run-all.mjs')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', d => { output += d })
  child.stderr.on('data', d => { output += d })
  const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)))
  t.teardown(async () => {
    if (child.exitCode === null) child.kill('SIGKILL')
    const client = new MongoClient(env.MONGODB_URL, { serverSelectionTimeoutMS: 2000 })
    await client.connect().then(() => client.db().dropDatabase()).catch(() => {}).finally(() => client.close())
  })

  for (const [name, port] of Object.entries(ports)) {
    await waitFor(`${name} ready`, async () => (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined))?.status === 200, 90_000, 250)
    t.pass(`${name} answers /health/ready 200`)
  }
  t.match(output, /admin token/, 'prints where the admin token is')
  for (const name of ['issuer', 'issuer-worker', 'verifier', 'revocation', 'revocation-worker']) {
    const file = join(env.OBP_DATA_DIR, 'logs', `${name}.log`)
    // the file also keeps the process's stderr (a crash's stack trace beside the log lines that led to it)
    const isPino = (line: string): boolean => { try { const j = JSON.parse(line) as { level?: unknown; msg?: unknown }; return typeof j.msg === 'string' } catch { return false } }
    const pino = await waitFor(`${name}'s JSON log`, async () => {
      const found = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(isPino) : []
      return found.length > 0 ? found : undefined
    })
    t.ok(pino.length > 0, `${name} logs JSON lines to .data/logs/${name}.log`)
  }
  child.kill('SIGINT')
  t.equal(await exited, 0, 'exits cleanly')
  for (const port of Object.values(ports)) {
    t.notOk(await fetch(`http://127.0.0.1:${port}/health/live`).catch(() => undefined), `nothing listens on ${port} any more`)
  }
})
