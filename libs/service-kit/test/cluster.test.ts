import t from 'tap'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const fixture = fileURLToPath(new URL('./fixtures/clustered-server.ts', import.meta.url))

/** Resolves when `pred` holds for the output so far (bounded: a broken cluster fails the test, it does not hang). */
function waitFor (out: () => string, pred: (s: string) => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const tick = setInterval(() => {
      if (pred(out())) { clearInterval(tick); resolve() } else if (Date.now() - started > 120_000) { clearInterval(tick); reject(new Error(`never saw ${what}: ${out()}`)) }
    }, 50)
  })
}

const pidsOf = (s: string): string[] => [...s.matchAll(/^listening \d+ (\d+)$/gm)].map(m => m[1])

t.test('runClustered: every process serves the shared port, a lost one is replaced, SIGTERM closes them all', async t => {
  const child = spawn(process.execPath, [...process.execArgv, fixture], { env: { ...process.env, PROCESSES: '2' }, stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (c: Buffer) => { out += c.toString() })
  t.teardown(() => { child.kill('SIGKILL') })
  await waitFor(() => out, s => s.includes('every process listening') && pidsOf(s).length === 2, 'two processes listening')
  const port = /^listening (\d+) /m.exec(out)![1]
  const first = pidsOf(out)
  t.equal(new Set(first).size, 2, 'two worker processes')
  t.notOk(first.includes(String(child.pid)), 'the primary only hands out connections')

  const answers = async (n: number): Promise<Set<string>> => {
    const seen = new Set<string>()
    for (let i = 0; i < n; i++) seen.add(await (await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' } })).text())
    return seen
  }
  t.same([...await answers(10)].sort(), [...first].sort(), 'connections are spread over both')

  process.kill(Number(first[0]), 'SIGKILL')
  await waitFor(() => out, s => pidsOf(s).length === 3, 'a replacement')
  const now = pidsOf(out).filter(p => p !== first[0])
  t.same([...await answers(10)].sort(), [...now].sort(), 'the replacement serves; the lost process is gone')

  const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)))
  child.kill('SIGTERM')
  t.equal(await exited, 0, 'the primary exits once its workers have closed')
  for (const pid of now) t.throws(() => process.kill(Number(pid), 0), 'worker gone')
})

t.test('runClustered: a process failing while starting stops the whole server (exit 1), as a single process would', async t => {
  const child = spawn(process.execPath, [...process.execArgv, fixture], { env: { ...process.env, PROCESSES: '2', FAIL_AT_START: '1' }, stdio: ['ignore', 'pipe', 'inherit'] })
  t.teardown(() => { child.kill('SIGKILL') })
  const code = await new Promise<number | null>(resolve => child.once('exit', c => resolve(c)))
  t.equal(code, 1)
})
