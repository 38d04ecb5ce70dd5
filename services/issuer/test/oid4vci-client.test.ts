// An independent wallet: the OpenWallet Foundation's OID4VCI client (@openid4vc/openid4vci 0.4.6, from npm) runs the
// whole 1.0 pre-authorized code flow against the issuer over real HTTP, with a did:key (EdDSA) proof key.
import { createHash, randomBytes } from 'node:crypto'
import type { JsonWebKey as NodeJwk } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { SignJWT, exportJWK, generateKeyPair } from 'jose'
import { Openid4vciClient } from '@openid4vc/openid4vci'
import type { HashAlgorithm} from '@openid4vc/oauth2';
import { setGlobalConfig, type SignJwtCallback } from '@openid4vc/oauth2'
import { jwkToMultikey } from '@obp/documents'
import { build, bearer, checkIssued, createAchievement, createIssuer } from './helper.js'

t.test('the @openid4vc wallet receives a holder-bound OpenBadgeCredential', async t => {
  const s = await build(t)
  await s.app.listen({ port: 0, host: '127.0.0.1' })
  const origin = `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`
  const publicUrl = s.config.ISSUER_PUBLIC_URL.replace(/\/+$/, '')
  setGlobalConfig({ allowInsecureUrls: true }) // the test platform is plain http on loopback
  const issuer = await createIssuer(s.app, s.secrets.adminToken, { name: 'Université de Provence' })
  const achievement = await createAchievement(s.app, issuer)
  const award = (await s.app.inject({
    method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey),
    payload: { achievementId: achievement.id, recipient: { email: 'ada@example.org' }, notify: false }
  })).json()
  const link = (await s.app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials/${encodeURIComponent(award.id)}/claim`, headers: bearer(issuer.apiKey), payload: {} })).json()
  const offers = await s.app.inject({ method: 'POST', url: new URL(link.claimUrl).pathname + '/offers' })
  t.equal(offers.statusCode, 201)

  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' })
  const did = `did:key:${jwkToMultikey(await exportJWK(publicKey) as NodeJwk)}`
  const signJwt: SignJwtCallback = async (signer, { header, payload }) => {
    const jwt = await new SignJWT(payload as Record<string, unknown>).setProtectedHeader(header as any).sign(privateKey)
    return { jwt, signerJwk: await exportJWK(publicKey) as any }
  }
  const client = new Openid4vciClient({
    callbacks: {
      // the credential issuer id is ISSUER_PUBLIC_URL; the test's server listens elsewhere
      fetch: (url: any, init?: any) => fetch(String(url).replace(publicUrl, origin), init),
      hash: (data: Uint8Array, alg: HashAlgorithm) => createHash(alg.replace('-', '')).update(data).digest(),
      generateRandom: (n: number) => randomBytes(n),
      signJwt,
      clientAuthentication: () => {}
    } as any
  })
  const offer = await client.resolveCredentialOffer(offers.json().offerUri)
  const metadata = await client.resolveIssuerMetadata(offer.credential_issuer)
  t.equal(metadata.credentialIssuer.credential_issuer, `${publicUrl}/issuers/${issuer.id}`)
  const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer: offer, issuerMetadata: metadata })
  const { c_nonce: nonce } = await client.requestNonce({ issuerMetadata: metadata })
  const { jwt } = await client.createCredentialRequestJwtProof({
    issuerMetadata: metadata, credentialConfigurationId: 'OpenBadgeCredential', nonce,
    signer: { method: 'did', didUrl: `${did}#${did.slice(8)}`, alg: 'EdDSA' }
  })
  const res = await client.retrieveCredentials({ issuerMetadata: metadata, accessToken: accessTokenResponse.access_token, credentialConfigurationId: 'OpenBadgeCredential', proofs: { jwt: [jwt] } })
  const credential = (res.credentialResponse as any).credentials[0].credential
  t.equal(credential.credentialSubject.id, did)
  // its own status entry (revoking the award revokes it through the award's change: status_copies)
  t.match(credential.credentialStatus, { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' })
  t.not(credential.credentialStatus.id, award.credentialStatus.id, 'not the award\'s entry')
  t.match(await checkIssued(credential), { schema: true, proof: true })
})
