// Issue 19: the issuer console. Its API (accounts, sessions, members) and its static files, plus the
// /revocation/ proxy through which the console (same origin, session cookie) reaches the revocation service.
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { RouteNotFound } from '@obp/service-kit'
import fastifyRateLimit from '@fastify/rate-limit'
import fastifyHttpProxy from '@fastify/http-proxy'
import type { IssuerConfig } from '../config.js'
import { createMailer, type Mailer } from '../mail/mailer.js'
import { createAccounts } from './accounts.js'
import { ensureOperator } from './bootstrap.js'
import sessionRoutes from './routes-session.js'
import memberRoutes from './routes-members.js'
import { consoleStatic, defaultConsoleDist } from './static.js'

const PROXIED = /^\/revocation\/(issuers\/[^/?]+\/credentials\/[^?]+|credentials\/status)(\?|$)/

export interface ConsoleOptions { config: IssuerConfig; mailer?: Mailer }

export async function consoleRoutes (app: FastifyInstance, opts: ConsoleOptions): Promise<void> {
  const { config } = opts
  const accounts = createAccounts(app.mongo.db, app.consoleSessions)
  const mailer = opts.mailer ?? createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, outboxDir: join(config.OBP_DATA_DIR, 'outbox') })
  const secureCookie = config.ISSUER_PUBLIC_URL.startsWith('https:')
  try {
    await accounts.ensureIndexes()
    if (await ensureOperator(accounts, { email: config.CONSOLE_OPERATOR_EMAIL, dataDir: config.OBP_DATA_DIR })) {
      app.log.info({ file: join(config.OBP_DATA_DIR, 'console-owner') }, 'created the network operator\'s console account')
    }
  } catch (err) {
    app.log.warn({ err: (err as Error).message }, 'could not prepare console accounts yet')
  }
  // limits only the routes that opt in (sign-in, invitations, resets), counted in Redis across processes
  await app.register(fastifyRateLimit, { global: false, redis: app.redis, skipOnError: true, nameSpace: `${config.OBP_QUEUE_PREFIX}-console-rl-` })
  await app.register(sessionRoutes, { accounts, secureCookie })
  await app.register(memberRoutes, { accounts, mailer, secureCookie })
  // the proxy's routes are the revocation service's own calls, documented in its /docs: hidden here
  app.addHook('onRoute', route => { if (route.url.startsWith('/revocation')) route.schema = { ...route.schema, hide: true } })
  await app.register(fastifyHttpProxy, {
    upstream: config.REVOCATION_INTERNAL_URL ?? config.REVOCATION_PUBLIC_URL,
    prefix: '/revocation',
    rewritePrefix: '',
    // only the calls the console makes (revoke, restore, status history), not the service's metrics or docs
    preHandler: async (request) => {
      if (!PROXIED.test(request.url)) throw new RouteNotFound(request.method, request.url.split('?')[0]) // not a call the console makes
    }
  })
  await app.register(consoleStatic, { root: config.CONSOLE_DIST_DIR ?? defaultConsoleDist() })
}
