// The one test kit (imported as `@obp/service-kit/testing`, never by runtime code): a database per test, a Redis
// of the test's own, free ports, and the app builder every service's test/helper.ts is a few lines over. Real
// stores only (MONGODB_URL: FerretDB locally and in CI, MongoDB elsewhere; REDIS_URL), torn down with the test.
import { randomUUID } from 'node:crypto'
import { spawn, type ChildProcess } from 'node:child_process'
import { connect, createServer } from 'node:net'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TObject, Static } from '@sinclair/typebox'
import { MongoClient, type Db } from 'mongodb'
import type { FastifyInstance, FastifyServerOptions, RouteOptions } from 'fastify'
import { loadConfig, loadSecrets, type CommonConfig, type Secrets } from './config.js'
import { Fastify } from './server.js'

type T = { teardown: (fn: () => unknown) => void }

export const TEST_MONGODB_URL = process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:27017'
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

/**
 * Drops the collections of a test database, not the database: FerretDB's SQLite backend can crash (SIGBUS) when a
 * busy database file is deleted under other connections.
 */
async function dropCollections (client: MongoClient, dbName: string): Promise<void> {
  for (const c of await client.db(dbName).collections().catch(() => [])) await c.drop().catch(() => {})
}

/** A database of the test's own on the real MongoDB wire server, emptied after the test (STYLE.md §12). */
export async function testDb (t: T, prefix = 'test', opts: { monitorCommands?: boolean } = {}): Promise<{ client: MongoClient; db: Db; dbName: string }> {
  const client = new MongoClient(TEST_MONGODB_URL, { serverSelectionTimeoutMS: 3000, monitorCommands: opts.monitorCommands === true })
  await client.connect()
  const dbName = `${prefix}_${randomUUID().slice(0, 8)}`
  t.teardown(async () => { await dropCollections(client, dbName); await client.close() })
  return { client, db: client.db(dbName), dbName }
}

/** A port nobody listens on now (the platform may be running on 3001-3003). */
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

/** A store process of the test's own on its own port, so that the test may kill and restart it (never a shared one). */
export interface OwnStore { url: string; port: number; start: () => Promise<void>; stop: (signal?: NodeJS.Signals) => Promise<void> }

const tcpOpen = async (port: number): Promise<boolean> => await new Promise(resolve => {
  const s = connect(port, '127.0.0.1')
  s.once('connect', () => { s.destroy(); resolve(true) })
  s.once('error', () => resolve(false))
})

/** `cmd args` as a store on `port`: `start()` (again after a stop) waits until the port answers; killed with the test. */
export function ownProcess (t: T, cmd: string, args: string[], port: number, url: string): OwnStore {
  let child: ChildProcess | undefined
  const stop = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
    const c = child
    if (!c || c.exitCode !== null || c.signalCode) return
    const exited = new Promise(resolve => c.once('exit', resolve))
    c.kill(signal)
    await exited
  }
  const start = async (): Promise<void> => {
    child = spawn(cmd, args, { stdio: 'ignore' })
    const end = Date.now() + 30_000
    while (!await tcpOpen(port)) {
      if (Date.now() > end) throw new Error(`${cmd} did not answer on ${port}`)
      await new Promise(resolve => setTimeout(resolve, 100))
    }
  }
  t.teardown(async () => await stop())
  return { url, port, start, stop }
}

/**
 * A redis-server of the test's own on a free port (never the shared one), started, stopped with the test.
 * `persistent`: append-only with fsync always, so that a restart keeps the queues, as production Redis does.
 */
export async function ownRedis (t: T, opts: { args?: string[]; persistent?: boolean } = {}): Promise<OwnStore> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'obp-redis-'))
  const durability = opts.persistent ? ['--appendonly', 'yes', '--appendfsync', 'always', '--maxmemory-policy', 'noeviction'] : ['--appendonly', 'no']
  const store = ownProcess(t, 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir, ...durability, ...(opts.args ?? [])], port, `redis://127.0.0.1:${port}`)
  await store.start()
  return store
}

/** What a service's app plugin is given in a test: its config and secrets, and a database and queues of its own. */
export interface TestAppStores<C> { config: C; secrets: Secrets; mongoClient: MongoClient; dbName: string; queuePrefix: string }

export interface TestAppOptions<S extends TObject> {
  /** the service's name: its data directory's prefix */
  service: string
  /** the service's config schema (loadConfig) */
  schema: S
  /** the test's own settings, over the kit's (silent logs, own data dir and queue prefix, no load shedding) */
  env?: Record<string, string>
  fastify?: FastifyServerOptions
  /** driver command monitoring, for hot-path tests that watch the filters sent (watchFilters) */
  monitorCommands?: boolean
  /** registers the service's app plugin */
  register: (app: FastifyInstance, stores: TestAppStores<Static<S>>) => Promise<unknown>
}

/**
 * A service's app on real stores, with its own database, data directory and queue prefix (also its rate-limit
 * namespace), ready, and closed with the test. `routes` are every route the app registered (onRoute).
 */
export async function buildTestApp<S extends TObject> (t: T, opts: TestAppOptions<S>) {
  const dataDir = mkdtempSync(join(tmpdir(), `obp-${opts.service}-`))
  const queuePrefix = 'test-' + randomUUID().slice(0, 8)
  // no load shedding on a shared test machine (protection.test.ts in service-kit covers it)
  const config = loadConfig(opts.schema, { ...process.env, OBP_DATA_DIR: dataDir, LOG_LEVEL: 'silent', OBP_QUEUE_PREFIX: queuePrefix, LOAD_SHED_EVENT_LOOP_DELAY_MS: '0', ...opts.env })
  const secrets = loadSecrets(config as unknown as CommonConfig)
  const dbName = 'test_' + randomUUID().slice(0, 8)
  const mongoClient = new MongoClient((config as unknown as CommonConfig).MONGODB_URL, { serverSelectionTimeoutMS: 3000, monitorCommands: opts.monitorCommands ?? false })
  await mongoClient.connect()
  const app = Fastify({ logger: false, ...opts.fastify })
  const routes: RouteOptions[] = []
  app.addHook('onRoute', route => { routes.push(route) })
  await opts.register(app, { config, secrets, mongoClient, dbName, queuePrefix })
  await app.ready()
  t.teardown(async () => {
    await app.close()
    await dropCollections(mongoClient, dbName)
    await mongoClient.close()
  })
  return { app, config, secrets, db: mongoClient.db(dbName), dbName, dataDir, queuePrefix, routes, mongoClient }
}
