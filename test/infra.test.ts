// scripts/infra.sh is idempotent, prints the store URLs, and leaves given URLs alone.
import t from 'tap'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

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
