// Every response says `X-Content-Type-Options: nosniff` (a browser never guesses HTML or script out of an upload),
// and every HTML page and image carries a Content-Security-Policy with `frame-ancestors 'none'` (no page of the
// platform can be framed for clickjacking, /docs included). A route's own policy is kept and completed; a page or
// image without one gets a default that runs no script.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'

const DEFAULTS = {
  // /docs (Swagger UI) loads its own scripts and styles from this origin
  html: "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  // an SVG opened on its own is a document: no script, no fetches
  image: "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
}

export function completePolicy (policy: string): string {
  return /(^|;)\s*frame-ancestors\s/i.test(policy) ? policy : `${policy.replace(/;\s*$/, '')}; frame-ancestors 'none'`
}

async function securityHeaders (app: FastifyInstance): Promise<void> {
  // a callback hook (no promise per response): every response passes here
  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.header('x-content-type-options', 'nosniff')
    const type = String(reply.getHeader('content-type') ?? '')
    const kind = /^text\/html/i.test(type) ? 'html' : /^image\//i.test(type) ? 'image' : undefined
    if (kind !== undefined) {
      const own = reply.getHeader('content-security-policy')
      reply.header('content-security-policy', own === undefined ? DEFAULTS[kind] : completePolicy(String(own)))
      if (reply.getHeader('x-frame-options') === undefined) reply.header('x-frame-options', 'DENY')
    }
    done(null, payload)
  })
}

export default fp(securityHeaders, { name: 'obp-security-headers' })
