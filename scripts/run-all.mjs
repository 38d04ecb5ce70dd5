// Runs every service and worker as its own process. Each one's log is kept whole as JSON lines in
// $OBP_DATA_DIR/logs/<process>.log (what production ships from stdout), and the terminal gets a readable, prefixed
// summary (pino-pretty). Ctrl-C (or SIGTERM) stops them all gracefully.
import { spawn } from 'node:child_process'
import { createWriteStream, existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const env = process.env
const port = (name, dflt) => env[name] ?? dflt
const procs = [
  { name: 'issuer', file: 'services/issuer/dist/server.js' },
  { name: 'issuer-worker', file: 'services/issuer/dist/worker.js', env: { WORKER_HEALTH_PORT: env.ISSUER_WORKER_HEALTH_PORT ?? '9464' } },
  { name: 'verifier', file: 'services/verifier/dist/server.js' },
  { name: 'revocation', file: 'services/revocation/dist/server.js' },
  { name: 'revocation-worker', file: 'services/revocation/dist/worker.js', env: { WORKER_HEALTH_PORT: env.REVOCATION_WORKER_HEALTH_PORT ?? '9465' } }
].filter(p => existsSync(join(root, p.file)))

const pretty = join(root, 'node_modules/.bin/pino-pretty')
const logDir = join(env.OBP_DATA_DIR ?? join(root, '.data'), 'logs')
mkdirSync(logDir, { recursive: true })
const children = []
let stopping = false
for (const p of procs) {
  const child = spawn(process.execPath, [join(root, p.file)], { cwd: root, env: { ...env, ...p.env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const fmt = spawn(pretty, ['--colorize', '--translateTime', 'SYS:HH:MM:ss', '--ignore', 'pid,hostname', '--messageFormat', `[${p.name}] {msg}`, '--singleLine'], { stdio: ['pipe', 'inherit', 'inherit'] })
  const file = createWriteStream(join(logDir, `${p.name}.log`), { flags: 'a' })
  child.stdout.pipe(fmt.stdin)
  child.stdout.pipe(file)
  child.stderr.pipe(file) // a crash's stack trace belongs beside the log lines that led to it
  child.stderr.on('data', d => process.stderr.write(`[${p.name}] ${d}`))
  child.on('exit', (code, signal) => {
    console.log(`[run] ${p.name} exited (${signal ?? code})`)
    if (!stopping) stop(1)
  })
  children.push(child)
}

const ISSUER = env.ISSUER_PUBLIC_URL ?? `http://localhost:${port('ISSUER_PORT', 3001)}`
const VERIFIER = env.VERIFIER_PUBLIC_URL ?? `http://localhost:${port('VERIFIER_PORT', 3002)}`
const REVOCATION = env.REVOCATION_PUBLIC_URL ?? `http://localhost:${port('REVOCATION_PORT', 3003)}`
console.log(`
  issuer      ${ISSUER}      (OpenAPI: ${ISSUER}/docs)
  verifier    ${VERIFIER}      (verification page: ${VERIFIER}/)
  revocation  ${REVOCATION}      (OpenAPI: ${REVOCATION}/docs)
  workers     issuer ${procs.find(p => p.name === 'issuer-worker')?.env.WORKER_HEALTH_PORT}, revocation ${procs.find(p => p.name === 'revocation-worker')?.env.WORKER_HEALTH_PORT} (health and /metrics)
  admin token ${env.ADMIN_TOKEN ? 'from ADMIN_TOKEN' : join(env.OBP_DATA_DIR ?? join(root, '.data'), 'admin-token')}
  logs        ${logDir}/<process>.log (JSON lines)
  stores      ${env.MONGODB_URL}  ${env.REDIS_URL}
  Ctrl-C stops everything.
`)

function stop (code = 0) {
  if (stopping) return
  stopping = true
  for (const c of children) c.kill('SIGTERM')
  const timer = setTimeout(() => { for (const c of children) c.kill('SIGKILL'); process.exit(code) }, 12_000)
  Promise.all(children.map(c => c.exitCode !== null ? null : new Promise(resolve => c.on('exit', resolve))))
    .then(() => { clearTimeout(timer); process.exit(code) })
}
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))
