import t from 'tap'
import { metricSample as sample } from '@obp/service-kit/testing'
import { build, bearer, createAchievement, createIssuer } from './helper.js'

t.test('the issuer API\'s /metrics: credentials issued, batches by state, queue depth and age, webhooks, failed rows', async t => {
  const { app, secrets } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const a = await createAchievement(app, issuer)
  const award = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey), payload: { achievementId: a.id, recipient: { email: 'ada@uni.example' } } })
  t.equal(award.statusCode, 201)
  const batch = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/batches`, headers: bearer(issuer.apiKey), payload: { awards: [{ achievementId: a.id, recipient: { email: 'b@uni.example' } }] } })
  t.equal(batch.statusCode, 202) // no worker runs: the batch stays queued, its chunk waiting
  const res = await app.inject('/metrics')
  t.equal(res.statusCode, 200)
  const text = res.body
  t.equal(sample(text, 'obp_credentials_issued'), 1)
  t.equal(sample(text, 'obp_batches', { state: 'queued' }), 1)
  t.equal(sample(text, 'obp_batches', { state: 'completed' }), 0)
  t.equal(sample(text, 'obp_queue_jobs', { queue: 'obp-issue-batch', state: 'waiting' }), 1)
  t.equal(sample(text, 'obp_queue_jobs', { queue: 'obp-credential-events', state: 'waiting' }), 1, 'the single award\'s event')
  t.ok((sample(text, 'obp_queue_oldest_waiting_seconds', { queue: 'obp-issue-batch' }) ?? -1) >= 0)
  t.equal(sample(text, 'obp_queue_oldest_waiting_seconds', { queue: 'obp-webhooks' }), 0, 'nothing waits')
  t.equal(sample(text, 'obp_webhook_deliveries', { state: 'failed' }), 0)
  t.equal(sample(text, 'obp_batch_rows_failed_waiting'), 0)
})
