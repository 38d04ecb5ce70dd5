import { readFileSync } from 'node:fs'
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify'
import closeWithGrace from 'close-with-grace'
import { randomUUID } from 'node:crypto'
import type { CommonConfig } from './config.js'

/**
 * One access line per request, once it is answered, saying what Fastify's "incoming request" and "request completed"
 * lines say together (method, url, host, remote address, status, time). Logging is synchronous, so each line is a
 * write to the log's file descriptor (the two lines took about 3.5% of the issuer API's busy thread under load,
 * profiled; issue 20). Error lines (5xx, a failed reply) are Fastify's own.
 */
export class AccessLog extends LogController {
  override incomingRequest (): void {}

  override requestCompleted (error: Error | null, request: FastifyRequest, reply: FastifyReply, metadata?: Record<string, unknown>): void {
    if (error || this.isLogDisabled(request)) return super.requestCompleted(error, request, reply, metadata)
    reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed')
  }
}

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
    logController: new AccessLog(),
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
