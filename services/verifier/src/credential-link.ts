// Verification by link (issue 18; CONTRACT.md "Verifier service": `{credentialUrl}`): the link an employer
// receives is fetched through the guarded fetcher (https to public addresses, or this platform's own
// ISSUER_PUBLIC_URL / REVOCATION_PUBLIC_URL even in development) and read by content: JSON, a compact JWS, or a
// baked PNG/SVG. A link that cannot be fetched is not a credential (400), with the reason.
import type { VerifierDeps } from './deps.js'
import { CredentialLinkError } from './errors.js'
import { parseUpload, type ParsedCredential } from './input.js'
import { errorMessage } from './json.js'

const ACCEPT = 'application/vc+ld+json, application/ld+json, application/json;q=0.9, application/vc+jwt, application/jwt, image/png, image/svg+xml'

/** A pasted or posted link: an absolute http(s) URL and nothing else. */
export function isCredentialLink (text: string): boolean {
  return /^https?:\/\/\S+$/i.test(text.trim())
}

export async function fetchCredentialLink (deps: VerifierDeps, url: string, maxBytes: number): Promise<ParsedCredential> {
  if (!isCredentialLink(url)) throw new CredentialLinkError(url.slice(0, 200), 'not an http(s) URL')
  let fetched
  try {
    fetched = await deps.fetcher.fetchBytes(url.trim(), { maxBytes, accept: ACCEPT })
  } catch (err) {
    throw new CredentialLinkError(url, errorMessage(err))
  }
  if (fetched.status !== 200) throw new CredentialLinkError(url, `it answered HTTP ${fetched.status}`)
  return parseUpload(fetched.body, fetched.contentType)
}
