// Retention (src/retention.ts): what only grows is swept after its configured time; what is still needed stays.
import t from 'tap'
import { createWorkerRedis, startRetentionSweep } from '@obp/service-kit'
import { build, bearer, createAchievement, createIssuer } from './helper.js'
import { createIssuerContext } from '../src/context.js'
import { processChunk } from '../src/batches/process-chunk.js'
import { issuerRetentionRules } from '../src/retention.js'

const DAY = 24 * 3_600_000

t.test('expired sessions, tokens, claims and old idempotency keys are removed; fresh ones stay', async t => {
  const { db, config } = await build(t)
  const now = new Date()
  const past = new Date(now.getTime() - 1000)
  const future = new Date(now.getTime() + DAY)
  for (const name of ['console_sessions', 'console_tokens', 'claims']) {
    await db.collection<{ _id: string }>(name).insertMany([{ _id: 'expired', expiresAt: past }, { _id: 'live', expiresAt: future }] as never)
  }
  await db.collection<{ _id: string }>('idempotency_keys').insertMany([
    { _id: 'old', createdAt: new Date(now.getTime() - (config.IDEMPOTENCY_RETENTION_HOURS * 3_600_000 + 1000)) },
    { _id: 'recent', createdAt: new Date(now.getTime() - 3_600_000) }
  ] as never)
  const logged: string[] = []
  const sweep = startRetentionSweep({ rules: issuerRetentionRules(db, config), intervalMs: 0, log: msg => logged.push(msg) })
  const removed = await sweep.sweepOnce(now)
  t.match(removed, { console_sessions: 1, console_tokens: 1, claims: 1, idempotency_keys: 1, batches: 0 })
  for (const name of ['console_sessions', 'console_tokens', 'claims']) {
    t.same((await db.collection(name).find().toArray()).map(d => d._id), ['live'], `${name}: the live one stays`)
  }
  t.same((await db.collection('idempotency_keys').find().toArray()).map(d => d._id), ['recent'])
  t.same(await sweep.sweepOnce(now), { console_sessions: 0, console_tokens: 0, claims: 0, idempotency_keys: 0, batches: 0 }, 'a second pass has nothing to do')
  t.same(logged, ['expired records removed'])
})

t.test('single awards\' Idempotency-Key records (kept in award_keys) are swept by the hour; the award keys stay', async t => {
  const { app, db, config, secrets } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const a = await createAchievement(app, issuer)
  const body = { achievementId: a.id, recipient: { email: 'kept@uni.example' } }
  const post = () => app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: { ...bearer(issuer.apiKey), 'idempotency-key': 'k-kept' }, payload: body })
  const first = await post()
  t.equal(first.statusCode, 201, first.body)
  const record = `${issuer.id}:award:k-kept`
  const markers = await db.collection('idempotency_keys').find({ marks: 'award_keys' } as object).toArray()
  t.equal(markers.length, 1, 'the hour is marked')
  const sweep = startRetentionSweep({ rules: issuerRetentionRules(db, config), intervalMs: 0, log: () => {} })
  t.match(await sweep.sweepOnce(new Date()), { idempotency_keys: 0 }, 'not old yet')
  t.equal((await post()).statusCode, 200, 'a replay within the retention answers the first credential')
  const later = new Date(Date.now() + (config.IDEMPOTENCY_RETENTION_HOURS + 2) * 3_600_000)
  t.match(await sweep.sweepOnce(later), { idempotency_keys: 1 }, 'the record goes once its hour is past the retention')
  t.equal(await db.collection('award_keys').countDocuments({ _id: record } as object), 0)
  t.equal(await db.collection('idempotency_keys').countDocuments({ marks: 'award_keys' } as object), 0, 'and its hour\'s marker')
  const keys = (await db.collection<{ _id: string; credentialId?: string }>('award_keys').find({}).toArray()).filter(k => k._id.startsWith(issuer.id + '|'))
  t.same(keys.map(k => k.credentialId), [first.json().id], 'the award key stays: the recipient still holds the achievement')
  const afterwards = await post()
  t.equal(afterwards.statusCode, 409, 'the key forgotten, the same award is a new request: the recipient holds it')
  t.equal(afterwards.json().credentialId, first.json().id)
})

t.test('a completed batch is swept after BATCH_RETENTION_DAYS, its credentials stay; one with a waiting failed row is kept', async t => {
  const { app, db, config, secrets } = await build(t)
  const redis = createWorkerRedis(config.REDIS_URL)
  const ctx = createIssuerContext({ config, secrets, db, redis })
  t.teardown(async () => { await ctx.close(); redis.disconnect() })
  const issuer = await createIssuer(app, secrets.adminToken)
  const a = await createAchievement(app, issuer)
  const post = async (awards: object[]): Promise<string> => {
    const res = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/batches`, headers: bearer(issuer.apiKey), payload: { awards, allowPartial: true } })
    t.equal(res.statusCode, 202, res.body)
    const batchId = res.json().batchId as string
    await processChunk(ctx, { batchId, chunk: 0 }, { lastAttempt: true })
    return batchId
  }
  const clean = await post([{ achievementId: a.id, recipient: { did: 'did:example:one' } }, { achievementId: a.id, recipient: { did: 'did:example:two' } }])
  const withFailure = await post([{ achievementId: a.id, recipient: { did: 'did:example:three' } }, { achievementId: 'no-such-achievement', recipient: { did: 'did:example:four' } }])
  const results = (await app.inject({ url: `/batches/${clean}?results=true`, headers: bearer(issuer.apiKey) })).json()
  const credentialId = results.results?.[0]?.credentialId
  t.type(credentialId, 'string', 'the batch issued credentials')

  const rules = issuerRetentionRules(db, config)
  const sweep = startRetentionSweep({ rules, intervalMs: 0, log: () => {} })
  t.match(await sweep.sweepOnce(new Date()), { batches: 0 }, 'nothing is old yet')
  const later = new Date(Date.now() + (config.BATCH_RETENTION_DAYS + 1) * DAY)
  t.match(await sweep.sweepOnce(later), { batches: 1 }, 'the clean batch expires; the one with a waiting failed row does not')
  t.equal((await app.inject({ url: `/batches/${clean}`, headers: bearer(issuer.apiKey) })).statusCode, 404)
  for (const name of ['batch_rows', 'batch_results', 'batch_chunks']) t.equal(await db.collection(name).countDocuments({ _id: `${clean}:0` } as never), 0, `${name} of the batch are gone`)
  t.equal((await app.inject({ url: `/batches/${withFailure}`, headers: bearer(issuer.apiKey) })).statusCode, 200, 'kept while its failed row waits')
  const credential = await app.inject({ url: new URL(credentialId).pathname })
  t.equal(credential.statusCode, 200, 'the credentials are the register: never swept')

  // once the operator dismisses the failed row, the batch can expire too
  const dismissed = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/batches/${withFailure}/dismiss`, headers: bearer(issuer.apiKey), payload: {} })
  t.equal(dismissed.statusCode, 200, dismissed.body)
  t.match(await sweep.sweepOnce(later), { batches: 1 })
  t.equal(await db.collection('batch_failed_rows').countDocuments({ batchId: withFailure }), 0, 'its failed rows went with it')
})
