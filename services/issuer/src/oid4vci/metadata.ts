// OID4VCI 1.0 metadata (§12.2, §12.3): the credential issuer id is `ISSUER_PUBLIC_URL/issuers/<issuerId>`; its
// metadata lives at `/.well-known/openid-credential-issuer` inserted before that path (§12.2.2), and it is its own
// authorization server (no `authorization_servers`), whose RFC 8414 metadata is found the same way.
export const CONFIGURATION_ID = 'OpenBadgeCredential'
export const PRE_AUTH_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code'
export const PROOF_ALGS = ['EdDSA', 'ES256'] as const
export const DI_VP_CRYPTOSUITES = ['eddsa-rdfc-2022'] as const

const base = (publicUrl: string): string => publicUrl.replace(/\/+$/, '')
export const credentialIssuerId = (publicUrl: string, issuerId: string): string => `${base(publicUrl)}/issuers/${issuerId}`

export function issuerMetadata (publicUrl: string, issuerId: string, display: { name: string; logo?: string }) {
  const id = credentialIssuerId(publicUrl, issuerId)
  return {
    credential_issuer: id,
    credential_endpoint: `${id}/credential`,
    nonce_endpoint: `${id}/nonce`,
    display: [{ name: display.name, locale: 'fr' }, { name: display.name, locale: 'en' }],
    credential_configurations_supported: {
      [CONFIGURATION_ID]: {
        format: 'ldp_vc',
        credential_definition: {
          '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
          type: ['VerifiableCredential', 'OpenBadgeCredential']
        },
        credential_signing_alg_values_supported: ['eddsa-rdfc-2022'],
        cryptographic_binding_methods_supported: ['did:key', 'did:jwk'],
        // App. F.2: a `di_vp` proof's cryptosuite must be one listed here
        proof_types_supported: { jwt: { proof_signing_alg_values_supported: [...PROOF_ALGS] }, di_vp: { proof_signing_alg_values_supported: [...DI_VP_CRYPTOSUITES] } },
        credential_metadata: { display: [{ name: 'Open Badge', locale: 'en' }, { name: 'Open Badge', locale: 'fr' }] }
      }
    }
  }
}

export function authorizationServerMetadata (publicUrl: string, issuerId: string) {
  const id = credentialIssuerId(publicUrl, issuerId)
  return {
    issuer: id,
    token_endpoint: `${id}/token`,
    grant_types_supported: [PRE_AUTH_GRANT],
    token_endpoint_auth_methods_supported: ['none'],
    'pre-authorized_grant_anonymous_access_supported': true
  }
}
