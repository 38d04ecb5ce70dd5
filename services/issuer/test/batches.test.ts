import t from 'tap'
import { createServer } from 'node:http'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { build, bearer, checkIssued, createAchievement, createIssuer } from './helper.js'
import { startWorker, waitForBatch } from './worker-helper.js'
import { signBody } from '../src/webhooks/deliver.js'

t.test('every row is validated first: dryRun lists per-row errors; invalid rows refuse the batch', async t => {
  const { app, secrets } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const a = await createAchievement(app, issuer)
  const awards = [
    { achievementId: a.id, recipient: { email: 'ok@uni.example' } },
    { achievementId: a.id, recipient: { email: 'not-an-email' } },
    { achievementId: a.id },
    { achievementId: 'no-such-achievement', recipient: { email: 'x@uni.example' } },
    { achievementId: a.id, recipient: { did: 'did:example:1' }, validFrom: '2030-01-01T00:00:00Z', validUntil: '2020-01-01T00:00:00Z' }
  ]
  const post = (payload: object) => app.inject({ method: 'POST', url: `/issuers/${issuer.id}/batches`, headers: bearer(issuer.apiKey), payload })
  const dry = await post({ awards, dryRun: true })
  t.equal(dry.statusCode, 200, dry.body)
  t.match(dry.json(), { dryRun: true, total: 5, valid: 1, invalid: 4 })
  t.same(dry.json().errors.map((e: { row: number }) => e.row), [1, 2, 3, 4])
  t.match(dry.json().errors[0].error, /email/)
  t.match(dry.json().errors[1].error, /recipient/)
  t.equal(dry.json().errors[2].code, 'OBP_ISSUER_ACHIEVEMENT_NOT_FOUND')
  t.equal(dry.json().errors[3].code, 'OBP_OB3_INVALID_VALIDITY')
  const refused = await post({ awards })
  t.equal(refused.statusCode, 400)
  t.equal(refused.json().code, 'OBP_ISSUER_BATCH_INVALID')
  t.equal(refused.json().errors.length, 4)
  t.equal((await post({ awards: [] })).json().code, 'OBP_ISSUER_BATCH_TOO_LARGE')
  t.equal((await post({ awards: awards.slice(0, 1), webhookUrl: 'http://203.0.113.5/hook' })).json().code, 'OBP_ISSUER_WEBHOOK_URL_REFUSED')

  const csv = `achievementId,email,did,sourcedId,name\n${a.id},ok@uni.example,,,Ok\n${a.id},,,SIS-1,\n${a.id},,,,Nobody\n`
  const csvDry = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/batches?dryRun=true`, headers: { ...bearer(issuer.apiKey), 'content-type': 'text/csv' }, payload: csv })
  t.equal(csvDry.statusCode, 200, csvDry.body)
  t.match(csvDry.json(), { total: 3, valid: 2, invalid: 1 })
  t.equal(csvDry.json().errors[0].row, 2)
  const badCsv = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/batches`, headers: { ...bearer(issuer.apiKey), 'content-type': 'text/csv' }, payload: 'achievementId,shoeSize\nx,42\n' })
  t.match(badCsv.json().detail, /shoeSize/)
})

t.test('a batch issued by a worker process: CSV, allowPartial, per-row results, signed webhook retried until 2xx', async t => {
  const stores = await build(t)
  const { app, secrets } = stores
  const issuer = await createIssuer(app, secrets.adminToken)
  const other = await createIssuer(app, secrets.adminToken, { name: 'Other' })
  const a = await createAchievement(app, issuer)
  const calls: Array<{ body: string; signature: string | undefined }> = []
  const receiver = createServer((req, res) => {
    let body = ''
    req.on('data', c => { body += c })
    req.on('end', () => {
      calls.push({ body, signature: req.headers['x-obp-signature'] as string | undefined })
      res.statusCode = calls.length === 1 ? 500 : 204 // the first delivery fails: it must be retried
      res.end()
    })
  })
  receiver.listen(0, '127.0.0.1')
  await once(receiver, 'listening')
  t.teardown(() => receiver.close())
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/batches`

  await startWorker(t, stores)
  const lines = ['achievementId,email,sourcedId,name,validUntil', ...Array.from({ length: 24 }, (_, i) => `${a.id},learner${i}@uni.example,,Learner ${i},`), `${a.id},,,,`]
  const res = await app.inject({
    method: 'POST', url: `/issuers/${issuer.id}/batches?allowPartial=true&webhookUrl=${encodeURIComponent(hook)}`,
    headers: { ...bearer(issuer.apiKey), 'content-type': 'text/csv', 'idempotency-key': 'csv-1' }, payload: lines.join('\n')
  })
  t.equal(res.statusCode, 202, res.body)
  const { batchId, statusUrl, webhookSecret } = res.json()
  t.match(statusUrl, new RegExp(`/batches/${batchId}$`))
  const replay = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/batches?allowPartial=true&webhookUrl=${encodeURIComponent(hook)}`, headers: { ...bearer(issuer.apiKey), 'content-type': 'text/csv', 'idempotency-key': 'csv-1' }, payload: lines.join('\n') })
  t.equal(replay.json().batchId, batchId, 'a replayed upload is the same batch')
  t.equal((await app.inject({ url: `/batches/${batchId}`, headers: bearer(other.apiKey) })).statusCode, 404, 'another issuer cannot read it')

  const done = await waitForBatch(app, issuer.apiKey, batchId, b => b.state === 'completed' && b.webhook?.state === 'delivered', 60_000)
  t.match(done, { state: 'completed', total: 25, succeeded: 24, failed: 1, pending: 0 })
  t.same(done.results.map((r: { row: number }) => r.row), Array.from({ length: 25 }, (_, i) => i))
  t.match(done.results[24], { row: 24, state: 'failed', code: 'OBP_VALIDATION' })
  const first = await app.inject(`/credentials/${done.results[0].credentialId.split('/').pop()}`)
  const check = await checkIssued(first.json())
  t.ok(check.schema && check.proof, check.detail)
  t.equal(calls.length, 2, 'delivered on the second attempt')
  for (const call of calls) t.equal(call.signature, signBody(webhookSecret, call.body), 'X-OBP-Signature is the HMAC of the body')
  t.match(JSON.parse(calls[1].body), { type: 'batch.completed', batchId, state: 'completed', total: 25, succeeded: 24, failed: 1 })
})

t.test('a receiver refusing for good (4xx) is not retried; lastError is only the status; the secret is sealed at rest', async t => {
  const stores = await build(t)
  const { app, secrets, db } = stores
  const issuer = await createIssuer(app, secrets.adminToken)
  const a = await createAchievement(app, issuer)
  let calls = 0
  const receiver = createServer((req, res) => {
    calls++
    req.resume()
    res.statusCode = 404
    res.end()
  })
  receiver.listen(0, '127.0.0.1')
  await once(receiver, 'listening')
  t.teardown(() => receiver.close())
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/gone`
  await startWorker(t, stores)
  const webhookSecret = 'my-own-webhook-secret-0123456789'
  const res = await app.inject({
    method: 'POST', url: `/issuers/${issuer.id}/batches`, headers: bearer(issuer.apiKey),
    payload: { awards: [{ achievementId: a.id, recipient: { email: 'one@uni.example' } }], webhookUrl: hook, webhookSecret }
  })
  t.equal(res.statusCode, 202, res.body)
  t.equal(res.json().webhookSecret, webhookSecret, 'the caller still gets its secret back')
  const { batchId } = res.json()
  const raw = JSON.stringify(await db.collection('batches').findOne({ _id: batchId as never }))
  t.notOk(raw.includes(webhookSecret), 'the stored batch does not hold the secret in clear')
  t.notOk(raw.includes(Buffer.from(webhookSecret).toString('base64url')), 'nor encoded')
  const done = await waitForBatch(app, issuer.apiKey, batchId, b => b.webhook?.state === 'failed', 60_000)
  t.same(done.webhook, { state: 'failed', attempts: 1, lastError: 'HTTP 404' })
  await new Promise(resolve => setTimeout(resolve, 1500)) // a retry would come after the 1 s backoff
  t.equal(calls, 1, 'called once, never retried')
})
