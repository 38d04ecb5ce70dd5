// The console's built files (Vite, services/console/dist) at /console/, under a strict Content-Security-Policy:
// scripts and styles only from this origin (no inline script), API calls only to this origin.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import fastifyStatic from '@fastify/static'

export const CONSOLE_CSP = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:", "connect-src 'self'",
  "font-src 'self'", "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'"
].join('; ')

/** dist of the console workspace, from services/issuer/{src,dist}/console/ */
export const defaultConsoleDist = (): string => fileURLToPath(new URL('../../../console/dist/', import.meta.url))

export async function consoleStatic (app: FastifyInstance, opts: { root: string }): Promise<void> {
  if (!existsSync(opts.root)) {
    app.log.warn({ root: opts.root }, 'console not built (npm run build -w services/console): /console/ answers 404')
    return
  }
  await app.register(fastifyStatic, {
    root: opts.root,
    prefix: '/console/',
    redirect: true,
    decorateReply: false,
    setHeaders (res, path) {
      res.setHeader('content-security-policy', CONSOLE_CSP)
      res.setHeader('x-content-type-options', 'nosniff')
      res.setHeader('referrer-policy', 'no-referrer')
      // hashed asset names never change; index.html must be revalidated to pick up a new build
      res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
    }
  })
}
