// Webhook secrets are HMAC keys: symmetric, so they must be stored to sign, and they are sealed at rest by the
// same custody as issuers' private keys (an oct JWK under the KEK). A database dump reveals no secret.
import type { KeyCustody, SealedKey } from '@obp/signing'

export async function sealWebhookSecret (custody: KeyCustody, secret: string): Promise<SealedKey> {
  return custody.seal({ kty: 'oct', k: Buffer.from(secret, 'utf8').toString('base64url') })
}

export async function openWebhookSecret (custody: KeyCustody, sealed: SealedKey): Promise<string> {
  const jwk = await custody.open(sealed)
  return Buffer.from(String(jwk.k), 'base64url').toString('utf8')
}
