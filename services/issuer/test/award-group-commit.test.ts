// Single awards in flight together (issue 20): their inserts are sent to the store together
// (@obp/service-kit/store group commit), the duplicate check runs alongside the allocation, and the issuer,
// achievement and API key come from short caches. What must not change: every accepted award ends as exactly one
// credential with its own status slot, bound, listed and notified; a refused duplicate spends no slot.
import t from 'tap'
import { build, bearer, sweptEntries, createAchievement, createIssuer } from './helper.js'

interface Started { commandName: string; command: Record<string, any> }

t.test('concurrent awards share their store commands; each is one credential with its own bound slot', async t => {
  const { app, secrets, mongoClient, db } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const a = await createAchievement(app, issuer)
  const award = (email: string, headers: Record<string, string> = {}) => app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: { ...bearer(issuer.apiKey), ...headers }, payload: { achievementId: a.id, recipient: { email } } })
  t.equal((await award('warm@uni.example')).statusCode, 201)

  const inserts = new Map<string, { commands: number; documents: number }>()
  const reads: string[] = []
  const listen = (e: Started): void => {
    if (e.commandName === 'insert') {
      const c = inserts.get(e.command.insert) ?? { commands: 0, documents: 0 }
      inserts.set(e.command.insert, { commands: c.commands + 1, documents: c.documents + e.command.documents.length })
    }
    if (e.commandName === 'find') reads.push(String(e.command.find))
  }
  mongoClient.on('commandStarted', listen)
  const N = 16
  const answers = await Promise.all([
    ...Array.from({ length: N }, (_, i) => award(`s${i}@uni.example`, i % 2 === 0 ? { 'idempotency-key': `k${i}` } : {})),
    award('twice@uni.example'), award('twice@uni.example')
  ])
  mongoClient.off('commandStarted', listen)

  t.same(answers.slice(0, N).map(r => r.statusCode), new Array(N).fill(201), 'every award issued')
  t.same(answers.slice(N).map(r => r.statusCode).sort(), [201, 409], 'the same recipient twice at once: one credential, one 409')
  const ids = answers.filter(r => r.statusCode === 201).map(r => r.json().id as string)
  t.equal(new Set(ids).size, N + 1)

  const credentials = inserts.get('credentials')
  t.equal(credentials?.documents, N + 1)
  t.ok((credentials?.commands ?? Infinity) < N + 1, `credentials: ${credentials?.documents} documents in ${credentials?.commands} insert commands`)
  const entriesInserted = inserts.get('status_entries')
  t.ok((entriesInserted?.commands ?? Infinity) < N + 2, `status entries: ${entriesInserted?.documents} in ${entriesInserted?.commands} commands`)
  t.same(reads.filter(c => ['api_keys', 'issuers', 'achievements'].includes(c)), [], 'key, issuer and achievement came from the caches')

  t.ok((await db.collection('status_entries').find({ state: 'reserved' }).toArray()).every(e => typeof e.group === 'string' && e.group.startsWith('awards:')), 'reserved in their groups, until the sweeper')
  const entries = await sweptEntries(db)
  t.equal(entries.length, N + 2, 'one entry per credential (with the warm-up): the refused duplicate gave its slot back')
  t.equal(new Set(entries.map(e => `${e.listId}/${e.index}`)).size, entries.length, 'no slot twice')
  t.ok(entries.every(e => e.state === 'bound'), 'every entry bound by the sweeper, with its group')
  for (const id of ids) {
    t.ok(await db.collection<{ _id: string }>('credentials').findOne({ _id: id }, { projection: { _id: 1 } }), 'stored')
    t.ok(await db.collection<{ _id: string }>('deliveries').findOne({ _id: id }, { projection: { _id: 1 } }), 'its message queued')
  }
  const listed = await app.inject({ url: `/issuers/${issuer.id}/credentials?limit=100`, headers: bearer(issuer.apiKey) })
  t.equal(listed.statusCode, 200)
  const listedIds = new Set((listed.json().items ?? listed.json().credentials ?? []).map((i: { id?: string; credentialId?: string }) => i.credentialId ?? i.id))
  t.ok(ids.every(id => listedIds.has(id)), 'every credential listed in the records')
})

t.test('an Idempotency-Key costs no command of its own: its record goes with the award key, in one insert', async t => {
  const { app, secrets, mongoClient, db } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const a = await createAchievement(app, issuer)
  const award = (email: string, key: string) => app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: { ...bearer(issuer.apiKey), 'idempotency-key': key }, payload: { achievementId: a.id, recipient: { email } } })
  t.equal((await award('warm@uni.example', 'warm')).statusCode, 201, 'the first keyed award of the hour marks the hour')
  const inserts: Array<{ collection: string; ids: string[] }> = []
  const listen = (e: Started): void => {
    if (e.commandName === 'insert') inserts.push({ collection: e.command.insert, ids: e.command.documents.map((d: { _id: string }) => d._id) })
  }
  mongoClient.on('commandStarted', listen)
  const res = await award('one@uni.example', 'k-one')
  mongoClient.off('commandStarted', listen)
  t.equal(res.statusCode, 201, res.body)
  const record = `${issuer.id}:award:k-one`
  t.match(await db.collection('award_keys').findOne({ _id: record } as object), { resultId: res.json().id, hour: /^\d{4}-\d\d-\d\dT\d\d$/ }, 'the record, beside the award keys')
  t.equal(await db.collection('idempotency_keys').countDocuments({ _id: record } as object), 0)
  const claims = inserts.filter(i => i.collection === 'award_keys')
  if (inserts.some(i => i.collection === 'idempotency_keys')) {
    t.comment('an hour began during the award: its marker was written first (once an hour), so the two claims went apart')
    t.equal(claims.flatMap(c => c.ids).length, 2)
  } else {
    t.same(claims.map(c => c.ids.length), [2], 'one insert: the award key and the Idempotency-Key record')
    t.ok(claims[0].ids.includes(record))
  }
  t.equal(inserts.filter(i => i.collection === 'award_keys' || i.collection === 'idempotency_keys').length, claims.length, 'nothing else written for the key')
})

t.test('the issuer and achievement caches: a change through this process is in the next award', async t => {
  const { app, secrets } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const a = await createAchievement(app, issuer)
  const seg = a.id.split('/').pop()
  const award = async (email: string) => (await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey), payload: { achievementId: seg, recipient: { email }, notify: false } })).json()
  const first = await award('a@uni.example')
  t.equal(first.credentialSubject.achievement.name, 'Data Literacy')
  const put = await app.inject({ method: 'PUT', url: `/issuers/${issuer.id}/achievements/${seg}`, headers: bearer(issuer.apiKey), payload: { name: 'Data Literacy II', description: 'More.', criteria: { narrative: 'Two projects.' } } })
  t.equal(put.statusCode, 200)
  const profile = await app.inject({ method: 'PUT', url: `/issuers/${issuer.id}`, headers: bearer(issuer.apiKey), payload: { name: 'Renamed University', url: 'https://university.example' } })
  t.equal(profile.statusCode, 200)
  const second = await award('b@uni.example')
  t.equal(second.credentialSubject.achievement.name, 'Data Literacy II', 'the replaced achievement')
  t.equal(second.issuer.name, 'Renamed University', 'the updated profile')
  second.issuer.name = 'changed by a caller'
  t.equal((await award('c@uni.example')).issuer.name, 'Renamed University', 'callers get their own copy')
})

t.test('ISSUER_CACHE_MS=0 reads the issuer and achievement on every award', async t => {
  const { app, secrets, mongoClient } = await build(t, { ISSUER_CACHE_MS: '0', API_KEY_CACHE_MS: '0' })
  const issuer = await createIssuer(app, secrets.adminToken)
  const a = await createAchievement(app, issuer)
  const reads: string[] = []
  const listen = (e: Started): void => { if (e.commandName === 'find') reads.push(String(e.command.find)) }
  mongoClient.on('commandStarted', listen)
  for (const email of ['a@uni.example', 'b@uni.example']) {
    t.equal((await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey), payload: { achievementId: a.id, recipient: { email }, notify: false } })).statusCode, 201)
  }
  mongoClient.off('commandStarted', listen)
  const counts = ['api_keys', 'issuers', 'achievements'].map(c => reads.filter(r => r === c).length)
  t.ok(counts.every(n => n >= 2), `api key, issuer, achievement read on each of the two awards (${counts.join(', ')})`)
})
