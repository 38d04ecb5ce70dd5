import t from 'tap'
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

function mongoUrl (dbName: string): string {
  const u = new URL(process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:27017')
  u.pathname = `/${dbName}`
  return u.toString()
}

const entry = fileURLToPath(new URL('../src/worker.ts', import.meta.url))

t.test('the worker entry starts, answers its health probe, and exits cleanly on SIGTERM', async t => {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: {
      ...process.env,
      OBP_DATA_DIR: mkdtempSync(join(tmpdir(), 'obp-revocation-worker-')),
      MONGODB_URL: mongoUrl(`test_${randomUUID().slice(0, 8)}`),
      OBP_QUEUE_PREFIX: 'test-' + randomUUID().slice(0, 8),
      WORKER_HEALTH_PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info'
    },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  t.teardown(() => { if (child.exitCode === null) child.kill('SIGKILL') })
  let out = ''
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const m = /"healthPort":(\d+)/.exec(out)
      if (m) resolve(Number(m[1]))
    })
    child.once('exit', code => reject(new Error(`worker exited with ${code}: ${out}`)))
  })
  const ready = await fetch(`http://127.0.0.1:${port}/health/ready`)
  t.equal(ready.status, 200)
  t.same(((await ready.json()) as { checks: unknown }).checks, { mongodb: 'ok', redis: 'ok' })
  const exited = new Promise<number | null>(resolve => child.once('exit', resolve))
  child.kill('SIGTERM')
  t.equal(await exited, 0, 'graceful exit')
})
