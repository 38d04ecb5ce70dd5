// The SSRF-guarded fetcher: https only, to public addresses only, checked on every hop, with a body cap,
// an overall deadline and at most a few redirects. Origins the platform itself serves may be trusted.
import { lookup as dnsLookup } from 'node:dns/promises'
import { ipLiteral, isPublicAddress } from './address-policy.js'
import {
  FetchFailedError, ForbiddenAddressError, HttpStatusError, InvalidJsonError, NotHttpsError, TimeoutError,
  TooManyRedirectsError
} from './errors.js'
import { requestOnce } from './http-once.js'

export interface FetchOptions { maxBytes?: number; accept?: string; headers?: Record<string, string> }
export interface FetchResult { status: number; body: Buffer; contentType?: string; headers: Record<string, string> }

export interface GuardedFetcher {
  fetchBytes(url: string, opts?: FetchOptions): Promise<FetchResult>
  fetchJson(url: string, opts?: { maxBytes?: number; accept?: string }): Promise<unknown>
  /** Normalised trusted origins (scheme://host:port), for resolvers that map ids to URLs. */
  readonly trustedOrigins?: readonly string[]
}

/** Hooks for tests only: they replace the safety checks and must never be set in production code. */
export interface UnsafeTestHooks {
  /** Replaces isPublicAddress, e.g. to let a 127.0.0.x test server stand in for a public host. */
  isAllowedAddress?: (address: string) => boolean
  /** Replaces DNS resolution of host names (returns every address of the host). */
  resolveHost?: (hostname: string) => Promise<string[]>
  /** Extra CA certificate(s) for a self-signed test server. */
  ca?: string | Buffer
}

export interface GuardedFetcherOptions {
  /** The platform's own public origins (ISSUER_PUBLIC_URL, REVOCATION_PUBLIC_URL): fetched without checks. */
  trustedOrigins?: string[]
  maxBytes?: number
  timeoutMs?: number
  maxRedirects?: number
  unsafeTestHooks?: UnsafeTestHooks
}

const DEFAULTS = { maxBytes: 64 * 1024, timeoutMs: 5000, maxRedirects: 3 } as const
const JSON_ACCEPT = 'application/did+ld+json, application/ld+json, application/json;q=0.9, */*;q=0.1'

async function systemResolve (hostname: string): Promise<string[]> {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true })
  return answers.map(a => a.address)
}

/** Resolves a deadline-bound promise, turning the abort into a TimeoutError. */
function withDeadline<T> (promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason)
    if (signal.aborted) { onAbort(); return }
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

export function createGuardedFetcher (opts: GuardedFetcherOptions = {}): GuardedFetcher {
  const maxRedirects = opts.maxRedirects ?? DEFAULTS.maxRedirects
  const timeoutMs = opts.timeoutMs ?? DEFAULTS.timeoutMs
  const hooks = opts.unsafeTestHooks ?? {}
  const allowed = hooks.isAllowedAddress ?? isPublicAddress
  const resolveHost = hooks.resolveHost ?? systemResolve
  const trustedOrigins = Object.freeze((opts.trustedOrigins ?? []).map(o => new URL(o).origin))

  /** Returns the address to connect to (undefined: trusted origin, let node resolve) or throws a refusal. */
  async function checkTarget (url: URL, signal: AbortSignal): Promise<string | undefined> {
    if (url.username !== '' || url.password !== '') throw new FetchFailedError(url.href, 'credentials in URLs are refused')
    if (trustedOrigins.includes(url.origin)) return undefined
    if (url.protocol !== 'https:') throw new NotHttpsError(url.href)
    const literal = ipLiteral(url.hostname)
    let addresses: string[]
    try {
      addresses = literal !== undefined ? [literal] : await withDeadline(resolveHost(url.hostname), signal)
    } catch (err) {
      if (signal.aborted) throw err
      throw new FetchFailedError(url.href, `cannot resolve ${url.hostname}`)
    }
    if (addresses.length === 0) throw new FetchFailedError(url.href, `no address for ${url.hostname}`)
    // Every address must be public: a host may not mix a public decoy with an internal target.
    const forbidden = addresses.find(a => !allowed(a))
    if (forbidden !== undefined) throw new ForbiddenAddressError(url.href, forbidden)
    return addresses[0]
  }

  async function fetchBytes (input: string, fetchOpts: FetchOptions = {}): Promise<FetchResult> {
    const maxBytes = fetchOpts.maxBytes ?? opts.maxBytes ?? DEFAULTS.maxBytes
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(new TimeoutError(input, timeoutMs)), timeoutMs)
    try {
      let url: URL
      try {
        url = new URL(input)
      } catch {
        throw new FetchFailedError(input, 'not a URL')
      }
      const origin = url.origin
      for (let redirects = 0; ; redirects++) {
        const address = await checkTarget(url, controller.signal)
        const headers: Record<string, string> = {
          accept: fetchOpts.accept ?? '*/*',
          'user-agent': 'obp-documents/0.1',
          // caller headers (e.g. authorisation) never follow a redirect to another origin
          ...(url.origin === origin ? fetchOpts.headers : {})
        }
        const response = await requestOnce({ url, address, headers, maxBytes, signal: controller.signal, ca: hooks.ca })
        if (response.location === undefined) {
          if (response.status < 200 || response.status > 299) {
            throw Object.assign(new HttpStatusError(url.href, response.status), { status: response.status })
          }
          return { status: response.status, body: response.body, contentType: response.headers['content-type'], headers: response.headers }
        }
        if (redirects >= maxRedirects) throw new TooManyRedirectsError(input, maxRedirects)
        try {
          url = new URL(response.location, url) // re-checked at the top of the loop
        } catch {
          throw new FetchFailedError(url.href, 'invalid redirect location')
        }
      }
    } finally {
      clearTimeout(timer)
    }
  }

  async function fetchJson (input: string, jsonOpts: { maxBytes?: number; accept?: string } = {}): Promise<unknown> {
    const { body } = await fetchBytes(input, { maxBytes: jsonOpts.maxBytes, accept: jsonOpts.accept ?? JSON_ACCEPT })
    try {
      return JSON.parse(body.toString('utf8'))
    } catch {
      throw new InvalidJsonError(input)
    }
  }

  return { fetchBytes, fetchJson, trustedOrigins }
}
