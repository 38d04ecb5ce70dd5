import type { FastifyInstance } from 'fastify'
import type { Db } from 'mongodb'
import { buildTestApp } from '@obp/service-kit/testing'
import { createDocumentLoader } from '@obp/documents'
import { verifyCredential } from '@obp/signing'
import { validateOb3Credential } from '@obp/ob3'
import { sweepReservedEntries } from '@obp/status'
import app, { type AppOptions } from '../src/app.js'
import { IssuerConfig } from '../src/config.js'

type T = { teardown: (fn: () => unknown) => void }

/** An issuer app on real stores, with its own database and queues; torn down with the test (the service-kit test kit). */
export async function build (t: T, env: Record<string, string> = {}, extra: Pick<AppOptions, 'mailer'> = {}) {
  return buildTestApp(t, {
    service: 'issuer',
    schema: IssuerConfig,
    env,
    monitorCommands: true,
    fastify: { pluginTimeout: 60_000, routerOptions: { maxParamLength: 4096 } },
    register: async (fastify, { config, secrets, mongoClient, dbName }) => await fastify.register(app, { config, secrets, mongoClient, dbName, ...extra })
  })
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

/** Polls `read` every 50 ms until `done` holds of its value, or 10 s have passed: the last value read. */
export async function until<V> (read: () => Promise<V> | V, done: (value: V) => boolean): Promise<V> {
  for (let i = 0; ; i++) {
    const value = await read()
    if (done(value) || i >= 200) return value
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

/**
 * Status entries once the sweeper has settled them with no grace period (a single award's entry is bound with its
 * group by the revocation service's sweeper, libs/status sweeper.ts, once the grace period is over).
 */
export async function sweptEntries (db: Db): Promise<Array<Record<string, any>>> {
  await sweepReservedEntries({ db, olderThanMs: -1000 })
  return await db.collection('status_entries').find({}).toArray()
}

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
