import t from 'tap'
import { createDocumentLoader } from '@obp/documents'
import { verifyCredential } from '@obp/signing'
import { acceptedEndorsements, acceptedEndorsementsBySubject, createAcceptedEndorsementReader } from '../src/network/index.js'
import { endorse, join, lastSegment, makeAchievement, makeIssuer, officialSchema, revoke, setup } from './network-fixtures.js'

const documentLoader = createDocumentLoader()

t.test('endorsement lifecycle: issue, accept, embed, revoke, no longer counted', async t => {
  const net = await setup(t)
  const museum = await makeIssuer(net, 'City Museum')
  const uni = await makeIssuer(net, 'State University')
  await join(net, museum, uni)
  const achievementId = await makeAchievement(net, uni, { name: 'Curatorial Practice', tag: ['museum'] })

  const res = await endorse(net, museum, achievementId, 'Taught with our collection.')
  t.equal(res.statusCode, 201, res.body)
  const vc = res.json()
  t.same(vc.type, ['VerifiableCredential', 'EndorsementCredential'])
  t.match(vc.id, new RegExp(`^${net.publicUrl}/endorsements/[0-9a-f-]{36}$`))
  t.equal(res.headers.location, vc.id)
  t.equal(vc.issuer.id, museum.did, 'signed as issued by the endorser')
  t.same(vc.credentialSubject, { id: achievementId, type: ['EndorsementSubject'], endorsementComment: 'Taught with our collection.' })
  t.match(vc.name, /Curatorial Practice/)
  t.match(vc.credentialStatus, { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: /^\d+$/ })
  t.ok(Array.isArray(vc.proof) && vc.proof[0].verificationMethod.startsWith(museum.did + '#'), 'proof by the endorser\'s key')

  const validate = officialSchema('endorsementcredential')
  t.ok(validate(vc), JSON.stringify(validate.errors))
  const verified = await verifyCredential({ credential: vc, documentLoader })
  t.ok(verified.verified, JSON.stringify(verified.error))

  const endorsementId = lastSegment(vc.id)
  const pub = await net.app.inject(`/endorsements/${endorsementId}`)
  t.equal(pub.statusCode, 200)
  t.same(pub.json(), vc, 'served publicly, as signed')

  const q = { issuerId: uni.issuerId, achievementId, issuerProfileId: uni.did }
  t.same(await acceptedEndorsements(net.db, q), [], 'not shown before the endorsed issuer accepts')
  const received = await net.app.inject({ url: `/issuers/${uni.issuerId}/endorsements`, headers: uni.auth })
  t.same(received.json().map((e: { endorsementId: string; state: string }) => [e.endorsementId, e.state]), [[endorsementId, 'issued']])

  const accept = await net.app.inject({ method: 'POST', url: `/issuers/${uni.issuerId}/endorsements/${endorsementId}/accept`, headers: uni.auth })
  t.equal(accept.statusCode, 200, accept.body)
  t.equal(accept.json().state, 'accepted')
  const again = await net.app.inject({ method: 'POST', url: `/issuers/${uni.issuerId}/endorsements/${endorsementId}/accept`, headers: uni.auth })
  t.equal(again.statusCode, 200, 'accepting twice is harmless')
  t.equal(again.json().acceptedAt, accept.json().acceptedAt, 'and keeps the first date')
  t.same(await acceptedEndorsements(net.db, q), [vc], 'embedded as signed')
  const reader = createAcceptedEndorsementReader(net.db)
  const cachedReader = createAcceptedEndorsementReader(net.db, { ttlMs: 3_600_000 })
  t.same(await reader.acceptedFor(uni.issuerId, [achievementId, uni.did]), [vc], 'the award path\'s reader interface')
  t.same(await cachedReader.acceptedFor(uni.issuerId, [achievementId, uni.did]), [vc])
  const duplicate = await endorse(net, museum, achievementId, 'Again.')
  t.equal(duplicate.statusCode, 409, 'one live endorsement per endorser and subject')
  t.equal(duplicate.json().code, 'OBP_ISSUER_ALREADY_ENDORSED')

  // A badge carrying it still validates against the official AchievementCredential schema.
  const { buildOpenBadgeCredential } = await import('@obp/ob3')
  const badge = buildOpenBadgeCredential({
    id: `${net.publicUrl}/credentials/x`,
    issuer: { id: uni.did, type: ['Profile'], name: uni.name },
    achievement: { id: achievementId, type: ['Achievement'], name: 'Curatorial Practice', description: 'd', criteria: { narrative: 'n' } },
    recipient: { email: 'someone@example.org' },
    endorsement: await acceptedEndorsements(net.db, q)
  })
  const validateBadge = officialSchema('achievementcredential')
  t.ok(validateBadge({ ...badge, proof: vc.proof }), JSON.stringify(validateBadge.errors))

  // Revoked through its own status entry, as the revocation service does.
  t.ok(await revoke(net, vc.id), 'revoked')
  t.same(await acceptedEndorsements(net.db, q), [], 'a revoked endorsement is no longer counted')
  t.same(await reader.acceptedFor(uni.issuerId, [achievementId, uni.did]), [])
  t.same(await cachedReader.acceptedFor(uni.issuerId, [achievementId, uni.did]), [vc], 'a cached read keeps its answer for ttlMs')
  const record = await net.db.collection('endorsements').findOne({ _id: endorsementId as never })
  t.equal(record?.revoked, true, 'and remembered as revoked')
  const reaccept = await net.app.inject({ method: 'POST', url: `/issuers/${uni.issuerId}/endorsements/${endorsementId}/accept`, headers: uni.auth })
  t.equal(reaccept.statusCode, 409)
  t.equal(reaccept.json().code, 'OBP_ISSUER_ENDORSEMENT_REVOKED')
  const renewed = await endorse(net, museum, achievementId, 'Renewed.')
  t.equal(renewed.statusCode, 201, 'after a revocation the endorser may endorse anew')

  // BSL §2.1: a status can be set back; the endorsement counts again and its hint follows.
  t.ok(await revoke(net, vc.id, false), 'unrevoked')
  t.same(await acceptedEndorsements(net.db, q), [vc], 'an unrevoked endorsement counts again')
  t.equal((await net.db.collection('endorsements').findOne({ _id: endorsementId as never }))?.revoked, false)
})

t.test('request, list, issue, decline; the issued endorsement keeps the request id', async t => {
  const net = await setup(t)
  const school = await makeIssuer(net, 'Harbour School')
  const employers = await makeIssuer(net, 'Employers\' Association')
  await join(net, school, employers)
  const achievementId = await makeAchievement(net, school, { name: 'Welding Level 2' })

  const ask = (subjectId: string, message?: string) => net.app.inject({
    method: 'POST', url: `/issuers/${school.issuerId}/endorsement-requests`, headers: school.auth, payload: { endorserIssuerId: employers.issuerId, subjectId, message }
  })
  const r1 = await ask(school.did, 'Would you endorse our school?')
  t.equal(r1.statusCode, 201, r1.body)
  t.match(r1.json(), { state: 'requested', subjectKind: 'profile', subjectId: school.did, message: 'Would you endorse our school?' })
  const requestId = r1.json().requestId
  t.equal(requestId, r1.json().endorsementId)
  const r2 = await ask(lastSegment(achievementId)) // the last segment names an achievement of this platform
  t.equal(r2.statusCode, 201, r2.body)
  t.equal(r2.json().subjectId, achievementId)
  const r3 = await ask(achievementId)
  t.equal(r3.statusCode, 409, 'one pending request per endorser and subject')
  t.equal(r3.json().code, 'OBP_ISSUER_ENDORSEMENT_ALREADY_REQUESTED')

  const notMine = await ask(await makeAchievement(net, employers, { name: 'Not yours' }))
  t.equal(notMine.statusCode, 422)
  t.equal(notMine.json().code, 'OBP_ISSUER_ENDORSEMENT_SUBJECT_NOT_OWNED')

  const pending = await net.app.inject({ url: `/issuers/${employers.issuerId}/endorsement-requests`, headers: employers.auth })
  t.equal(pending.statusCode, 200)
  t.same(pending.json().map((r: { endorsementId: string }) => r.endorsementId).sort(), [requestId, r2.json().requestId].sort())
  const sent = await net.app.inject({ url: `/issuers/${school.issuerId}/endorsement-requests?role=requester`, headers: school.auth })
  t.equal(sent.json().length, 2)

  const issued = await net.app.inject({
    method: 'POST', url: `/issuers/${employers.issuerId}/endorsement-requests/${requestId}/issue`, headers: employers.auth, payload: { comment: 'Our members hire here.' }
  })
  t.equal(issued.statusCode, 201, issued.body)
  const vc = issued.json()
  t.equal(vc.id, `${net.publicUrl}/endorsements/${requestId}`)
  t.equal(vc.issuer.id, employers.did)
  t.same(vc.credentialSubject, { id: school.did, type: ['EndorsementSubject'], endorsementComment: 'Our members hire here.' })
  t.ok((await verifyCredential({ credential: vc, documentLoader })).verified)
  t.ok(officialSchema('endorsementcredential')(vc))

  const twice = await net.app.inject({ method: 'POST', url: `/issuers/${employers.issuerId}/endorsement-requests/${requestId}/issue`, headers: employers.auth, payload: {} })
  t.equal(twice.statusCode, 409, 'a request is granted once')

  const declined = await net.app.inject({ method: 'POST', url: `/issuers/${employers.issuerId}/endorsement-requests/${r2.json().requestId}/decline`, headers: employers.auth })
  t.equal(declined.statusCode, 200)
  t.equal(declined.json().state, 'declined')
  const late = await net.app.inject({ method: 'POST', url: `/issuers/${employers.issuerId}/endorsement-requests/${r2.json().requestId}/issue`, headers: employers.auth })
  t.equal(late.statusCode, 409)
  const cannotAccept = await net.app.inject({ method: 'POST', url: `/issuers/${school.issuerId}/endorsements/${r2.json().requestId}/accept`, headers: school.auth })
  t.equal(cannotAccept.statusCode, 409, 'a declined request cannot be accepted')
  t.equal((await net.app.inject({ url: `/endorsements/${r2.json().requestId}` })).statusCode, 404, 'nothing public for a declined request')

  // Accepted profile endorsements are embedded too, split by subject on request.
  await net.app.inject({ method: 'POST', url: `/issuers/${school.issuerId}/endorsements/${requestId}/accept`, headers: school.auth })
  const split = await acceptedEndorsementsBySubject(net.db, { issuerId: school.issuerId, achievementId, issuerProfileId: school.did })
  t.same(split, { achievement: [], profile: [vc] })
  const hide = await net.app.inject({ method: 'POST', url: `/issuers/${school.issuerId}/endorsements/${requestId}/hide`, headers: school.auth })
  t.equal(hide.json().state, 'issued')
  t.same(await acceptedEndorsements(net.db, { issuerId: school.issuerId, achievementId, issuerProfileId: school.did }), [], 'hidden again')
})

t.test('trust for verifiers: membership and the members who endorse; a removed member no longer counts', async t => {
  const net = await setup(t)
  const a = await makeIssuer(net, 'A')
  const b = await makeIssuer(net, 'B')
  const c = await makeIssuer(net, 'C')
  await join(net, a, b, c)
  const badge = await makeAchievement(net, b, { name: 'B badge' })
  const byA = (await endorse(net, a, b.did)).json()
  const byC = (await endorse(net, c, badge)).json()
  await net.app.inject({ method: 'POST', url: `/issuers/${b.issuerId}/endorsements/${lastSegment(byA.id)}/accept`, headers: b.auth })
  const trust = async (issuer: string, achievement?: string) => (await net.app.inject({ url: '/network/trust', query: { issuer, ...(achievement ? { achievement } : {}) } })).json()

  const full = await trust(b.did, badge)
  t.equal(full.member, true)
  t.ok(full.since)
  t.same(full.endorsedBy.map((e: { id: string; subjectId: string; accepted: boolean }) => [e.id, e.subjectId, e.accepted]).sort(), [[a.did, b.did, true], [c.did, badge, false]].sort())
  t.same((await trust(b.did)).endorsedBy.map((e: { id: string }) => e.id), [a.did], 'without an achievement: the profile\'s endorsers')
  t.same(await trust('did:key:z6MkUnknown'), { issuer: 'did:key:z6MkUnknown', network: 'Open Badges Network', member: false, endorsedBy: [] })

  t.ok(await revoke(net, byC.id))
  t.same((await trust(b.did, badge)).endorsedBy.map((e: { id: string }) => e.id), [a.did], 'a revoked endorsement is not counted')

  await net.app.inject({ method: 'DELETE', url: `/network/members/${a.issuerId}`, headers: net.admin })
  t.same((await trust(b.did, badge)).endorsedBy, [], 'nor one by a former member')
  t.equal((await trust(a.did)).member, false)
  const q = { issuerId: b.issuerId, issuerProfileId: b.did }
  t.same(await acceptedEndorsements(net.db, q), [byA], 'the signed endorsement itself stays embeddable')
})

t.test('concurrent endorsements of one subject by one endorser: the unique live slot lets exactly one through', async t => {
  const net = await setup(t)
  const museum = await makeIssuer(net, 'Harbour Museum')
  const uni = await makeIssuer(net, 'Coast University')
  await join(net, museum, uni)
  const achievementId = await makeAchievement(net, uni, { name: 'Maritime History' })
  const answers = await Promise.all(Array.from({ length: 4 }, (_, i) => endorse(net, museum, achievementId, `Race ${i}.`)))
  t.same(answers.map(r => r.statusCode).sort(), [201, 409, 409, 409], answers.map(r => r.body).join('\n'))
  const winner = lastSegment(answers.find(r => r.statusCode === 201)?.json().id)
  for (const r of answers.filter(r => r.statusCode === 409)) t.match(r.json(), { code: 'OBP_ISSUER_ALREADY_ENDORSED', detail: new RegExp(winner) }, 'names the live endorsement')
  const live = await net.db.collection('endorsements').find({ endorserIssuerId: museum.issuerId, subjectId: achievementId, state: { $in: ['issued', 'accepted'] } } as object).toArray()
  t.equal(live.length, 1, 'one endorsement stored for the pair')
})

t.test('the live slot at store level: a second live endorsement of a pair is refused until the holder is revoked', async t => {
  const net = await setup(t)
  const { createEndorsementStore } = await import('../src/network/endorsement-store.js')
  const store = createEndorsementStore(net.db)
  await store.ensureIndexes()
  const pair = { endorserIssuerId: 'museum', subjectId: 'https://u.example/achievements/a', subjectIssuerId: 'uni', subjectKind: 'achievement' as const }
  const credential = (id: string) => ({ id: `https://p.example/endorsements/${id}` })
  const revoked = new Set<string>()
  const isRevoked = async (credentialId: string) => revoked.has(credentialId)
  const slot = `${pair.endorserIssuerId} ${pair.subjectId}`
  await store.withLiveSlot(slot, isRevoked, () => store.insertIssued({ _id: 'e1', ...pair }, credential('e1')))
  await t.rejects(store.withLiveSlot(slot, isRevoked, () => store.insertIssued({ _id: 'e2', ...pair }, credential('e2'))), { name: 'Error', message: 'live endorsement e1', holder: 'e1' })
  t.equal(await store.get('e2'), null, 'nothing stored for the loser')
  // a request for the same pair does not hold the slot; issuing it is refused like a second endorsement
  await store.insertRequest({ _id: 'r1', ...pair })
  await t.rejects(store.withLiveSlot(slot, isRevoked, () => store.issueRequest('r1', 'museum', credential('r1'), slot)), { name: 'Error', message: 'live endorsement e1', holder: 'e1' })
  t.equal((await store.get('r1'))?.state, 'requested')
  revoked.add(credential('e1').id)
  await store.withLiveSlot(slot, isRevoked, () => store.insertIssued({ _id: 'e3', ...pair }, credential('e3')))
  t.match(await store.get('e1'), { liveSlot: 'e1', revoked: true }, 'the revoked holder gave the slot back')
  t.equal((await store.get('e3'))?.liveSlot, slot)
})
