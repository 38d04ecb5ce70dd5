// Issue 17: the learner's journey across real processes: award with an email -> the message reaches a real SMTP
// server -> the claim page in Chromium (FR and EN screenshots) -> the @openid4vc wallet receives a holder-bound
// credential -> both verify -> the award is revoked -> both fail verification.
import { createHash, randomBytes } from 'node:crypto'
import type { JsonWebKey } from 'node:crypto'
import t from 'tap'
import { hasChromium, launch, screenshot } from '@obp/service-kit/browser-testing'
import { SignJWT, exportJWK, generateKeyPair } from 'jose'
import { Openid4vciClient } from '@openid4vc/openid4vci'
import { setGlobalConfig, type HashAlgorithm, type SignJwtCallback } from '@openid4vc/oauth2'
import { jwkToMultikey } from '@obp/documents'
import { startSmtp } from '../services/issuer/test/smtp-helper.js'
import { startPlatform, call, lastSegment, waitFor } from './support/platform.js'


t.test('award by email, claim page, wallet, revoke', async t => {
  const smtp = await startSmtp(t)
  const p = await startPlatform(t, { env: { SMTP_URL: smtp.url, MAIL_FROM: 'Badges <badges@platform.example>' } })
  const uni = (await call('POST', `${p.issuer}/issuers`, { token: p.adminToken, body: { name: 'Université du Journey', url: 'https://journey.example', language: 'fr' } })).json
  const achievement = (await call('POST', `${p.issuer}/issuers/${uni.id}/achievements`, { token: uni.apiKey, body: { name: 'Science ouverte', description: 'Pratique la science ouverte.', criteria: { narrative: 'Publier un jeu de données.' } } })).json
  const award = await call('POST', `${p.issuer}/issuers/${uni.id}/credentials`, { token: uni.apiKey, body: { achievementId: achievement.id, recipient: { email: 'ada@example.org', name: 'Ada' } } })
  t.equal(award.status, 201, award.text)

  const [{ mail, envelopeTo }] = await smtp.waitFor(1, 60_000)
  t.same(envelopeTo, ['ada@example.org'])
  t.equal(mail.subject, 'Université du Journey vous a décerné le badge « Science ouverte »')
  const claimUrl = /(http:\/\/\S+\/claim\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '')![1]
  // the transaction code travels with the link (OID4VCI tx_code: the message is the second channel)
  const txCode = /saisissez : (\d{6})/.exec(mail.text ?? '')?.[1] as string
  t.match(txCode, /^\d{6}$/, 'the message carries the wallet code')
  t.ok(claimUrl.startsWith(p.issuer + '/claim/'))

  if (hasChromium) {
    const browser = await launch(t)
    for (const lang of ['fr', 'en'] as const) {
      const page = await (await browser.newContext({ locale: lang === 'fr' ? 'fr-FR' : 'en-GB' })).newPage()
      await page.goto(claimUrl)
      t.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Science ouverte')
      t.ok(await page.getByRole('link', { name: lang === 'fr' ? 'Ajouter à mon profil LinkedIn' : 'Add to my LinkedIn profile' }).isVisible())
      await screenshot(page, `learner-claim-${lang}`)
    }
  } else t.comment('chromium is not installed: claim page not rendered (scripts/browser-tools.sh)')

  // the wallet: the OpenWallet Foundation's OID4VCI client, a did:key
  const offers = await call('POST', `${claimUrl}/offers`)
  t.equal(offers.status, 201, offers.text)
  setGlobalConfig({ allowInsecureUrls: true })
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' })
  const did = `did:key:${jwkToMultikey(await exportJWK(publicKey) as JsonWebKey)}`
  const signJwt: SignJwtCallback = async (_signer, { header, payload }) => ({
    jwt: await new SignJWT(payload as Record<string, unknown>).setProtectedHeader(header as any).sign(privateKey), signerJwk: await exportJWK(publicKey) as any
  })
  const client = new Openid4vciClient({
    callbacks: {
      fetch, signJwt, clientAuthentication: () => {},
      hash: (data: Uint8Array, alg: HashAlgorithm) => createHash(alg.replace('-', '')).update(data).digest(),
      generateRandom: (n: number) => randomBytes(n)
    } as any
  })
  t.notOk('txCode' in offers.json, 'the code is not shown with the offer: the learner has it from the message')
  const offer = await client.resolveCredentialOffer(offers.json.offerUri)
  t.match(offer.grants?.['urn:ietf:params:oauth:grant-type:pre-authorized_code']?.tx_code, { input_mode: 'numeric', length: 6 }, 'the offer asks for it')
  const metadata = await client.resolveIssuerMetadata(offer.credential_issuer)
  const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer: offer, issuerMetadata: metadata, txCode })
  const { c_nonce: nonce } = await client.requestNonce({ issuerMetadata: metadata })
  const { jwt } = await client.createCredentialRequestJwtProof({ issuerMetadata: metadata, credentialConfigurationId: 'OpenBadgeCredential', nonce, signer: { method: 'did', didUrl: `${did}#${did.slice(8)}`, alg: 'EdDSA' } })
  const res = await client.retrieveCredentials({ issuerMetadata: metadata, accessToken: accessTokenResponse.access_token, credentialConfigurationId: 'OpenBadgeCredential', proofs: { jwt: [jwt] } })
  const held = (res.credentialResponse as any).credentials[0].credential
  t.equal(held.credentialSubject.id, did)

  const verify = (credential: unknown) => call('POST', `${p.verifier}/credentials/verify`, { body: { verifiableCredential: credential } })
  for (const c of [award.json, held]) t.equal((await verify(c)).status, 200, 'verifies before the revocation')

  const revoke = await call('POST', `${p.revocation}/issuers/${uni.id}/credentials/${lastSegment(award.json.id)}/revoke`, { token: uni.apiKey, body: { reason: 'attribué par erreur', publishReason: true } })
  t.equal(revoke.status, 200, revoke.text)
  for (const [name, c] of [['the award', award.json], ['the wallet copy', held]] as const) {
    const failed = await waitFor(`${name} to fail verification`, async () => { const r = await verify(c); return r.status === 422 ? r : undefined }, 10_000, 200)
    t.ok(failed.json.checks.some((x: any) => x.check === 'status' && x.status === 'failure'), `${name}: the status check fails`)
  }
  const page = await call('GET', claimUrl, { headers: { 'accept-language': 'fr' } })
  t.match(page.text, /Révoqué le .*Motif : attribué par erreur/s, 'the claim page shows the revocation')
})
