// Which IP addresses the guarded fetcher may connect to (SSRF protection).
// Only globally routable unicast is allowed: ipaddr.js classifies every special-purpose block of the
// IANA registries (RFC 6890) — loopback, RFC 1918 private, link-local (incl. the 169.254.169.254 cloud
// metadata address), RFC 6598 CGNAT, RFC 4193 ULA fc00::/7, multicast, reserved, NAT64/6to4/Teredo.
import ipaddr from 'ipaddr.js'

/** The ipaddr.js range name of an address, after unwrapping IPv4-mapped IPv6 (::ffff:a.b.c.d). */
export function addressRange (address: string): string {
  if (!ipaddr.isValid(address)) return 'invalid'
  const parsed = ipaddr.process(address)
  // IPv4-compatible ::a.b.c.d (deprecated, RFC 4291 §2.5.5.1): ipaddr.js files the dotted form under
  // ipv4Mapped but the hex form (what the URL parser writes: [::127.0.0.1] becomes [::7f00:1]) under unicast.
  if (parsed.kind() === 'ipv6' && parsed.range() === 'unicast' && (parsed as ipaddr.IPv6).parts.slice(0, 6).every(p => p === 0)) return 'ipv4Compatible'
  return parsed.range()
}

/** True only for globally routable unicast addresses. */
export function isPublicAddress (address: string): boolean {
  return addressRange(address) === 'unicast'
}

/** The IP literal in a URL hostname, brackets removed, or undefined for a DNS name. */
export function ipLiteral (hostname: string): string | undefined {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname
  return ipaddr.isValid(bare) && (bare.includes(':') || ipaddr.IPv4.isValidFourPartDecimal(bare)) ? bare : undefined
}
