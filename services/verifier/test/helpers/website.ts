// Issuers' websites for the trust tests: an https server with the test certificate (fixtures/tls), reached as
// https://public.test:<port> through a guarded fetcher whose test hooks resolve public.test to 127.0.0.2 and
// allow that address. Everything else in the fetcher (https only, redirects, size cap) is the production code.
import { readFileSync } from 'node:fs'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { createGuardedFetcher, isPublicAddress } from '@obp/documents'
import { didConfiguration, issueDomainLinkageJwt } from '@obp/signing'
import type { Handler } from './http-server.js'
import type { TestIssuer } from './issuer.js'

const TLS = new URL('../fixtures/tls/', import.meta.url)
const CA = readFileSync(new URL('test-server.crt', TLS))
const KEY = readFileSync(new URL('test-server.key', TLS))

export interface Website { origin: string; routes: Map<string, Handler>; requests: string[] }

export async function startWebsite (t: { teardown: (fn: () => unknown) => void }): Promise<Website> {
  const routes = new Map<string, Handler>()
  const requests: string[] = []
  const server = https.createServer({ key: KEY, cert: CA }, (req, res) => {
    requests.push(req.url ?? '')
    const handler = routes.get(req.url ?? '')
    if (handler !== undefined) return handler(req, res)
    res.statusCode = 404
    res.end()
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.2', resolve))
  t.teardown(() => new Promise<void>(resolve => { server.closeAllConnections(); server.close(() => resolve()) }))
  return { origin: `https://public.test:${(server.address() as AddressInfo).port}`, routes, requests }
}

/** The production fetcher, with public.test standing for a public host; `trusted` are the platform's origins. */
export function websiteFetcher (trusted: string[]) {
  return createGuardedFetcher({
    trustedOrigins: trusted,
    maxBytes: 1024 * 1024,
    unsafeTestHooks: { isAllowedAddress: a => a === '127.0.0.2' || isPublicAddress(a), resolveHost: async () => ['127.0.0.2'], ca: CA }
  })
}

/** A did-configuration.json document in which `signer` links `did` to `origin`. */
export async function linkage (signer: TestIssuer, did: string, origin: string, validUntil = new Date(Date.now() + 86_400_000)): Promise<object> {
  const jwt = await issueDomainLinkageJwt({ did, origin, signer: signer.signer, key: signer.key, validFrom: new Date(Date.now() - 60_000), validUntil })
  return didConfiguration([jwt])
}
