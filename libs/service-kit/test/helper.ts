import { randomUUID } from 'node:crypto'
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MongoClient } from 'mongodb'

type T = { teardown: (fn: () => unknown) => void }
export const MONGODB_URL = process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:27017'
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

/** A unique database on the real MongoDB wire server, dropped after the test. */
export async function testDb (t: T) {
  const client = new MongoClient(MONGODB_URL, { serverSelectionTimeoutMS: 3000 })
  await client.connect()
  const db = client.db('test_kit_' + randomUUID().slice(0, 8))
  t.teardown(async () => { await db.dropDatabase().catch(() => {}); await client.close() })
  return { client, db }
}

export async function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
    s.on('error', reject)
  })
}

/** A redis-server of the test's own on a free port (never the shared one), stopped with the test. */
export async function ownRedis (t: T, args: string[] = []): Promise<{ url: string; port: number; proc: ChildProcess; stop: () => Promise<void> }> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'obp-redis-'))
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...args], { stdio: 'ignore' })
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode) return
    proc.kill('SIGKILL')
    await new Promise(resolve => proc.once('exit', resolve))
  }
  t.teardown(stop)
  const { Redis } = await import('ioredis')
  for (let i = 0; i < 50; i++) {
    const r = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
    r.on('error', () => {})
    try { await r.connect(); await r.ping(); r.disconnect(); break } catch { r.disconnect(); await new Promise(resolve => setTimeout(resolve, 100)) }
  }
  return { url: `redis://127.0.0.1:${port}`, port, proc, stop }
}
