import t from 'tap'
import { buildEndorsementCredential, matchesIdentity, type Profile } from '@obp/ob3'
import { createQueue, QUEUES } from '@obp/service-kit'
import { createStatusStore } from '@obp/status'
import { build, bearer, sweptEntries, checkIssued, createAchievement, createIssuer } from './helper.js'
import { credentialJobId } from '../src/ids.js'

const award = (achievementId: string, recipient: Record<string, string> = { email: 'Ada@Example.org' }) => ({ achievementId, recipient })

t.test('achievements: create, read by segment or full id, list, replace', async t => {
  const { app, secrets, config } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const a = await createAchievement(app, issuer, { achievementType: 'Certificate', tag: ['data'], alignment: [{ targetName: 'ESCO', targetUrl: 'https://esco.example/skill/1' }] })
  t.match(a.id, new RegExp(`^${config.ISSUER_PUBLIC_URL}/issuers/${issuer.id}/achievements/[0-9a-f-]{36}$`))
  t.same(a.type, ['Achievement'])
  const seg = a.id.split('/').pop()
  t.same((await app.inject(`/issuers/${issuer.id}/achievements/${seg}`)).json(), a)
  t.same((await app.inject(`/issuers/${issuer.id}/achievements/${encodeURIComponent(a.id)}`)).json(), a)
  t.equal((await app.inject(`/issuers/${issuer.id}/achievements`)).json().length, 1)
  const put = await app.inject({ method: 'PUT', url: `/issuers/${issuer.id}/achievements/${seg}`, headers: bearer(issuer.apiKey), payload: { name: 'Data Literacy II', description: 'More.', criteria: { id: 'https://uni.example/criteria' } } })
  t.equal(put.statusCode, 200, put.body)
  t.equal(put.json().id, a.id)
  t.equal((await app.inject(`/issuers/${issuer.id}/achievements/${seg}`)).json().name, 'Data Literacy II')
  const invalid = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/achievements`, headers: bearer(issuer.apiKey), payload: { name: 'x', description: 'y' } })
  t.equal(invalid.statusCode, 400)
  t.equal((await app.inject(`/issuers/${issuer.id}/achievements/nope`)).json().code, 'OBP_ISSUER_ACHIEVEMENT_NOT_FOUND')
})

t.test('awards: email, DID and sourcedId recipients; schema-valid, verifying, stored, status entry, event', async t => {
  const { app, secrets, config, db, queuePrefix } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const a = await createAchievement(app, issuer)
  const events = createQueue(QUEUES.credentialEvents, app.redis, { prefix: queuePrefix })
  t.teardown(() => events.close())

  const email = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey), payload: award(a.id.split('/').pop()) })
  t.equal(email.statusCode, 201, email.body)
  const vc = email.json()
  t.match(vc.id, new RegExp(`^${config.ISSUER_PUBLIC_URL}/credentials/[0-9a-f-]{36}$`))
  t.same(vc.type, ['VerifiableCredential', 'OpenBadgeCredential'])
  t.equal(vc.issuer.id, issuer.did)
  t.ok(Array.isArray(vc.proof) && Array.isArray(vc.credentialSchema))
  const identity = vc.credentialSubject.identifier[0]
  t.equal(identity.identityType, 'emailAddress')
  t.ok(matchesIdentity(identity, 'ada@example.org'), 'hashed email matches')
  t.notOk(JSON.stringify(vc).includes('Ada@Example.org'), 'no clear email in the credential')
  t.match(vc.credentialStatus, { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListCredential: new RegExp(`^${config.REVOCATION_PUBLIC_URL}/status-lists/`) })
  t.equal(vc.credentialStatus.id, `${vc.credentialStatus.statusListCredential}#${vc.credentialStatus.statusListIndex}`)
  const check = await checkIssued(vc)
  t.ok(check.schema && check.proof, check.detail)
  const stored = await db.collection<{ json: string; issuerId: string }>('credentials').findOne({ _id: vc.id } as object)
  t.equal(stored?.json, JSON.stringify(vc), 'stored verbatim, as the JSON text that was returned')
  t.equal(stored?.issuerId, issuer.id)
  const job = await events.getJob(credentialJobId(vc.id))
  t.match(job?.data, { type: 'credential.issued', credentialId: vc.id, issuerId: issuer.id })
  t.match(await db.collection('status_entries').findOne({ _id: vc.id } as object), { state: 'reserved', group: /^awards:/ }, 'its entry reserved in its group')
  t.equal((await sweptEntries(db)).find(e => e._id === vc.id)?.state, 'bound', 'bound by the sweeper with its group')

  const did = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey), payload: award(a.id, { did: 'did:example:learner-7', name: 'Ada' }) })
  t.equal(did.statusCode, 201, did.body)
  t.equal(did.json().credentialSubject.id, 'did:example:learner-7')
  t.equal(did.json().credentialSubject.name, 'Ada')
  const sourced = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey), payload: { ...award(a.id, { sourcedId: 'SIS-42' }), validUntil: '2099-01-01T00:00:00Z', evidence: [{ narrative: 'Project.' }] } })
  t.equal(sourced.statusCode, 201, sourced.body)
  t.equal(sourced.json().credentialSubject.identifier[0].identityType, 'sourcedId')
  for (const res of [did, sourced]) {
    const c = await checkIssued(res.json())
    t.ok(c.schema && c.proof, c.detail)
  }
  const bad = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey), payload: { ...award(a.id), validFrom: '2030-01-01T00:00:00Z', validUntil: '2029-01-01T00:00:00Z' } })
  t.equal(bad.statusCode, 400)
  t.equal(bad.json().code, 'OBP_OB3_INVALID_VALIDITY')
  const noAchievement = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey), payload: award('https://elsewhere.example/achievements/x') })
  t.equal(noAchievement.statusCode, 404)
})

t.test('Idempotency-Key: same body (any key order) -> 200 same credential; other body -> 422; concurrent twins -> one credential', async t => {
  const { app, secrets, db } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const a = await createAchievement(app, issuer)
  const post = (payload: object, key: string) => app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: { ...bearer(issuer.apiKey), 'idempotency-key': key }, payload })
  const first = await post({ achievementId: a.id, recipient: { email: 'x@uni.example', name: 'X' } }, 'k-1')
  t.equal(first.statusCode, 201)
  const again = await post({ recipient: { name: 'X', email: 'x@uni.example' }, achievementId: a.id }, 'k-1')
  t.equal(again.statusCode, 200)
  t.same(again.json(), first.json())
  const other = await post({ achievementId: a.id, recipient: { email: 'y@uni.example' } }, 'k-1')
  t.equal(other.statusCode, 422)
  t.equal(other.json().code, 'OBP_ISSUER_IDEMPOTENCY_KEY_REUSED')
  // the refused reuse holds nothing: y can be awarded
  const y = await post({ achievementId: a.id, recipient: { email: 'y@uni.example' } }, 'k-y')
  t.equal(y.statusCode, 201, 'the recipient of a refused reuse is not held by it')
  const invalidReuse = await post({ achievementId: a.id, recipient: { email: 'z@uni.example' }, validFrom: '2030-01-01T00:00:00Z', validUntil: '2029-01-01T00:00:00Z' }, 'k-1')
  t.equal(invalidReuse.json().code, 'OBP_ISSUER_IDEMPOTENCY_KEY_REUSED', 'a reused key is answered as such, even with an award the builder refuses')
  const refused = await post({ achievementId: a.id, recipient: { email: 'z@uni.example' }, validFrom: '2030-01-01T00:00:00Z', validUntil: '2029-01-01T00:00:00Z' }, 'k-bad')
  t.equal(refused.statusCode, 400)
  t.equal((await post({ achievementId: a.id, recipient: { email: 'z@uni.example' } }, 'k-bad')).statusCode, 422, 'a refused request keeps its key, as before')

  const body = { achievementId: a.id, recipient: { email: 'twin@uni.example' } }
  const twins = await Promise.all([post(body, 'k-2'), post(body, 'k-2'), post(body, 'k-2')])
  t.same(twins.map(r => r.statusCode).sort(), [200, 200, 201])
  t.equal(new Set(twins.map(r => r.json().id)).size, 1)
  t.equal(new Set(twins.map(r => r.body)).size, 1, 'every twin answers the very same signed credential')
  const hash = twins[0].json().credentialSubject.identifier[0].identityHash
  const mine = await db.collection<{ json: string }>('credentials').find({ issuerId: issuer.id } as object).toArray()
  t.equal(mine.filter(c => JSON.parse(c.json).credentialSubject.identifier?.[0]?.identityHash === hash).length, 1, 'one credential for the twins')

  // a reuse racing its key's first request: one of them is issued, the other refused, and the refused one's
  // recipient is not held by it
  const raced = await Promise.all([post({ achievementId: a.id, recipient: { email: 'p@uni.example' } }, 'k-3'), post({ achievementId: a.id, recipient: { email: 'q@uni.example' } }, 'k-3')])
  t.same(raced.map(r => r.statusCode).sort(), [201, 422])
  const loser = raced[0].statusCode === 422 ? 'p@uni.example' : 'q@uni.example'
  t.equal((await post({ achievementId: a.id, recipient: { email: loser } }, 'k-4')).statusCode, 201, 'the refused request left no award key behind')
  const issued = await db.collection('credentials').countDocuments({ issuerId: issuer.id } as object)
  const slots = await db.collection('status_entries').countDocuments({ issuerId: issuer.id } as object)
  t.equal(slots, issued, 'one status slot per stored credential: the replays and the refused requests spent none')
  const keys = (await db.collection<{ _id: string; credentialId: string }>('award_keys').find({}).toArray()).filter(k => k._id.startsWith(issuer.id + '|'))
  const stored = new Set((await db.collection<{ json: string }>('credentials').find({ issuerId: issuer.id } as object).toArray()).map(c => JSON.parse(c.json).id))
  t.ok(keys.length > 0 && keys.every(k => stored.has(k.credentialId)), 'every award key names a stored credential')
  // keys are scoped to the issuer: another issuer may use the same key
  const b = await createIssuer(app, secrets.adminToken, { name: 'B' })
  const bAchievement = await createAchievement(app, b)
  const bRes = await app.inject({ method: 'POST', url: `/issuers/${b.id}/credentials`, headers: { ...bearer(b.apiKey), 'idempotency-key': 'k-1' }, payload: { achievementId: bAchievement.id, recipient: { email: 'y@uni.example' } } })
  t.equal(bRes.statusCode, 201)
})

t.test('accepted endorsements are embedded; did:web rotation keeps old credentials verifying', async t => {
  const { app, secrets, db } = await build(t, { DID_WEB_HOST: 'badges.example.org' })
  const issuer = await createIssuer(app, secrets.adminToken, { didMethod: 'web' })
  const endorser = await createIssuer(app, secrets.adminToken, { name: 'Endorser' })
  const a = await createAchievement(app, issuer)
  const endorse = async () => {
    const unsigned = buildEndorsementCredential({ id: `urn:uuid:${crypto.randomUUID()}`, issuer: endorser.profile as unknown as Profile, subjectId: a.id, comment: 'Rigorous.' })
    const res = await app.inject({ method: 'POST', url: '/credentials/issue', headers: bearer(endorser.apiKey), payload: { credential: unsigned } })
    t.equal(res.statusCode, 201, res.body)
    return res.json().verifiableCredential
  }
  const [endorsement, revokedOne] = [await endorse(), await endorse()]
  // the status entry is the truth for revocation (the revocation service sets it)
  await createStatusStore(db).setRevoked({ credentialId: revokedOne.id, revoked: true, by: 'test' })
  const doc = { endorserIssuerId: endorser.id, subjectId: a.id, subjectIssuerId: issuer.id, subjectKind: 'achievement', createdAt: new Date() }
  await db.collection('endorsements').insertMany([
    { ...doc, _id: 'e1', credential: endorsement, state: 'accepted', acceptedAt: new Date() },
    { ...doc, _id: 'e2', credential: endorsement, state: 'issued' },
    { ...doc, _id: 'e3', credential: revokedOne, state: 'accepted', acceptedAt: new Date() }
  ] as never[])

  const didDoc = () => app.inject(`/issuers/${issuer.id}/did.json`).then(r => r.json())
  const first = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey), payload: award(a.id) })
  t.equal(first.statusCode, 201, first.body)
  t.same(first.json().endorsement, [endorsement], 'only the accepted, unrevoked endorsement')
  const before = await checkIssued(first.json(), { [issuer.did]: await didDoc() })
  t.ok(before.schema && before.proof, before.detail)

  const rotated = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/keys`, headers: bearer(issuer.apiKey), payload: {} })
  t.equal(rotated.statusCode, 201)
  const second = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey), payload: award(a.id, { email: 'grace@example.org' }) })
  t.equal(second.json().proof[0].verificationMethod, rotated.json().id, 'the new key signs from now on')
  const docs = { [issuer.did]: await didDoc() }
  for (const vc of [first.json(), second.json()]) {
    const c = await checkIssued(vc, docs)
    t.ok(c.proof, `verifies against the rotated DID document: ${c.detail}`)
  }
})
