// One worker runtime (STYLE.md §3): a worker process's whole life besides its jobs. It validates the settings,
// logs JSON lines with pino, connects MongoDB and Redis, serves /health and /metrics on the worker port, logs every
// BullMQ worker's failures and errors, and closes gracefully (close-with-grace: SIGTERM, SIGINT, an uncaught error)
// with a kill timer, so that a stuck close never outlives the orchestrator's grace period.
import closeWithGrace from 'close-with-grace'
import type { Db, MongoClient } from 'mongodb'
import type { Redis } from 'ioredis'
import { pino, type Logger } from 'pino'
import type { FastifyInstance } from 'fastify'
import type { Static, TObject } from '@sinclair/typebox'
import type { CommonConfig, Secrets } from './config.js'
import { loadOrExit } from './boot.js'
import { createMongoClient, databaseNameOf } from './mongo.js'
import { createWorkerRedis } from './redis.js'
import { startWorkerHealth } from './worker-health.js'

/** What a BullMQ worker (or anything with the same events) offers the runtime. */
export interface Closable {
  close: () => Promise<void>
  /** an EventEmitter's `on`, if any: 'error' and 'failed' are logged */
  on?: unknown
  name?: string
}
type Listen = (event: string, listener: (...args: never[]) => void) => unknown

export interface WorkerRuntime<C> {
  config: C
  secrets: Secrets
  log: Logger
  mongo: MongoClient
  db: Db
  /** for the process's own commands; each BullMQ worker gets its own connection from `connection()` */
  redis: Redis
  connection: () => Redis
  health: FastifyInstance
}

export interface RunWorkerOptions<T extends TObject> {
  service: string
  schema: T
  /** starts the jobs; returns what to close, in order, before the stores (workers first: they finish running jobs) */
  start: (rt: WorkerRuntime<Static<T>>) => Promise<{ workers: Closable[]; close?: () => Promise<void>; ready?: Record<string, unknown> }>
  /** the kill timer: a close that takes longer ends the process with exit code 1 (default 20 s) */
  closeTimeoutMs?: number
}

export async function runWorker<T extends TObject> (opts: RunWorkerOptions<T>): Promise<void> {
  const { config, secrets } = loadOrExit(opts.schema)
  const common = config as CommonConfig & { WORKER_HEALTH_PORT: number }
  const log = pino({ name: opts.service, level: common.LOG_LEVEL })
  const mongo = createMongoClient(common.MONGODB_URL)
  const db = mongo.db(databaseNameOf(common.MONGODB_URL))
  const connections: Redis[] = []
  const connection = (): Redis => { const r = createWorkerRedis(common.REDIS_URL); connections.push(r); return r }
  const redis = connection()
  const health = await startWorkerHealth({ service: opts.service, db, redis, host: common.HOST, port: common.WORKER_HEALTH_PORT })
  const started = await opts.start({ config, secrets, log, mongo, db, redis, connection, health })
  for (const w of started.workers) {
    if (typeof w.on !== 'function') continue
    const on = (w.on as Listen).bind(w)
    on('error', (err: Error) => log.error({ err, worker: w.name }, 'worker error'))
    on('failed', (job: { id?: string; attemptsMade?: number } | undefined, err: Error) =>
      log.warn({ worker: w.name, jobId: job?.id, attemptsMade: job?.attemptsMade, err: err.message }, 'job failed'))
  }
  const address = health.server.address()
  log.info({ healthPort: typeof address === 'object' && address ? address.port : common.WORKER_HEALTH_PORT, ...started.ready }, 'worker ready')

  closeWithGrace({ delay: opts.closeTimeoutMs ?? 20_000, logger: log }, async ({ err, signal }) => {
    if (err) log.error({ err }, 'closing after an uncaught error')
    else log.info({ signal }, 'closing')
    await Promise.allSettled(started.workers.map(w => w.close())) // BullMQ waits for the running jobs
    await started.close?.()
    await Promise.allSettled([health.close()])
    for (const r of connections) r.disconnect()
    await mongo.close()
  })
}
