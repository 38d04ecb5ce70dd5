import { readFileSync } from 'node:fs'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import closeWithGrace from 'close-with-grace'
import { randomUUID } from 'node:crypto'
import type { CommonConfig } from './config.js'

/** Logger, request ids, limits and TLS shared by every service's server.ts. */
export function serverOptions (config: CommonConfig): FastifyServerOptions & { https?: { cert: Buffer; key: Buffer } | null } {
  const https = config.TLS_CERT_FILE && config.TLS_KEY_FILE
    ? { cert: readFileSync(config.TLS_CERT_FILE), key: readFileSync(config.TLS_KEY_FILE) }
    : null
  return {
    logger: {
      level: config.LOG_LEVEL,
      // Keys and tokens never reach the logs.
      redact: { paths: ['req.headers.authorization', '*.privateKey', '*.secretKey', '*.sealed', '*.token', '*.apiKey'], censor: '[redacted]' }
    },
    genReqId: (req) => (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].length <= 128 ? req.headers['x-request-id'] : randomUUID()),
    requestIdHeader: false,
    bodyLimit: config.BODY_LIMIT_BYTES,
    connectionTimeout: 30_000,
    requestTimeout: 60_000,
    pluginTimeout: 30_000,
    ...(https ? { https } : {})
  }
}

/** Listens, and closes gracefully on SIGINT/SIGTERM: in-flight requests finish, then connections and queues close. */
export async function listen (app: FastifyInstance, config: CommonConfig, port: number): Promise<void> {
  closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
    if (err) app.log.error({ err }, 'closing after an error')
    else app.log.info({ signal }, 'closing')
    await app.close()
  })
  await app.listen({ host: config.HOST, port })
}

export { Fastify }
