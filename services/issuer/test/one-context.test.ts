// One of each per process: the issuer service builds its status allocator, signer cache, issuer store and document
// loader once (src/context.ts); the network module, the endorsement reader and the live-status reader use those.
// Two allocators in one process each keep their own "slots I took" memory, and a second signer cache imports every
// key twice; this test keeps a second copy from creeping back.
import t from 'tap'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createWorkerRedis } from '@obp/service-kit'
import { build } from './helper.js'
import { createIssuerContext } from '../src/context.js'

const src = fileURLToPath(new URL('../src/', import.meta.url))
const files = (dir: string): string[] => readdirSync(dir).flatMap(n => statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : [])

// the only places allowed to build one: the context, and standalone defaults used when nothing is injected
const ALLOWED: Record<string, string[]> = {
  createStatusAllocator: ['context.ts', 'network/accepted.ts', 'hosted/live-status.ts'],
  createIssuerSigners: ['context.ts'],
  createIssuerStore: ['context.ts'],
  createDocumentLoader: ['context.ts']
}

t.test('the service builds its allocator, signer cache, issuer store and loader in one place', async t => {
  for (const file of files(src)) {
    const text = readFileSync(file, 'utf8')
    const name = relative(src, file)
    for (const [factory, allowed] of Object.entries(ALLOWED)) {
      if (new RegExp(`\\b${factory}\\(`).test(text)) t.ok(allowed.includes(name), `${factory} is called in ${name}`)
    }
  }
})

t.test('the live-status reader reads through the context\'s own allocator', async t => {
  const { config, secrets, db } = await build(t)
  const redis = createWorkerRedis(config.REDIS_URL)
  const ctx = createIssuerContext({ config, secrets, db, redis })
  // the queues finish connecting before they close (a bare disconnect would cut their first commands)
  t.teardown(async () => { await Promise.all(Object.values(ctx.queues).map(q => q.waitUntilReady())); await ctx.close(); redis.disconnect() })
  const asked: string[] = []
  const original = ctx.status.entryOf.bind(ctx.status)
  ctx.status.entryOf = async (credentialId: string) => { asked.push(credentialId); return await original(credentialId) }
  t.match(await ctx.liveStatus.statusOf({ id: 'urn:uuid:6f1c2d4e-0000-4000-8000-000000000001' }), { state: 'valid' })
  t.same(asked, ['urn:uuid:6f1c2d4e-0000-4000-8000-000000000001'], 'the same allocator object, not a second one')
})
