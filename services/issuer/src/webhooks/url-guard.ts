// SSRF guard for webhook targets: https to public addresses only, decided by @obp/documents' one outbound policy
// (isPublicAddress: every IANA special-purpose block, IPv4-mapped/compatible, 6to4, Teredo, NAT64 included).
// In development mode (OBP_MODE), http and loopback are allowed for ISSUER_PUBLIC_URL's own origin and for
// loopback hosts, so local receivers work.
import { isIP } from 'node:net'
import { lookup } from 'node:dns/promises'
import { addressRange, isPublicAddress } from '@obp/documents'
import type { IssuerConfig } from '../config.js'
import { WebhookUrlRefused } from '../errors.js'

function isLoopbackName (host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || (isIP(host) !== 0 && addressRange(host) === 'loopback')
}

/** The development exception: this platform's own origin, or a loopback host. */
function devException (url: URL, config: IssuerConfig): boolean {
  if (config.OBP_MODE !== 'development') return false
  return url.origin === new URL(config.ISSUER_PUBLIC_URL).origin || isLoopbackName(url.hostname.replace(/^\[|\]$/g, ''))
}

/** Syntax and scheme (at batch creation). */
export function checkWebhookUrl (raw: string, config: IssuerConfig): URL {
  let url: URL
  try { url = new URL(raw) } catch { throw new WebhookUrlRefused('not a URL') }
  if (url.username || url.password) throw new WebhookUrlRefused('credentials in the URL')
  if (url.protocol === 'https:') return url
  if (url.protocol === 'http:' && devException(url, config)) return url
  throw new WebhookUrlRefused('https is required')
}

/**
 * Scheme and every resolved address (at delivery): public unless the development exception applies. Returns the
 * checked address the delivery must connect to (pinned, so a second DNS answer cannot point it elsewhere), or
 * none for the development exception.
 */
export async function assertDeliverable (raw: string, config: IssuerConfig, resolve: (host: string) => Promise<string[]> = systemResolve): Promise<{ url: URL; address?: string }> {
  const url = checkWebhookUrl(raw, config)
  if (devException(url, config)) return { url }
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const addresses = isIP(host) !== 0 ? [host] : await resolve(host)
  if (addresses.length === 0 || !addresses.every(isPublicAddress)) throw new WebhookUrlRefused(`${host} resolves to a non-public address`)
  return { url, address: addresses[0] }
}

async function systemResolve (host: string): Promise<string[]> {
  return (await lookup(host, { all: true })).map(a => a.address)
}
