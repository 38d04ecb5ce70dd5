import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyServerOptions, RouteOptions } from 'fastify'
import { MongoClient } from 'mongodb'
import { Fastify, loadConfig, loadSecrets } from '@obp/service-kit'
import app from '../src/app.js'
import { VerifierConfig } from '../src/config.js'
import type { DepsOverrides } from '../src/create-deps.js'

type T = { teardown: (fn: () => unknown) => void }

/** A verifier app on real stores, with its own database; torn down with the test (STYLE.md §12). */
export async function build (t: T, env: Record<string, string> = {}, overrides: DepsOverrides = {}, logger: FastifyServerOptions['logger'] = false) {
  const dataDir = mkdtempSync(join(tmpdir(), 'obp-verifier-'))
  // its own rate-limit namespace (the queue prefix); no load shedding on a shared test machine (protection.test.ts in service-kit covers it)
  const config = loadConfig(VerifierConfig, { ...process.env, OBP_DATA_DIR: dataDir, LOG_LEVEL: 'silent', OBP_QUEUE_PREFIX: 'test-' + randomUUID().slice(0, 8), LOAD_SHED_EVENT_LOOP_DELAY_MS: '0', ...env })
  const secrets = loadSecrets(config)
  const dbName = 'test_' + randomUUID().slice(0, 8)
  const mongoClient = new MongoClient(config.MONGODB_URL, { serverSelectionTimeoutMS: 3000 })
  await mongoClient.connect()
  const fastify = Fastify({ logger })
  const routes: RouteOptions[] = []
  fastify.addHook('onRoute', route => { routes.push(route) })
  await fastify.register(app, { config, secrets, mongoClient, dbName, overrides })
  await fastify.ready()
  t.teardown(async () => {
    await fastify.close()
    await mongoClient.db(dbName).dropDatabase().catch(() => {})
    await mongoClient.close()
  })
  return { app: fastify, config, secrets, db: mongoClient.db(dbName), routes }
}
