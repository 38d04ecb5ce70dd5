import type { FastifyInstance } from 'fastify'
import type { MongoClient } from 'mongodb'
import type { Redis } from 'ioredis'
import { registerPlatform, type Secrets } from '@obp/service-kit'
import type { IssuerConfig } from './config.js'

export interface AppOptions {
  config: IssuerConfig
  secrets: Secrets
  /** injected stores (tests) */
  mongoClient?: MongoClient
  dbName?: string
  redis?: Redis
}

/** The issuer service as one plugin (STYLE.md §3): platform plugins first, then this service's own, then routes. */
export default async function app (fastify: FastifyInstance, opts: AppOptions): Promise<void> {
  await registerPlatform(fastify, {
    service: 'issuer',
    config: opts.config,
    secrets: opts.secrets,
    mongoClient: opts.mongoClient,
    dbName: opts.dbName,
    redis: opts.redis,
    docs: { title: 'Issuer service', description: 'Issuers, achievements, awards (single and batch), VC-API issue, hosted and baked credentials, endorsements', publicUrl: opts.config.ISSUER_PUBLIC_URL }
  })
}
