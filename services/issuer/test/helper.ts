import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MongoClient } from 'mongodb'
import type { FastifyInstance, RouteOptions } from 'fastify'
import { Fastify, loadConfig, loadSecrets } from '@obp/service-kit'
import { createDocumentLoader } from '@obp/documents'
import { verifyCredential } from '@obp/signing'
import { validateOb3Credential } from '@obp/ob3'
import app, { type AppOptions } from '../src/app.js'
import { IssuerConfig } from '../src/config.js'

type T = { teardown: (fn: () => unknown) => void }

/** A issuer app on real stores, with its own database and queues; torn down with the test (STYLE.md §12). */
export async function build (t: T, env: Record<string, string> = {}, extra: Pick<AppOptions, 'mailer'> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'obp-issuer-'))
  const queuePrefix = 'test-' + randomUUID().slice(0, 8)
  // no load shedding on a shared test machine (protection.test.ts in service-kit covers it)
  const config = loadConfig(IssuerConfig, { ...process.env, OBP_DATA_DIR: dataDir, LOG_LEVEL: 'silent', OBP_QUEUE_PREFIX: queuePrefix, LOAD_SHED_EVENT_LOOP_DELAY_MS: '0', ...env })
  const secrets = loadSecrets(config)
  const dbName = 'test_' + randomUUID().slice(0, 8)
  const mongoClient = new MongoClient(config.MONGODB_URL, { serverSelectionTimeoutMS: 3000, monitorCommands: true })
  await mongoClient.connect()
  const fastify = Fastify({ logger: false, pluginTimeout: 60_000, routerOptions: { maxParamLength: 4096 } })
  const routes: RouteOptions[] = []
  fastify.addHook('onRoute', route => { routes.push(route) })
  await fastify.register(app, { config, secrets, mongoClient, dbName, ...extra })
  await fastify.ready()
  t.teardown(async () => {
    await fastify.close()
    await mongoClient.db(dbName).dropDatabase().catch(() => {})
    await mongoClient.close()
  })
  return { app: fastify, config, secrets, db: mongoClient.db(dbName), dbName, dataDir, queuePrefix, routes, mongoClient }
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

export interface TestIssuer { id: string; did: string; apiKey: string; profile: Record<string, unknown> }

export async function createIssuer (app: FastifyInstance, adminToken: string, body: Record<string, unknown> = {}): Promise<TestIssuer> {
  const res = await app.inject({ method: 'POST', url: '/issuers', headers: bearer(adminToken), payload: { name: 'Test University', url: 'https://university.example', ...body } })
  if (res.statusCode !== 201) throw new Error(`create issuer: ${res.statusCode} ${res.body}`)
  return res.json()
}

export async function createAchievement (app: FastifyInstance, issuer: TestIssuer, body: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await app.inject({
    method: 'POST', url: `/issuers/${issuer.id}/achievements`, headers: bearer(issuer.apiKey),
    payload: { name: 'Data Literacy', description: 'Reads and questions data.', criteria: { narrative: 'Pass the final project.' }, ...body }
  })
  if (res.statusCode !== 201) throw new Error(`create achievement: ${res.statusCode} ${res.body}`)
  return res.json()
}

/** The offline loader (did:key) plus the given DID documents (did:web in tests), served as a resolver would. */
export function loaderWith (didDocuments: Record<string, unknown> = {}) {
  return createDocumentLoader({
    resolver: {
      async resolve (url: string) {
        const doc = didDocuments[url.split('#')[0]]
        if (doc === undefined) throw new Error(`no document for ${url}`)
        return doc
      }
    }
  })
}

/** Both checks every issued credential must pass: the official OB 3.0 schema and the proof. */
export async function checkIssued (credential: unknown, documents: Record<string, unknown> = {}): Promise<{ schema: boolean; proof: boolean; detail: string }> {
  const schema = validateOb3Credential(credential)
  const proof = await verifyCredential({ credential: credential as object, documentLoader: loaderWith(documents) })
  return { schema: schema.valid, proof: proof.verified, detail: JSON.stringify({ schema: schema.errors, proof: proof.error }) }
}
