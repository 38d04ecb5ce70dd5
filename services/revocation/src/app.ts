import type { FastifyInstance } from 'fastify'
import type { MongoClient } from 'mongodb'
import type { Redis } from 'ioredis'
import { registerPlatform, type Secrets } from '@obp/service-kit'
import type { RevocationConfig } from './config.js'

export interface AppOptions {
  config: RevocationConfig
  secrets: Secrets
  /** injected stores (tests) */
  mongoClient?: MongoClient
  dbName?: string
  redis?: Redis
}

/** The revocation service as one plugin (STYLE.md §3): platform plugins first, then this service's own, then routes. */
export default async function app (fastify: FastifyInstance, opts: AppOptions): Promise<void> {
  await registerPlatform(fastify, {
    service: 'revocation',
    config: opts.config,
    secrets: opts.secrets,
    mongoClient: opts.mongoClient,
    dbName: opts.dbName,
    redis: opts.redis,
    docs: { title: 'Revocation service', description: 'Bitstring Status Lists: allocation, revocation and signed lists for wallets', publicUrl: opts.config.REVOCATION_PUBLIC_URL }
  })
}
