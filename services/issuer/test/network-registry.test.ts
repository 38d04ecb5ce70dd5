// GET /network/registry and the OpenID Federation endpoints (issue 18), verified independently with stock `jose`
// against the published key: what VerifierPlus / the Learner Credential Wallet (and any JOSE library) would do.
import t from 'tap'
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, importJWK, jwtVerify } from 'jose'
import { join, makeIssuer, setup } from './network-fixtures.js'

t.test('the registry lists current members, signed; a forged or altered copy is refused', async t => {
  const net = await setup(t)
  const rennes = await makeIssuer(net, 'Université de Rennes')
  const brest = await makeIssuer(net, 'IMT Brest')
  await makeIssuer(net, 'Outsider')
  await join(net, rennes, brest)

  const json = await net.app.inject('/network/registry')
  t.equal(json.statusCode, 200)
  const doc = json.json()
  t.equal(doc.meta.name, 'Open Badges Network')
  t.same(Object.keys(doc.registry), [rennes.did, brest.did], 'members only, oldest membership first')
  t.match(doc.registry[rennes.did], { name: 'Université de Rennes', url: 'https://university.example', memberSince: String })

  const jwks = (await net.app.inject('/network/registry/jwks.json')).json()
  const signed = await net.app.inject({ url: '/network/registry', headers: { accept: 'application/jwt' } })
  t.match(signed.headers['content-type'], /^application\/jwt/)
  const { payload, protectedHeader } = await jwtVerify(signed.body, createLocalJWKSet(jwks), { issuer: `${net.publicUrl}/network/registry` })
  t.equal(protectedHeader.alg, 'ES256')
  t.same(payload.registry, doc.registry, 'the signed document is the same registry')
  t.equal((await net.app.inject('/network/registry?format=jwt')).body.split('.').length, 3)

  const [h, p, s] = signed.body.split('.') as [string, string, string]
  const altered = JSON.parse(Buffer.from(p, 'base64url').toString())
  altered.registry['did:key:z6MkImpostor'] = { name: 'Example University', memberSince: '2020-01-01T00:00:00.000Z' }
  await t.rejects(compactVerify(`${h}.${Buffer.from(JSON.stringify(altered)).toString('base64url')}.${s}`, await importJWK(jwks.keys[0], 'ES256')), 'an altered registry fails verification')

  const again = (await net.app.inject('/network/registry/jwks.json')).json()
  t.same(again, jwks, 'one stable registry key')
})

t.test('OpenID Federation: the entity configuration is self-signed; each member has a signed statement', async t => {
  const net = await setup(t)
  const rennes = await makeIssuer(net, 'Université de Rennes')
  const outsider = await makeIssuer(net, 'Outsider')
  await join(net, rennes)

  const ec = await net.app.inject('/.well-known/openid-federation')
  t.match(ec.headers['content-type'], /^application\/entity-statement\+jwt/)
  t.equal(decodeProtectedHeader(ec.body).typ, 'entity-statement+jwt')
  const unverified = JSON.parse(Buffer.from(ec.body.split('.')[1]!, 'base64url').toString())
  const { payload: anchor } = await jwtVerify(ec.body, createLocalJWKSet(unverified.jwks), { issuer: net.publicUrl, subject: net.publicUrl })
  t.match(anchor.metadata, { federation_entity: { organization_name: 'Open Badges Network', federation_fetch_endpoint: `${net.publicUrl}/network/registry/fetch` } })

  t.same((await net.app.inject('/network/registry/list')).json(), [rennes.did])
  const statement = await net.app.inject({ url: '/network/registry/fetch', query: { sub: rennes.did } })
  const { payload } = await jwtVerify(statement.body, createLocalJWKSet(unverified.jwks), { issuer: net.publicUrl, subject: rennes.did })
  t.match(payload.metadata, { federation_entity: { organization_name: 'Université de Rennes', homepage_uri: 'https://university.example' }, institution_additional_information: { member_since: String } })
  const none = await net.app.inject({ url: '/network/registry/fetch', query: { sub: outsider.did } })
  t.equal(none.statusCode, 404)
  t.equal(none.json().code, 'OBP_ISSUER_MEMBER_NOT_FOUND')
})
