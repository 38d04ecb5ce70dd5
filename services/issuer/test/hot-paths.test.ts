// The request paths called at volume find their documents by `_id` only (issue 15): on FerretDB any other filter
// scans the collection, so its cost grows with every credential or batch ever stored. Every `find` these paths
// send is checked through the driver's command monitoring. (Their speed at 10k and 1M credentials: npm run bench.)
import t from 'tap'
import { watchFilters } from '@obp/service-kit/testing'
import { build, bearer, createAchievement, createIssuer } from './helper.js'

const PATHS_READ = new Set(['credentials', 'credential_refs', 'images', 'achievements', 'issuers', 'api_keys', 'batches', 'batch_results', 'batch_chunks'])

t.test('hosted credentials (every format, hit or miss, own URL or urn:uuid) and batch progress are _id lookups', async t => {
  const s = await build(t)
  const { app, secrets, mongoClient } = s
  const issuer = await createIssuer(app, secrets.adminToken)
  const a = await createAchievement(app, issuer)
  const vc = (await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey), payload: { achievementId: a.id, recipient: { email: 'a@uni.example' } } })).json()
  const urn = `urn:uuid:${crypto.randomUUID()}`
  const issued = await app.inject({
    method: 'POST', url: '/credentials/issue', headers: bearer(issuer.apiKey),
    payload: { credential: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: issuer.did, credentialSubject: { id: 'did:example:abc' } }, options: { credentialId: urn } }
  })
  t.equal(issued.statusCode, 201, issued.body)
  const batch = (await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/batches`, headers: bearer(issuer.apiKey), payload: { awards: [{ achievementId: a.id, recipient: { email: 'b@uni.example' } }] } })).json()

  const { sent, stop } = watchFilters(mongoClient)
  t.teardown(stop)

  const segment = vc.id.split('/').pop()
  const urnSegment = urn.split(':').pop()
  for (const url of [`/credentials/${segment}`, `/credentials/${segment}?format=png`, `/credentials/${segment}?format=svg`, `/credentials/${encodeURIComponent(vc.id)}`, `/credentials/${urnSegment}`]) {
    t.equal((await app.inject(url)).statusCode, 200, url)
  }
  t.equal((await app.inject({ url: `/credentials/${segment}`, headers: { accept: 'text/html' } })).statusCode, 200)
  t.equal((await app.inject('/credentials/00000000-0000-4000-8000-000000000000')).statusCode, 404, 'a miss')
  for (const q of ['', '?results=false']) t.equal((await app.inject({ url: `/batches/${batch.batchId}${q}`, headers: bearer(issuer.apiKey) })).statusCode, 200)

  // the collections these paths read (the status allocator's own background counting is not a request path)
  const finds = sent.filter(s => s.command === 'find' && PATHS_READ.has(s.collection))
  t.ok(finds.length > 0, `${finds.length} finds`)
  const notById = finds.filter(f => Object.keys(f.filter).join() !== '_id' || typeof f.filter._id !== 'string')
  t.same(notById, [], 'every find is one _id')
})

t.test('a single award, with or without Idempotency-Key, reads and updates by _id only (once the achievement\'s endorsements are cached)', async t => {
  const { app, secrets, mongoClient } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const a = await createAchievement(app, issuer)
  const award = (email: string, headers: Record<string, string> = {}) => app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: { ...bearer(issuer.apiKey), ...headers }, payload: { achievementId: a.id, recipient: { email }, notify: false } })
  t.equal((await award('warm@uni.example')).statusCode, 201, 'warm: the endorsements of the achievement are read once per ENDORSEMENT_CACHE_MS')
  const { sent, stop } = watchFilters(mongoClient)
  t.teardown(stop)
  t.equal((await award('ada@uni.example')).statusCode, 201)
  t.equal((await award('bob@uni.example', { 'idempotency-key': 'award-1' })).statusCode, 201)
  t.equal((await award('bob@uni.example', { 'idempotency-key': 'award-1' })).statusCode, 200, 'a replay')
  // no update of a status entry: the revocation service's sweeper binds them with their group (libs/status sweeper.ts)
  t.same(sent.filter(s => s.collection === 'status_entries' && s.command === 'update'), [], 'no status entry updated by an award')
  t.ok(sent.length >= 1, `${sent.length} reads and updates (issuer, achievement and key come from their caches): ${sent.map(s => `${s.command} ${s.collection}`).join(', ')}`)
  for (const s of sent) t.ok(typeof s.filter._id === 'string', `${s.command} ${s.collection} by _id: ${JSON.stringify(s.filter)}`)
})

t.test('a hosted credential served lately is kept (HOSTED_CACHE_MS): concurrent requests share one read, a miss is never kept', async t => {
  const { app, secrets, mongoClient } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const a = await createAchievement(app, issuer)
  const award = async () => (await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey), payload: { achievementId: a.id, recipient: { email: 'c@uni.example' }, notify: false } })).json()
  const vc = await award()
  const segment = vc.id.split('/').pop()
  const { sent, stop } = watchFilters(mongoClient)
  t.teardown(stop)
  const answers = await Promise.all(Array.from({ length: 20 }, () => app.inject(`/credentials/${segment}`)))
  t.same([...new Set(answers.map(r => r.statusCode))], [200])
  t.same(answers[0].json(), vc, 'the credential as issued')
  t.equal(new Set(answers.map(r => r.body)).size, 1, 'byte for byte the same answer')
  t.equal(sent.filter(s => s.command === 'find' && s.collection === 'credentials').length, 1, '20 concurrent requests, one read')
  t.equal((await app.inject(`/credentials/${segment}?format=png`)).statusCode, 200)
  t.equal(sent.filter(s => s.command === 'find' && s.collection === 'credentials').length, 1, 'the baked badge from the same record')

  const { app: uncached, secrets: s2, mongoClient: m2 } = await build(t, { HOSTED_CACHE_MS: '0' })
  const i2 = await createIssuer(uncached, s2.adminToken)
  const a2 = await createAchievement(uncached, i2)
  const vc2 = (await uncached.inject({ method: 'POST', url: `/issuers/${i2.id}/credentials`, headers: bearer(i2.apiKey), payload: { achievementId: a2.id, recipient: { email: 'd@uni.example' }, notify: false } })).json()
  const w2 = watchFilters(m2)
  t.teardown(w2.stop)
  for (let i = 0; i < 3; i++) t.equal((await uncached.inject(`/credentials/${vc2.id.split('/').pop()}`)).statusCode, 200)
  t.equal(w2.sent.filter(s => s.command === 'find' && s.collection === 'credentials').length, 3, 'HOSTED_CACHE_MS=0: a read per request')
})

t.test('a credential asked for before it exists is served once it is issued (misses are not kept)', async t => {
  const { app, secrets } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const uuid = crypto.randomUUID()
  t.equal((await app.inject(`/credentials/${uuid}`)).statusCode, 404)
  const issued = await app.inject({
    method: 'POST', url: '/credentials/issue', headers: bearer(issuer.apiKey),
    payload: { credential: { '@context': ['https://www.w3.org/ns/credentials/v2'], id: `urn:uuid:${uuid}`, type: ['VerifiableCredential'], issuer: issuer.did, credentialSubject: { id: 'did:example:abc' } } }
  })
  t.equal(issued.statusCode, 201, issued.body)
  const served = await app.inject(`/credentials/${uuid}`)
  t.equal(served.statusCode, 200)
  t.equal(served.json().id, `urn:uuid:${uuid}`)
})
