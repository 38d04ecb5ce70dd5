import t from 'tap'
import { build, createIssuer, issueEntries } from './helper.js'
import { metricSample as sample } from '@obp/service-kit/testing'

t.test('the revocation API\'s /metrics: revoked now, status changes, the publish queue', async t => {
  const ctx = await build(t)
  const { app } = ctx
  const issuer = await createIssuer(ctx)
  const entries = await issueEntries(ctx.db, ctx.config, issuer.issuerId, 2)
  for (const e of entries) {
    const res = await app.inject({ method: 'POST', url: `/issuers/${issuer.issuerId}/credentials/${e.credentialId.split('/').pop()}/revoke`, headers: issuer.auth, payload: { reason: 'test' } })
    t.equal(res.statusCode, 200)
  }
  const restored = await app.inject({ method: 'POST', url: '/credentials/status', headers: issuer.auth, payload: { credentialId: entries[0].credentialId, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' }, status: false } })
  t.equal(restored.statusCode, 200)
  const text = (await app.inject('/metrics')).body
  t.equal(sample(text, 'obp_credentials_revoked'), 1)
  t.equal(sample(text, 'obp_status_changes', { to: 'revoked' }), 2)
  t.equal(sample(text, 'obp_status_changes', { to: 'active' }), 1)
  const publish = ['waiting', 'delayed', 'prioritized'].reduce((n, state) => n + (sample(text, 'obp_queue_jobs', { queue: 'obp-status-publish', state }) ?? 0), 0)
  t.ok(publish >= 1, `the list's publish job is queued (${publish})`)
})
