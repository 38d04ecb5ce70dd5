// GET /.well-known/did-configuration.json (issue 18): one Domain Linkage JWT per did:web issuer on this domain,
// verified here with the stock VC-JWT verifier of @obp/signing against the issuer's served DID document.
import t from 'tap'
import { DID_CONFIGURATION_CONTEXT, verifyJwt } from '@obp/signing'
import { build, createIssuer, loaderWith } from './helper.js'

t.test('did:web issuers of this domain link it; did:key issuers do not appear', async t => {
  const { app, secrets } = await build(t, { DID_WEB_HOST: 'badges.example.org' })
  const web = await createIssuer(app, secrets.adminToken, { didMethod: 'web', name: 'Université Web' })
  await createIssuer(app, secrets.adminToken, { name: 'Key University' })
  const res = await app.inject('/.well-known/did-configuration.json')
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^application\/json/)
  const config = res.json()
  t.equal(config['@context'], DID_CONFIGURATION_CONTEXT)
  t.equal(config.linked_dids.length, 1, 'only the did:web issuer')
  const didDocument = (await app.inject(`/issuers/${web.id}/did.json`)).json()
  const result = await verifyJwt({ jwt: config.linked_dids[0], documentLoader: loaderWith({ [web.did]: didDocument }) })
  t.equal(result.verified, true, JSON.stringify(result.error))
  t.match(result.credential, { type: ['VerifiableCredential', 'DomainLinkageCredential'], issuer: web.did, credentialSubject: { id: web.did, origin: 'https://badges.example.org' } })
  const payload = JSON.parse(Buffer.from(config.linked_dids[0].split('.')[1], 'base64url').toString())
  t.equal(payload.iss, web.did)
  t.equal(payload.sub, web.did)
  t.ok(payload.exp > Date.now() / 1000 + 300 * 24 * 3600, 'valid for months')
})

t.test('without did:web on this service, the document lists nothing', async t => {
  const { app } = await build(t)
  t.same((await app.inject('/.well-known/did-configuration.json')).json().linked_dids, [])
})
