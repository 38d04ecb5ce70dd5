// CORS, one rule for every service: anonymous calls (public reads, verification) may come from any origin, so that
// browser wallets and verifiers elsewhere can use them; calls that carry credentials (an Authorization header or a
// cookie, or a preflight announcing one) are allowed only from the configured origins: the platform's own public
// URLs (console, /docs "Try it out") and CORS_ORIGINS. The /docs UI calls its own origin (a relative server URL), so
// "Try it out" works whether it was opened as localhost or 127.0.0.1.
import fp from 'fastify-plugin'
import cors, { type FastifyCorsOptions } from '@fastify/cors'
import type { FastifyInstance, FastifyRequest } from 'fastify'

export interface CorsPluginOptions { origins: string[] }

const CREDENTIAL_HEADERS = /(^|,)\s*(authorization|cookie|x-csrf-token)\s*(,|$)/i

/** The configured origins of the platform (each public URL's origin) plus the comma-separated CORS_ORIGINS. */
export function allowedOrigins (config: { ISSUER_PUBLIC_URL: string; VERIFIER_PUBLIC_URL: string; REVOCATION_PUBLIC_URL: string; CORS_ORIGINS?: string }): string[] {
  const listed = (config.CORS_ORIGINS ?? '').split(',').map(s => s.trim()).filter(Boolean)
  return [...new Set([config.ISSUER_PUBLIC_URL, config.VERIFIER_PUBLIC_URL, config.REVOCATION_PUBLIC_URL, ...listed].map(u => new URL(u).origin))]
}

function carriesCredentials (request: FastifyRequest): boolean {
  if (request.headers.authorization !== undefined || request.headers.cookie !== undefined) return true
  const asked = request.headers['access-control-request-headers']
  return request.method === 'OPTIONS' && typeof asked === 'string' && CREDENTIAL_HEADERS.test(asked)
}

async function corsPlugin (app: FastifyInstance, opts: CorsPluginOptions): Promise<void> {
  const allowed = new Set(opts.origins)
  await app.register(cors, {
    hook: 'onRequest',
    delegator: (request, callback) => {
      const options: FastifyCorsOptions = carriesCredentials(request)
        ? { origin: (origin, cb) => cb(null, origin !== undefined && allowed.has(origin) ? origin : false), credentials: true, exposedHeaders: ['ETag', 'Location'], maxAge: 600 }
        : { origin: '*', exposedHeaders: ['ETag', 'Location'], maxAge: 600 }
      callback(null, options)
    }
  })
}

export default fp(corsPlugin, { name: 'obp-cors' })
