// The VC-API exchange as the Learner Credential Wallet runs it, end to end over real HTTP with a scripted did:key
// wallet (stock @digitalbazaar libraries): claim page offer → interaction URL → `protocols.vcapi` → `{}` → DID
// authentication request → signed presentation → the holder-bound credential, which stock `verifyCredential`
// accepts. Then every refusal: replay, wrong challenge, wrong domain, a holder that does not control the key, a
// forged key reference, expiry and the cap on refused presentations.
import type { AddressInfo } from 'node:net'
import t, { type Test } from 'tap'
import { build, bearer, checkIssued, createAchievement, createIssuer } from './helper.js'
import { didKeyWallet, stockVerify } from './wallet-helper.js'

async function setup (t: Test) {
  const s = await build(t)
  await s.app.listen({ port: 0, host: '127.0.0.1' })
  const origin = `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`
  const issuer = await createIssuer(s.app, s.secrets.adminToken, { name: 'Université de Provence' })
  const achievement = await createAchievement(s.app, issuer)
  const award = (await s.app.inject({
    method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey),
    payload: { achievementId: achievement.id, recipient: { email: 'ada@example.org', name: 'Ada' } } // notified: erasure finds it by address
  })).json()
  const link = (await s.app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials/${encodeURIComponent(award.id)}/claim`, headers: bearer(issuer.apiKey), payload: {} })).json()
  const claimPath = new URL(link.claimUrl).pathname
  // ISSUER_PUBLIC_URL (localhost:3001 in tests) names things; requests go to the listening origin
  const local = (url: string): string => { const u = new URL(url); return origin + u.pathname + u.search }
  const post = async (url: string, body: unknown) => {
    const res = await fetch(local(url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    return { status: res.status, json: await res.json() as any }
  }
  /** A fresh offer from the claim page; its exchange URL (through the interaction URL) and request. */
  const exchange = async () => {
    const offers = await post(origin + claimPath + '/offers', {})
    const protocols = (await (await fetch(local(offers.json.interactionUrl), { headers: { accept: 'application/json' } })).json() as any).protocols
    const vpr = (await post(protocols.vcapi, {})).json.verifiablePresentationRequest
    return { offers: offers.json, url: protocols.vcapi as string, protocols, vpr }
  }
  return { ...s, origin, issuer, award, claimPath, local, post, exchange, domain: new URL(s.config.ISSUER_PUBLIC_URL).origin }
}

t.test('a did:key wallet runs the exchange and receives the holder-bound copy of the award', async t => {
  const s = await setup(t)
  const offers = await s.post(s.origin + s.claimPath + '/offers', {})
  t.equal(offers.status, 201)
  t.match(offers.json, { offerUri: /^openid-credential-offer:\/\//, interactionUrl: /\/interactions\/[A-Za-z0-9_-]+\?iuv=1$/, expiresAt: String })
  t.ok(offers.json.interactionUrl.startsWith(s.config.ISSUER_PUBLIC_URL.replace(/\/+$/, '')), 'on the issuer\'s public origin')
  t.ok(offers.json.interactionUrl.length < 400, 'short enough for a QR code (VCALM)')

  const interaction = await fetch(s.local(offers.json.interactionUrl), { headers: { accept: 'application/json' } })
  t.equal(interaction.status, 200)
  const { protocols } = await interaction.json() as any
  t.match(protocols.vcapi, /\/workflows\/claim\/exchanges\/[A-Za-z0-9_-]+$/)
  t.equal(protocols['oid4vci-1.0'], offers.json.offerUri, 'the OID4VCI offer of the same call')
  const lcw = new URL(offers.json.lcwUrl)
  t.equal(lcw.origin + lcw.pathname, 'https://lcw.app/request')
  t.same(JSON.parse(lcw.searchParams.get('request') as string), { protocols: { vcapi: protocols.vcapi } }, 'the LCW deep link carries protocols.vcapi')
  const human = await fetch(s.local(offers.json.interactionUrl), { headers: { accept: 'text/html', 'accept-language': 'en' } })
  t.match(await human.text(), /Open in the Learner Credential Wallet/, 'a person opening the URL is told what to do')
  t.same((await (await fetch(s.local(protocols.vcapi + '/protocols'))).json() as any).protocols, protocols)

  const start = await s.post(protocols.vcapi, {})
  t.equal(start.status, 200)
  const vpr = start.json.verifiablePresentationRequest
  t.match(vpr, { query: [{ type: 'DIDAuthentication', acceptedMethods: [{ method: 'key' }] }], challenge: /^[A-Za-z0-9_-]{40,}$/, domain: s.domain })
  t.equal((await (await fetch(s.local(protocols.vcapi))).json() as any).state, 'active')

  const wallet = await didKeyWallet()
  const vp = await wallet.present({ challenge: vpr.challenge, domain: vpr.domain })
  t.equal(vp.proof.type, 'Ed25519Signature2020', 'signed as LCW signs')
  const done = await s.post(protocols.vcapi, { verifiablePresentation: vp })
  t.equal(done.status, 200, JSON.stringify(done.json))
  const vc = done.json.verifiablePresentation.verifiableCredential[0]
  t.equal(vc.credentialSubject.id, wallet.did, 'bound to the DID that signed')
  t.not(vc.id, s.award.id, 'its own id')
  t.same(vc.credentialSubject.identifier, s.award.credentialSubject.identifier, 'the original identity object is kept')
  t.same(vc.credentialSubject.achievement, s.award.credentialSubject.achievement)
  t.not(vc.credentialStatus.id, s.award.credentialStatus.id, 'its own status entry (linked to the award: revoking the award revokes it)')
  t.match(await checkIssued(vc), { schema: true, proof: true })
  t.match(await stockVerify(vc), { verified: true }, 'stock @digitalbazaar/vc verifyCredential')
  t.equal((await fetch(s.local(vc.id))).status, 200, 'hosted like any credential')
  const copy = await s.db.collection('credentials').findOne({ _id: vc.id })
  t.equal(copy?.derivedFrom, s.award.id)

  const replay = await s.post(protocols.vcapi, { verifiablePresentation: vp })
  t.same([replay.status, replay.json.code], [409, 'OBP_ISSUER_EXCHANGE_COMPLETE'], 'single use')
  const restart = await s.post(protocols.vcapi, {})
  t.same([restart.status, restart.json.code], [409, 'OBP_ISSUER_EXCHANGE_COMPLETE'])
  t.equal((await fetch(s.local(offers.json.interactionUrl), { headers: { accept: 'application/json' } })).status, 409)
  t.equal((await (await fetch(s.local(protocols.vcapi))).json() as any).state, 'complete')

  await t.test('a bare presentation with a DataIntegrityProof (eddsa-rdfc-2022), no holder', async t => {
    const x = await s.exchange()
    const bare = await wallet.present({ challenge: x.vpr.challenge, domain: x.vpr.domain, suite: 'eddsa-rdfc-2022', holder: null })
    const res = await s.post(x.url, bare)
    t.equal(res.status, 200, JSON.stringify(res.json))
    t.match(await stockVerify(res.json.verifiablePresentation.verifiableCredential[0]), { verified: true })
  })

  await t.test('refusals, each with its code', async t => {
    const x = await s.exchange()
    const refuse = async (body: unknown, status: number, code: string, what: string) => {
      const res = await s.post(x.url, body)
      t.same([res.status, res.json.code], [status, code], what)
    }
    await refuse({ verifiablePresentation: await wallet.present({ challenge: 'another-challenge', domain: x.vpr.domain }) }, 400, 'OBP_ISSUER_EXCHANGE_CHALLENGE_MISMATCH', 'wrong challenge')
    await refuse({ verifiablePresentation: await wallet.present({ challenge: x.vpr.challenge, domain: 'https://evil.example' }) }, 400, 'OBP_ISSUER_EXCHANGE_DOMAIN_MISMATCH', 'wrong domain')
    const other = await didKeyWallet()
    await refuse({ verifiablePresentation: await wallet.present({ challenge: x.vpr.challenge, domain: x.vpr.domain, holder: other.did }) }, 400, 'OBP_ISSUER_EXCHANGE_HOLDER_MISMATCH', 'a holder that did not sign')
    await refuse({ verifiablePresentation: await wallet.present({ challenge: x.vpr.challenge, domain: x.vpr.domain, holder: other.did, verificationMethod: other.key.id }) }, 400, 'OBP_ISSUER_EXCHANGE_PROOF_INVALID', 'another DID\'s key named, this key signing')
    await refuse({ hello: 'world' }, 400, 'OBP_ISSUER_EXCHANGE_MESSAGE_INVALID', 'not a VCALM message')
    const invalidated = await s.post(x.url, { verifiablePresentation: await wallet.present({ challenge: 'x', domain: x.vpr.domain }) })
    t.same([invalidated.status, invalidated.json.code], [400, 'OBP_ISSUER_EXCHANGE_CHALLENGE_MISMATCH'], 'the fifth refused presentation')
    const dead = await s.post(x.url, { verifiablePresentation: await wallet.present({ challenge: x.vpr.challenge, domain: x.vpr.domain }) })
    t.same([dead.status, dead.json.code], [410, 'OBP_ISSUER_EXCHANGE_INVALIDATED'], 'five refusals invalidate the exchange, even for a good presentation')
    const unknown = await fetch(s.local(x.url.replace(/[^/]+$/, 'AAAAAAAAAAAAAAAAAAAAAA')), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    t.same([unknown.status, (await unknown.json() as any).code], [404, 'OBP_ISSUER_EXCHANGE_NOT_FOUND'])
  })

  await t.test('ten parallel presentations: exactly one credential', async t => {
    const x = await s.exchange()
    const vp = await wallet.present({ challenge: x.vpr.challenge, domain: x.vpr.domain })
    const answers = await Promise.all(Array.from({ length: 10 }, () => s.post(x.url, { verifiablePresentation: vp })))
    t.same(answers.map(a => a.status).sort(), [200, ...Array(9).fill(409)])
    t.equal(await s.db.collection('credentials').countDocuments({ derivedFrom: s.award.id }), 3, 'three exchanges completed in this test, three copies')
  })

  await t.test('an expired exchange is refused', async t => {
    const x = await s.exchange()
    const vp = await wallet.present({ challenge: x.vpr.challenge, domain: x.vpr.domain })
    await s.db.collection('exchanges').updateOne({ _id: x.url.split('/').pop() as any }, { $set: { expiresAt: new Date(Date.now() - 1000) } })
    const res = await s.post(x.url, { verifiablePresentation: vp })
    t.same([res.status, res.json.code], [410, 'OBP_ISSUER_EXCHANGE_EXPIRED'])
    t.equal((await (await fetch(s.local(x.url))).json() as any).state, 'invalid')
  })

  await t.test('erasure removes the exchanges, and the claim link mints no more', async t => {
    t.ok(await s.db.collection('exchanges').countDocuments({}) > 0)
    const erase = await s.app.inject({ method: 'POST', url: `/issuers/${s.issuer.id}/recipients/erase`, headers: bearer(s.issuer.apiKey), payload: { email: 'ada@example.org' } })
    t.equal(erase.statusCode, 200, erase.body)
    t.equal(await s.db.collection('exchanges').countDocuments({}), 0)
    t.equal((await s.post(s.origin + s.claimPath + '/offers', {})).status, 404)
  })
})
