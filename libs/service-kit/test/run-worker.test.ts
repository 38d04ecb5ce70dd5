// runWorker: the one worker runtime. Real processes, real Redis and MongoDB: JSON log lines, the health port, a
// graceful close on SIGTERM, the kill timer when a close hangs, and an uncaught error logged before the exit.
import t from 'tap'
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const fixture = fileURLToPath(new URL('./fixtures/run-worker.ts', import.meta.url))

async function start (env: Record<string, string>): Promise<{ lines: () => Array<Record<string, unknown>>; exited: Promise<number | null>; kill: (s: NodeJS.Signals) => void; ready: Promise<Record<string, unknown>> }> {
  const child = spawn(process.execPath, [...process.execArgv, fixture], {
    env: { ...process.env, OBP_DATA_DIR: mkdtempSync(join(tmpdir(), 'obp-worker-')), WORKER_HEALTH_PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  let out = ''
  const exited = new Promise<number | null>(resolve => child.once('exit', resolve))
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString()
      const line = parse(out).find(l => l.msg === 'worker ready')
      if (line) resolve(line)
    })
    void exited.then(code => reject(new Error(`exited ${code} before ready: ${out}`)))
  })
  t.teardown(() => { if (child.exitCode === null) child.kill('SIGKILL') })
  return { lines: () => parse(out), exited, kill: s => child.kill(s), ready }
}

const parse = (text: string): Array<Record<string, unknown>> => text.split('\n').filter(l => l.startsWith('{')).map(l => JSON.parse(l) as Record<string, unknown>)

t.test('ready with a health port, JSON lines, and a graceful close on SIGTERM', async t => {
  const w = await start({ CLOSE_MS: '100' })
  const ready = await w.ready
  t.match(ready, { name: 'fixture-worker', fixture: true, healthPort: Number })
  const live = await fetch(`http://127.0.0.1:${String(ready.healthPort)}/health/live`)
  t.equal(live.status, 200, 'the health probe answers')
  const metrics = await (await fetch(`http://127.0.0.1:${String(ready.healthPort)}/metrics`)).text()
  t.match(metrics, /process_cpu/, 'and the metrics')
  w.kill('SIGTERM')
  t.equal(await w.exited, 0, 'exit code 0')
  t.ok(w.lines().some(l => l.msg === 'closing' && l.signal === 'SIGTERM'), 'the close is logged')
  t.ok(w.lines().some(l => l.msg === 'runner closed'), 'the job runners were closed first')
})

t.test('a close that hangs is cut by the kill timer (exit code 1)', async t => {
  const w = await start({ CLOSE_MS: '60000' })
  await w.ready
  w.kill('SIGTERM')
  t.equal(await w.exited, 1)
  t.notOk(w.lines().some(l => l.msg === 'runner closed'), 'the runner never finished closing')
})

t.test('an uncaught error is logged with its stack, then the worker closes and exits 1', async t => {
  const w = await start({ THROW_AFTER_MS: '200' })
  await w.ready
  t.equal(await w.exited, 1)
  const line = w.lines().find(l => l.msg === 'closing after an uncaught error')
  t.match(line, { level: 50, err: { message: 'boom from a job', stack: /Error: boom/ } })
  t.ok(w.lines().some(l => l.msg === 'runner closed'), 'the runners were still closed')
})
