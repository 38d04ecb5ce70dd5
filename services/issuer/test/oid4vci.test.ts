// OID4VCI 1.0 pre-authorized code flow over real HTTP, with a scripted wallet (jose keys, did:key and did:jwk):
// metadata, offer by reference, token, nonce, credential; then every refusal with the specification's error.
import type { JsonWebKey as NodeJwk } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import t, { type Test } from 'tap'
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose'
import { jwkToMultikey } from '@obp/documents'
import { build, bearer, sweptEntries, checkIssued, createAchievement, createIssuer } from './helper.js'
import { stockVerify } from './wallet-helper.js'

type Tap = Test

async function setup (t: Tap) {
  const s = await build(t)
  await s.app.listen({ port: 0, host: '127.0.0.1' })
  const origin = `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`
  const issuer = await createIssuer(s.app, s.secrets.adminToken, { name: 'Université de Provence' })
  const achievement = await createAchievement(s.app, issuer)
  const award = (await s.app.inject({
    method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey),
    payload: { achievementId: achievement.id, recipient: { email: 'ada@example.org', name: 'Ada' }, notify: false }
  })).json()
  const link = (await s.app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials/${encodeURIComponent(award.id)}/claim`, headers: bearer(issuer.apiKey), payload: {} })).json()
  const claimPath = new URL(link.claimUrl).pathname
  // ISSUER_PUBLIC_URL (localhost:3001 in tests) is the identifier; requests go to the listening origin
  const local = (url: string): string => origin + new URL(url).pathname
  return { ...s, origin, issuer, award, claimPath, local }
}

async function wallet (kind: 'did:key' | 'did:jwk' | 'jwk') {
  const alg = kind === 'did:key' ? 'EdDSA' : 'ES256'
  const { privateKey, publicKey } = await generateKeyPair(alg, { crv: kind === 'did:key' ? 'Ed25519' : 'P-256', extractable: true })
  const jwk = await exportJWK(publicKey)
  const did = kind === 'did:key'
    ? `did:key:${jwkToMultikey(jwk as NodeJwk)}`
    : `did:jwk:${Buffer.from(JSON.stringify(kind === 'jwk' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y } : jwk)).toString('base64url')}`
  const header = kind === 'did:key' ? { kid: `${did}#${did.slice(8)}` } : kind === 'did:jwk' ? { kid: `${did}#0` } : { jwk }
  const proof = async (o: { aud: string; nonce?: string; header?: Record<string, unknown>; iat?: number }) =>
    new SignJWT({ ...(o.nonce !== undefined ? { nonce: o.nonce } : {}) })
      .setProtectedHeader({ alg, typ: 'openid4vci-proof+jwt', ...(o.header ?? header) } as any)
      .setAudience(o.aud).setIssuedAt(o.iat ?? Math.floor(Date.now() / 1000)).sign(privateKey)
  return { did, proof, privateJwk: await exportJWK(privateKey), jwk: jwk as JWK, alg }
}

const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
  const form = typeof body === 'string'
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json', ...headers }, body: form ? body : JSON.stringify(body) })
  return { status: res.status, headers: res.headers, json: await res.json() as any }
}

t.test('a wallet receives the holder-bound copy of the award through the pre-authorized code flow', async t => {
  const s = await setup(t)
  const offerRes = await post(s.origin + s.claimPath + '/offers', {})
  t.equal(offerRes.status, 201)
  const offerUri = new URL(offerRes.json.offerUri)
  t.equal(offerUri.protocol, 'openid-credential-offer:')
  const offerUrl = offerUri.searchParams.get('credential_offer_uri') as string
  const offer = await (await fetch(s.local(offerUrl))).json() as any
  const issuerId = `${s.config.ISSUER_PUBLIC_URL}/issuers/${s.issuer.id}`
  t.equal(offer.credential_issuer, issuerId)

  // §12.2.2: the well-known segment is inserted between host and path
  const metadata = await (await fetch(`${s.origin}/.well-known/openid-credential-issuer/issuers/${s.issuer.id}`)).json() as any
  t.equal(metadata.credential_issuer, issuerId, 'credential_issuer is the issuer id, byte for byte')
  for (const id of offer.credential_configuration_ids) t.ok(metadata.credential_configurations_supported[id], `${id} is in the metadata`)
  t.match(metadata.credential_configurations_supported.OpenBadgeCredential, { format: 'ldp_vc', cryptographic_binding_methods_supported: ['did:key', 'did:jwk'], proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['EdDSA', 'ES256'] }, di_vp: { proof_signing_alg_values_supported: ['eddsa-rdfc-2022'] } } })
  const as = await (await fetch(`${s.origin}/.well-known/oauth-authorization-server/issuers/${s.issuer.id}`)).json() as any
  t.match(as, { issuer: issuerId, 'pre-authorized_grant_anonymous_access_supported': true, grant_types_supported: ['urn:ietf:params:oauth:grant-type:pre-authorized_code'] })

  const code = offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']['pre-authorized_code']
  const form = `grant_type=${encodeURIComponent('urn:ietf:params:oauth:grant-type:pre-authorized_code')}&pre-authorized_code=${code}`
  const token = await post(s.local(as.token_endpoint), form)
  t.equal(token.status, 200)
  t.equal(token.headers.get('cache-control'), 'no-store')
  t.ok(token.json.expires_in <= 300, 'short-lived access token')
  const replay = await post(s.local(as.token_endpoint), form)
  t.same([replay.status, replay.json.error], [400, 'invalid_grant'], 'the pre-authorized code is single use')
  t.equal((await fetch(s.local(offerUrl))).status, 404, 'the offer is gone once redeemed')

  const w = await wallet('did:key')
  const nonce = async () => (await post(s.local(metadata.nonce_endpoint), '')).json.c_nonce as string
  const auth = { authorization: `Bearer ${token.json.access_token}` }
  const request = async (jwt: string) => post(s.local(metadata.credential_endpoint), { credential_configuration_id: 'OpenBadgeCredential', proofs: { jwt: [jwt] } }, auth)

  const wrongNonce = await request(await w.proof({ aud: issuerId, nonce: 'not-a-nonce' }))
  t.same([wrongNonce.status, wrongNonce.json.error], [400, 'invalid_nonce'])
  const wrongAud = await request(await w.proof({ aud: 'https://elsewhere.example', nonce: await nonce() }))
  t.same([wrongAud.status, wrongAud.json.error], [400, 'invalid_proof'])
  const privateInHeader = await request(await w.proof({ aud: issuerId, nonce: await nonce(), header: { jwk: w.privateJwk } }))
  t.same([privateInHeader.status, privateInHeader.json.error], [400, 'invalid_proof'])
  t.match(privateInHeader.json.error_description, /private key/)
  const noProof = await post(s.local(metadata.credential_endpoint), { credential_configuration_id: 'OpenBadgeCredential' }, auth)
  t.same([noProof.status, noProof.json.error], [400, 'invalid_credential_request'])
  const unknown = await post(s.local(metadata.credential_endpoint), { credential_configuration_id: 'Other', proofs: { jwt: ['x'] } }, auth)
  t.same([unknown.status, unknown.json.error], [400, 'unknown_credential_configuration'])

  const used = await nonce()
  const ok = await request(await w.proof({ aud: issuerId, nonce: used }))
  t.equal(ok.status, 200, JSON.stringify(ok.json))
  const vc = ok.json.credentials[0].credential
  t.equal(vc.credentialSubject.id, w.did, 'bound to the wallet\'s DID')
  t.not(vc.id, s.award.id, 'its own id')
  t.same(vc.credentialSubject.identifier, s.award.credentialSubject.identifier, 'the original identity object is kept')
  t.same(vc.credentialSubject.achievement, s.award.credentialSubject.achievement)
  // its own entry (OB 3.0 allows one credentialStatus), linked to the award so that revoking the award revokes it
  t.equal(vc.credentialStatus.type, s.award.credentialStatus.type)
  t.not(vc.credentialStatus.id, s.award.credentialStatus.id, 'its own status entry, not the award\'s')
  const { createStatusStore } = await import('@obp/status')
  t.match(await s.db.collection('status_entries').findOne({ _id: vc.id }), { state: 'reserved', group: /^awards:/, issuerId: s.issuer.id }, 'allocated by the copy\'s id, in its group')
  t.equal((await sweptEntries(s.db)).find(e => e._id === vc.id)?.state, 'bound', 'bound by the sweeper once stored')
  t.same(await createStatusStore(s.db).copiesOf(s.award.id), [vc.id], 'linked to its award')
  t.match(await checkIssued(vc), { schema: true, proof: true })
  t.match(await stockVerify(vc), { verified: true }, 'stock @digitalbazaar/vc verifyCredential')
  const hosted = await fetch(s.local(vc.id))
  t.equal(hosted.status, 200, 'the copy is hosted like any credential')

  const again = await request(await w.proof({ aud: issuerId, nonce: await nonce() }))
  t.same([again.status, again.json.error], [401, 'invalid_token'], 'one credential per access token')

  for (const kind of ['did:jwk', 'jwk'] as const) {
    await t.test(`ES256 with a ${kind === 'jwk' ? 'jwk header (bound to its did:jwk)' : 'did:jwk kid'}, and a reused nonce`, async t => {
    const offer2 = await (await fetch(s.local(new URL((await post(s.origin + s.claimPath + '/offers', {})).json.offerUri).searchParams.get('credential_offer_uri') as string))).json() as any
    const code2 = offer2.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']['pre-authorized_code']
    const tok = await post(s.local(as.token_endpoint), `grant_type=${encodeURIComponent('urn:ietf:params:oauth:grant-type:pre-authorized_code')}&pre-authorized_code=${code2}`)
    const w2 = await wallet(kind)
    const req = async (jwt: string) => post(s.local(metadata.credential_endpoint), { credential_configuration_id: 'OpenBadgeCredential', proofs: { jwt: [jwt] } }, { authorization: `Bearer ${tok.json.access_token}` })
    const reused = await req(await w2.proof({ aud: issuerId, nonce: used }))
    t.same([reused.status, reused.json.error], [400, 'invalid_nonce'], 'a nonce is single use')
    const res = await req(await w2.proof({ aud: issuerId, nonce: await nonce() }))
    t.equal(res.status, 200, JSON.stringify(res.json))
    t.equal(res.json.credentials[0].credential.credentialSubject.id, w2.did)
    t.match(await checkIssued(res.json.credentials[0].credential), { schema: true, proof: true })
    })
  }

  await t.test('tx_code: required when offered, wrong ones capped at 5, then the code is dead', async t => {
    const mint = async () => {
      const r = await post(s.origin + s.claimPath + '/offers', { txCode: true })
      t.match(r.json.txCode, /^\d{6}$/)
      const o = await (await fetch(s.local(new URL(r.json.offerUri).searchParams.get('credential_offer_uri') as string))).json() as any
      const grant = o.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']
      t.same(grant.tx_code, { input_mode: 'numeric', length: 6, description: 'Code shown when the offer was made' })
      return { txCode: r.json.txCode as string, form: `grant_type=${encodeURIComponent('urn:ietf:params:oauth:grant-type:pre-authorized_code')}&pre-authorized_code=${grant['pre-authorized_code']}` }
    }
    const a = await mint()
    const missing = await post(s.local(as.token_endpoint), a.form)
    t.same([missing.status, missing.json.error], [400, 'invalid_request'])
    const wrong = a.txCode === '000000' ? '111111' : '000000'
    const ok = await post(s.local(as.token_endpoint), `${a.form}&tx_code=${wrong}`)
    t.same([ok.status, ok.json.error, ok.json.error_description], [400, 'invalid_grant', 'wrong tx_code'])
    const right = await post(s.local(as.token_endpoint), `${a.form}&tx_code=${a.txCode}`)
    t.equal(right.status, 200, 'the right code after a wrong one')
    const b = await mint()
    const answers = []
    for (let i = 0; i < 5; i++) answers.push((await post(s.local(as.token_endpoint), `${b.form}&tx_code=${b.txCode === '000000' ? '111111' : '000000'}`)).json.error_description)
    t.same(answers, ['wrong tx_code', 'wrong tx_code', 'wrong tx_code', 'wrong tx_code', 'too many wrong tx_codes: the offer is invalidated'])
    const late = await post(s.local(as.token_endpoint), `${b.form}&tx_code=${b.txCode}`)
    t.same([late.status, late.json.error], [400, 'invalid_grant'], 'even the right code is refused once the cap is reached')
  })

  await t.test('an expired claim link mints no offer; a wrong grant type or a tx_code is refused', async t => {
    const bad = await post(s.local(as.token_endpoint), 'grant_type=authorization_code&code=x')
    t.same([bad.status, bad.json.error], [400, 'unsupported_grant_type'])
    const plain = await (await fetch(s.local(new URL((await post(s.origin + s.claimPath + '/offers', {})).json.offerUri).searchParams.get('credential_offer_uri') as string))).json() as any
    const plainCode = plain.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']['pre-authorized_code']
    const tx = await post(s.local(as.token_endpoint), `grant_type=${encodeURIComponent('urn:ietf:params:oauth:grant-type:pre-authorized_code')}&pre-authorized_code=${plainCode}&tx_code=123456`)
    t.same([tx.status, tx.json.error], [400, 'invalid_request'], 'a tx_code the offer did not ask for')
    const unknown = await post(s.local(as.token_endpoint), `grant_type=${encodeURIComponent('urn:ietf:params:oauth:grant-type:pre-authorized_code')}&pre-authorized_code=abc`)
    t.same([unknown.status, unknown.json.error], [400, 'invalid_grant'])
    await s.db.collection('claims').updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1000) } })
    const expired = await post(s.origin + s.claimPath + '/offers', {})
    t.equal(expired.status, 404)
  })
})

t.test('a revoked award is not delivered: no new offers (409), and an offer made before the revocation is denied', async t => {
  const s = await setup(t)
  const { createStatusStore } = await import('@obp/status')
  const offerRes = await post(s.origin + s.claimPath + '/offers', {})
  t.equal(offerRes.status, 201)
  const offer = await (await fetch(s.local(new URL(offerRes.json.offerUri).searchParams.get('credential_offer_uri') as string))).json() as any
  const metadata = await (await fetch(`${s.origin}/.well-known/openid-credential-issuer/issuers/${s.issuer.id}`)).json() as any
  const as = await (await fetch(`${s.origin}/.well-known/oauth-authorization-server/issuers/${s.issuer.id}`)).json() as any
  const code = offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']['pre-authorized_code']
  const token = await post(s.local(as.token_endpoint), `grant_type=${encodeURIComponent('urn:ietf:params:oauth:grant-type:pre-authorized_code')}&pre-authorized_code=${code}`)
  t.equal(token.status, 200)

  await createStatusStore(s.db).setRevoked({ credentialId: s.award.id, revoked: true, by: 'test', reason: 'Awarded by mistake' })
  const refused = await post(s.origin + s.claimPath + '/offers', {})
  t.same([refused.status, refused.json.code], [409, 'OBP_ISSUER_AWARD_NOT_DELIVERABLE'], 'no new wallet offer for a revoked badge')

  const w = await wallet('did:key')
  const nonce = (await post(s.local(metadata.nonce_endpoint), '')).json.c_nonce as string
  const denied = await post(s.local(metadata.credential_endpoint), { credential_configuration_id: 'OpenBadgeCredential', proofs: { jwt: [await w.proof({ aud: offer.credential_issuer, nonce })] } }, { authorization: `Bearer ${token.json.access_token}` })
  t.same([denied.status, denied.json.error], [400, 'credential_request_denied'], 'OID4VCI 1.0 §8.3.1.2')
})

t.test('a copy stored while its award is being revoked is revoked too, and its list\'s publish is queued', async t => {
  const s = await setup(t)
  const { createStatusStore } = await import('@obp/status')
  const { issueHolderCopy } = await import('../src/oid4vci/holder-credential.js')
  const { createWorkerRedis } = await import('@obp/service-kit')
  const { createIssuerContext } = await import('../src/context.js')
  const redis = createWorkerRedis(s.config.REDIS_URL)
  const ctx = createIssuerContext({ config: s.config, secrets: s.secrets, db: s.db, redis })
  t.teardown(async () => { await ctx.close(); redis.disconnect() })
  const store = createStatusStore(s.db)
  // The award is revoked once the copy's delivery check has passed, before the copy is linked: the revocation's
  // cascade finds no copy, so only the copy's own re-check can catch it.
  await store.setRevoked({ credentialId: s.award.id, revoked: true, by: 'key-1', reason: 'Awarded by mistake', publishReason: true })
  const racing = { ...ctx, liveStatus: { ...ctx.liveStatus, statusOf: async () => ({ state: 'valid' }) } } as unknown as typeof ctx
  const w = await wallet('did:key')
  const copy = await issueHolderCopy(racing, s.award.id, s.issuer.id, w.did) as any
  t.not(copy.credentialStatus.id, s.award.credentialStatus.id)
  t.equal(await ctx.status.isRevoked({ credentialId: copy.id }), true, 'the copy is revoked at once')
  t.match(await store.history(copy.id), [{ by: 'key-1', to: 'revoked', reason: `Awarded by mistake (follows award ${s.award.id})` }], 'its audit names the principal and the award')
  const entry = await s.db.collection('status_entries').findOne({ _id: copy.id })
  t.match(await store.revocationOf(entry!.listId, entry!.index), { reason: 'Awarded by mistake' }, 'the published reason follows the award\'s')
  const jobs = await ctx.queues.statusPublish.getJobs(['delayed', 'waiting'])
  t.ok(jobs.some(j => j.data.listId === entry!.listId), 'the copy\'s list publish is queued on obp-status-publish')
  // restoring the award restores the copy (the cascade, now that the copy is linked)
  await store.setRevoked({ credentialId: s.award.id, revoked: false, by: 'key-1' })
  t.equal(await ctx.status.isRevoked({ credentialId: copy.id }), false, 'restored with its award')
})
