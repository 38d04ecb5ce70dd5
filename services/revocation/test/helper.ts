import { randomUUID } from 'node:crypto'
import type { Db } from 'mongodb'
import { createWorkerRedis, type Scope, type Secrets } from '@obp/service-kit'
import { buildTestApp } from '@obp/service-kit/testing'
import { createLocalCustody, generateKey } from '@obp/signing'
import { createIssuerStore } from '@obp/issuers'
import { createStatusAllocator } from '@obp/status'
import type { Worker } from 'bullmq'
import fp from 'fastify-plugin'
import app from '../src/app.js'
import { RevocationConfig } from '../src/config.js'
import { createPublishWorker } from '../src/publish-worker.js'

type T = { teardown: (fn: () => unknown) => void }

/** A revocation app on real stores, with its own database and queues; torn down with the test (the service-kit test kit). */
export async function build (t: T, env: Record<string, string> = {}) {
  return buildTestApp(t, {
    service: 'revocation',
    schema: RevocationConfig,
    env: { STATUS_PUBLISH_DELAY_MS: '100', ...env },
    monitorCommands: true,
    // fp: the app's decorations (apiKeys, status) are visible to the test
    register: async (fastify, { config, secrets, mongoClient, dbName, queuePrefix }) => await fastify.register(fp(app), { config, secrets, mongoClient, dbName, queuePrefix })
  })
}

/** An issuer with a did:key signing key (as the issuer service creates it) and an API key with `scopes`. */
export async function createIssuer (ctx: { app: Awaited<ReturnType<typeof build>>['app']; db: Db; secrets: Secrets }, scopes: Scope[] = ['revoke']) {
  const store = createIssuerStore(ctx.db)
  const key = await generateKey({ custody: createLocalCustody({ kek: ctx.secrets.kek, kekId: ctx.secrets.kekId }) })
  const issuerId = randomUUID()
  await store.create({ _id: issuerId, did: key.controller, didMethod: 'key', profile: { id: key.controller, type: ['Profile'], name: 'Test issuer' } }, key)
  const { token, key: apiKey } = await ctx.app.apiKeys.create(issuerId, scopes)
  return { issuerId, did: key.controller, token, keyId: apiKey.id, auth: { authorization: `Bearer ${token}` } }
}

/** Entries for `count` credentials of the issuer, as the issuer service allocates them (library calls). */
export async function issueEntries (db: Db, config: RevocationConfig, issuerId: string, count: number) {
  const allocator = createStatusAllocator({ db, revocationPublicUrl: config.REVOCATION_PUBLIC_URL })
  const ids = Array.from({ length: count }, () => `${config.ISSUER_PUBLIC_URL}/credentials/${randomUUID()}`)
  const statuses = count === 1
    ? [await allocator.allocate({ issuerId, credentialId: ids[0] })]
    : await allocator.allocateMany({ issuerId, credentialIds: ids })
  await allocator.flushCounts()
  return statuses.map((s, i) => ({ credentialId: ids[i], index: Number(s.statusListIndex), listUrl: s.statusListCredential }))
}

/** The publish worker of this test's queues, in-process, closed with the test. */
export function startWorker (t: T, ctx: { app: Awaited<ReturnType<typeof build>>['app']; config: RevocationConfig; queuePrefix: string }): Worker {
  const connection = createWorkerRedis(ctx.config.REDIS_URL)
  const worker = createPublishWorker({ connection, publisher: ctx.app.status.publisher, prefix: ctx.queuePrefix })
  t.teardown(async () => {
    await worker.close()
    connection.disconnect()
  })
  return worker
}

export const listIdOf = (url: string): string => url.slice(url.lastIndexOf('/') + 1)
