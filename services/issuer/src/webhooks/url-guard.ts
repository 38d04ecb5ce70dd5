// SSRF guard for webhook targets: https to public addresses only. In development mode (OBP_MODE), http and
// loopback are allowed for ISSUER_PUBLIC_URL's own origin and for loopback hosts, so local receivers work.
import { BlockList, isIP } from 'node:net'
import { lookup } from 'node:dns/promises'
import type { IssuerConfig } from '../config.js'
import { WebhookUrlRefused } from '../errors.js'

// RFC 6890 special-purpose ranges: never a webhook receiver in production.
const PRIVATE = new BlockList()
for (const [net, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv4')
}
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['64:ff9b::', 96]] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv6')
}
const LOOPBACK = new BlockList()
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4')
LOOPBACK.addAddress('::1', 'ipv6')

function isPrivate (address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return PRIVATE.check(mapped[1], 'ipv4')
  return PRIVATE.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4')
}

function isLoopbackName (host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || (isIP(host) !== 0 && LOOPBACK.check(host, isIP(host) === 6 ? 'ipv6' : 'ipv4'))
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
  if (addresses.length === 0 || addresses.some(isPrivate)) throw new WebhookUrlRefused(`${host} resolves to a non-public address`)
  return { url, address: addresses[0] }
}

async function systemResolve (host: string): Promise<string[]> {
  return (await lookup(host, { all: true })).map(a => a.address)
}
