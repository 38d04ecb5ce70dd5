// OID4VCI 1.0 `di_vp` proofs (App. F.2) over real HTTP: a scripted did:key wallet (stock @digitalbazaar libraries)
// proves possession with a presentation secured by a DataIntegrityProof eddsa-rdfc-2022, proofPurpose
// authentication, challenge = c_nonce, domain = the credential issuer id; the holder-bound credential passes stock
// `verifyCredential`. Then a reused or unknown nonce, a wrong domain and an unadvertised suite are refused.
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { build, bearer, checkIssued, createAchievement, createIssuer } from './helper.js'
import { didKeyWallet, stockVerify } from './wallet-helper.js'

const PRE_AUTH = 'urn:ietf:params:oauth:grant-type:pre-authorized_code'

t.test('a di_vp proof gets the holder-bound credential; bad ones get the specification\'s errors', async t => {
  const s = await build(t)
  await s.app.listen({ port: 0, host: '127.0.0.1' })
  const origin = `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`
  const local = (url: string): string => origin + new URL(url).pathname
  const issuer = await createIssuer(s.app, s.secrets.adminToken, { name: 'Université de Provence' })
  const achievement = await createAchievement(s.app, issuer)
  const award = (await s.app.inject({
    method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey),
    payload: { achievementId: achievement.id, recipient: { email: 'ada@example.org' }, notify: false }
  })).json()
  const link = (await s.app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials/${encodeURIComponent(award.id)}/claim`, headers: bearer(issuer.apiKey), payload: {} })).json()
  const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
    const form = typeof body === 'string'
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json', ...headers }, body: form ? body : JSON.stringify(body) })
    return { status: res.status, json: await res.json() as any }
  }
  const issuerId = `${s.config.ISSUER_PUBLIC_URL.replace(/\/+$/, '')}/issuers/${issuer.id}`
  const metadata = await (await fetch(`${origin}/.well-known/openid-credential-issuer/issuers/${issuer.id}`)).json() as any
  t.same(metadata.credential_configurations_supported.OpenBadgeCredential.proof_types_supported.di_vp, { proof_signing_alg_values_supported: ['eddsa-rdfc-2022'] }, 'di_vp is advertised')

  const offers = (await post(origin + new URL(link.claimUrl).pathname + '/offers', {})).json
  const offer = await (await fetch(local(new URL(offers.offerUri).searchParams.get('credential_offer_uri') as string))).json() as any
  const token = await post(local(`${issuerId}/token`), `grant_type=${encodeURIComponent(PRE_AUTH)}&pre-authorized_code=${offer.grants[PRE_AUTH]['pre-authorized_code']}`)
  t.equal(token.status, 200)
  const nonce = async () => (await post(local(metadata.nonce_endpoint), '')).json.c_nonce as string
  const request = async (vp: unknown) => post(local(metadata.credential_endpoint), { credential_configuration_id: 'OpenBadgeCredential', proofs: { di_vp: [vp] } }, { authorization: `Bearer ${token.json.access_token}` })
  const wallet = await didKeyWallet()

  const unknownNonce = await request(await wallet.present({ challenge: 'not-a-nonce', domain: issuerId, suite: 'eddsa-rdfc-2022' }))
  t.same([unknownNonce.status, unknownNonce.json.error], [400, 'invalid_nonce'], 'a challenge that is no c_nonce')
  const wrongDomain = await request(await wallet.present({ challenge: await nonce(), domain: 'https://elsewhere.example', suite: 'eddsa-rdfc-2022' }))
  t.same([wrongDomain.status, wrongDomain.json.error], [400, 'invalid_proof'], 'domain is not the credential issuer')
  const legacy = await request(await wallet.present({ challenge: await nonce(), domain: issuerId, suite: 'Ed25519Signature2020' }))
  t.same([legacy.status, legacy.json.error], [400, 'invalid_proof'], 'Ed25519Signature2020 is not an advertised cryptosuite')
  const other = await didKeyWallet()
  const forged = await request(await wallet.present({ challenge: await nonce(), domain: issuerId, suite: 'eddsa-rdfc-2022', verificationMethod: other.key.id, holder: other.did }))
  t.same([forged.status, forged.json.error], [400, 'invalid_proof'], 'another DID\'s key named, this key signing')

  const used = await nonce()
  const ok = await request(await wallet.present({ challenge: used, domain: issuerId, suite: 'eddsa-rdfc-2022' }))
  t.equal(ok.status, 200, JSON.stringify(ok.json))
  const vc = ok.json.credentials[0].credential
  t.equal(vc.credentialSubject.id, wallet.did, 'bound to the DID that signed the presentation')
  t.not(vc.credentialStatus.id, award.credentialStatus.id, 'its own status entry')
  t.match(await checkIssued(vc), { schema: true, proof: true })
  t.match(await stockVerify(vc), { verified: true }, 'stock @digitalbazaar/vc verifyCredential')

  // a second offer and token, the spent nonce again
  const offers2 = (await post(origin + new URL(link.claimUrl).pathname + '/offers', {})).json
  const offer2 = await (await fetch(local(new URL(offers2.offerUri).searchParams.get('credential_offer_uri') as string))).json() as any
  const token2 = await post(local(`${issuerId}/token`), `grant_type=${encodeURIComponent(PRE_AUTH)}&pre-authorized_code=${offer2.grants[PRE_AUTH]['pre-authorized_code']}`)
  const reused = await post(local(metadata.credential_endpoint), { credential_configuration_id: 'OpenBadgeCredential', proofs: { di_vp: [await wallet.present({ challenge: used, domain: issuerId, suite: 'eddsa-rdfc-2022' })] } }, { authorization: `Bearer ${token2.json.access_token}` })
  t.same([reused.status, reused.json.error], [400, 'invalid_nonce'], 'a c_nonce is single use')
  const both = await post(local(metadata.credential_endpoint), { credential_configuration_id: 'OpenBadgeCredential', proofs: { di_vp: [{}], jwt: ['x'] } }, { authorization: `Bearer ${token2.json.access_token}` })
  t.same([both.status, both.json.error], [400, 'invalid_credential_request'], 'one proof type per request')
})
