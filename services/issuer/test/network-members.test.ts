import t from 'tap'
import { apiKey, bearer, endorse, join, makeAchievement, makeIssuer, setup } from './network-fixtures.js'

t.test('members: admin adds and removes, anyone lists, history is kept', async t => {
  const net = await setup(t)
  const a = await makeIssuer(net, 'Alpha College')
  const b = await makeIssuer(net, 'Beta Guild')
  const add = (issuerId: string, headers = net.admin) => net.app.inject({ method: 'POST', url: '/network/members', headers, payload: { issuerId } })

  t.equal((await add(a.issuerId, {})).statusCode, 401, 'no token')
  t.equal((await add(a.issuerId, a.auth)).statusCode, 403, 'an issuer key is not the admin token')
  const unknown = await add('no-such-issuer')
  t.equal(unknown.statusCode, 404)
  t.equal(unknown.json().code, 'OBP_ISSUER_NOT_FOUND')

  const first = await add(a.issuerId)
  t.equal(first.statusCode, 201, first.body)
  t.match(first.json(), { issuerId: a.issuerId, did: a.did, profile: { id: a.did, name: 'Alpha College' }, since: String })
  const again = await add(a.issuerId)
  t.equal(again.statusCode, 200, 'already a member')
  t.equal(again.json().since, first.json().since)
  t.equal((await add(b.issuerId)).statusCode, 201)

  const list = await net.app.inject('/network/members')
  t.equal(list.statusCode, 200)
  t.same(list.json().map((m: { issuerId: string }) => m.issuerId), [a.issuerId, b.issuerId], 'public, oldest membership first')
  t.match(list.json()[0], { did: a.did, profile: { id: a.did }, since: first.json().since })

  t.equal((await net.app.inject({ method: 'DELETE', url: `/network/members/${a.issuerId}`, headers: a.auth })).statusCode, 403)
  const removed = await net.app.inject({ method: 'DELETE', url: `/network/members/${a.issuerId}`, headers: net.admin })
  t.equal(removed.statusCode, 200)
  t.ok(removed.json().removedAt)
  t.equal((await net.app.inject({ method: 'DELETE', url: `/network/members/${a.issuerId}`, headers: net.admin })).statusCode, 404, 'not a member any more')
  t.same((await net.app.inject('/network/members')).json().map((m: { issuerId: string }) => m.issuerId), [b.issuerId])

  const readd = await add(a.issuerId)
  t.equal(readd.statusCode, 201, 're-adding starts a new membership')
  const history = await net.app.inject(`/network/members/${a.issuerId}`)
  t.same(history.json().history.map((h: { action: string }) => h.action), ['added', 'removed', 'added'], 'removal keeps history')
  t.equal(history.json().since, readd.json().since)
  t.notOk(history.json().removedAt)

  const docs = (await net.app.inject('/docs/json')).json()
  for (const path of ['/network/members', '/network/graph', '/network/achievements', '/network/trust', '/issuers/{issuerId}/endorsements', '/issuers/{issuerId}/endorsement-requests/{requestId}/issue']) {
    t.ok(docs.paths[path], `OpenAPI documents ${path}`)
  }
})

t.test('endorsement auth: 401, 403, 404 and the membership rules', async t => {
  const net = await setup(t)
  const a = await makeIssuer(net, 'A')
  const b = await makeIssuer(net, 'B')
  const outsider = await makeIssuer(net, 'Outsider')
  await join(net, a, b)
  const achievementOfB = await makeAchievement(net, b, { name: 'B badge' })
  const url = `/issuers/${a.issuerId}/endorsements`
  const post = (headers: Record<string, string>, subjectId = achievementOfB) => net.app.inject({ method: 'POST', url, headers, payload: { subjectId, comment: 'x' } })

  t.equal((await post({})).statusCode, 401)
  t.equal((await post(bearer('obp_not-a-token'))).statusCode, 401)
  t.equal((await post(await apiKey(net, a, ['issue']))).statusCode, 403, 'needs the manage scope')
  const foreign = await post(b.auth)
  t.equal(foreign.statusCode, 404, 'another issuer\'s key never learns about A')
  const self = await post(a.auth, (await makeAchievement(net, a, { name: 'A badge' })))
  t.equal(self.statusCode, 422)
  t.equal(self.json().code, 'OBP_ISSUER_SELF_ENDORSEMENT')
  const ghost = await post(a.auth, 'https://elsewhere.example/achievements/1')
  t.equal(ghost.json().code, 'OBP_ISSUER_ENDORSEMENT_SUBJECT_NOT_FOUND')
  t.equal((await post(a.auth, outsider.did)).statusCode, 422, 'the subject must belong to a member')
  const notMember = await endorse(net, outsider, b.did)
  t.equal(notMember.statusCode, 403)
  t.equal(notMember.json().code, 'OBP_ISSUER_NOT_A_MEMBER')
  const bad = await net.app.inject({ method: 'POST', url, headers: a.auth, payload: { comment: 'no subject' } })
  t.equal(bad.statusCode, 400)

  const ok = await post(a.auth)
  t.equal(ok.statusCode, 201)
  const endorsementId = ok.json().id.split('/').pop()
  const acceptByEndorser = await net.app.inject({ method: 'POST', url: `/issuers/${a.issuerId}/endorsements/${endorsementId}/accept`, headers: a.auth })
  t.equal(acceptByEndorser.statusCode, 404, 'only the endorsed issuer accepts')
  const acceptWithForeignKey = await net.app.inject({ method: 'POST', url: `/issuers/${b.issuerId}/endorsements/${endorsementId}/accept`, headers: a.auth })
  t.equal(acceptWithForeignKey.statusCode, 404)
  const requests = await net.app.inject({ url: `/issuers/${a.issuerId}/endorsement-requests`, headers: b.auth })
  t.equal(requests.statusCode, 404)
  const decline = await net.app.inject({ method: 'POST', url: `/issuers/${b.issuerId}/endorsement-requests/${endorsementId}/decline`, headers: b.auth })
  t.equal(decline.statusCode, 404, 'an issued endorsement is not B\'s request to decline')
  const accept = await net.app.inject({ method: 'POST', url: `/issuers/${b.issuerId}/endorsements/${endorsementId}/accept`, headers: net.admin })
  t.equal(accept.statusCode, 200, 'the admin token may act for any issuer')
})
