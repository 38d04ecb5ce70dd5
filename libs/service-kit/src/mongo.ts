import fp from 'fastify-plugin'
import { MongoClient, type Db } from 'mongodb'
import type { FastifyInstance } from 'fastify'

declare module 'fastify' {
  interface FastifyInstance { mongo: { client: MongoClient; db: Db } }
}

export interface MongoPluginOptions {
  url?: string
  /** database name; default: the URL's path, else `obp` */
  dbName?: string
  /** an already connected client (tests); not closed by the plugin */
  client?: MongoClient
}

export function databaseNameOf (url: string): string {
  const path = new URL(url.replace(/^mongodb(\+srv)?:/, 'http:')).pathname.replace(/^\//, '')
  return path || 'obp'
}

/** A client that fails fast when the server is gone, so readiness and requests answer 503 quickly. */
export function createMongoClient (url: string): MongoClient {
  return new MongoClient(url, { serverSelectionTimeoutMS: 2000, connectTimeoutMS: 2000, maxPoolSize: 10 })
}

async function mongoPlugin (app: FastifyInstance, opts: MongoPluginOptions): Promise<void> {
  const owned = !opts.client
  const client = opts.client ?? createMongoClient(opts.url ?? 'mongodb://127.0.0.1:27017/obp')
  // Connecting lazily: a service starts even when Mongo is down, and /health/ready says so.
  if (owned) client.connect().catch(err => app.log.warn({ err: err.message }, 'MongoDB not reachable yet'))
  const db = client.db(opts.dbName ?? databaseNameOf(opts.url ?? 'mongodb://x/obp'))
  app.decorate('mongo', { client, db })
  if (owned) app.addHook('onClose', async () => { await client.close() })
}

export default fp(mongoPlugin, { name: 'obp-mongo' })
