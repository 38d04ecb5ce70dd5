// The journey a member, an employer and a wallet make, across real processes.
import t from 'tap'
import { startPlatform, call, lastSegment, waitFor, type Platform } from './support/platform.js'

let p: Platform
t.before(async () => { p = await startPlatform(t) })

async function newIssuer (name: string) {
  const r = await call('POST', `${p.issuer}/issuers`, { token: p.adminToken, body: { name, url: 'https://example.edu/' + encodeURIComponent(name) } })
  if (r.status !== 201) throw new Error(`create issuer: ${r.status} ${r.text}`)
  return r.json as { id: string; did: string; profile: any; apiKey: string }
}

async function newAchievement (issuer: { id: string; apiKey: string }, name: string) {
  const r = await call('POST', `${p.issuer}/issuers/${issuer.id}/achievements`, {
    token: issuer.apiKey,
    body: { name, description: `${name}, awarded by the journey test`, criteria: { narrative: 'Completed the journey.' }, tag: ['journey'] }
  })
  if (r.status !== 201) throw new Error(`create achievement: ${r.status} ${r.text}`)
  return r.json as { id: string; name: string }
}

const verify = (credential: unknown) => call('POST', `${p.verifier}/credentials/verify`, { body: { verifiableCredential: credential } })

t.test('award, verify, revoke, wallet status, batch, baked badge, endorsement', async t => {
  const uni = await newIssuer('Journey University')
  const achievement = await newAchievement(uni, 'Open Science Practice')

  // award to an email recipient
  const award = await call('POST', `${p.issuer}/issuers/${uni.id}/credentials`, {
    token: uni.apiKey, headers: { 'idempotency-key': 'journey-1' },
    body: { achievementId: achievement.id, recipient: { email: 'learner@example.org', name: 'Ada Learner' } }
  })
  t.equal(award.status, 201, award.text)
  const credential = award.json
  t.same(credential.type, ['VerifiableCredential', 'OpenBadgeCredential'])
  t.ok(Array.isArray(credential.proof), 'proof is an array')

  // an employer verifies it
  const ok = await verify(credential)
  t.equal(ok.status, 200, ok.text)
  t.equal(ok.json.verified, true)

  // a wallet fetches the status list, then revalidates with If-None-Match
  const listUrl = credential.credentialStatus.statusListCredential
  const list = await call('GET', listUrl)
  t.equal(list.status, 200)
  const etag = list.headers.get('etag')
  t.ok(etag, 'ETag')
  t.ok(list.headers.get('cache-control'), 'Cache-Control')
  const again = await call('GET', listUrl, { headers: { 'if-none-match': etag! } })
  t.equal(again.status, 304)

  // revoke: verification fails on the status check within 5 seconds
  const revokedAt = Date.now()
  const revoke = await call('POST', `${p.revocation}/issuers/${uni.id}/credentials/${lastSegment(credential.id)}/revoke`, { token: uni.apiKey, body: { reason: 'awarded in error' } })
  t.equal(revoke.status, 200, revoke.text)
  const failed = await waitFor('revocation to be visible', async () => {
    const r = await verify(credential)
    return r.status === 422 ? r : undefined
  }, 5000, 100)
  t.ok(Date.now() - revokedAt <= 5000, 'visible within 5 s')
  t.equal(failed.json.verified, false)
  t.ok(failed.json.checks.some((c: any) => c.check === 'status' && c.status === 'failure'), 'the status check failed')
  const changed = await call('GET', listUrl, { headers: { 'if-none-match': etag! } })
  t.equal(changed.status, 200, 'the list changed, so the old ETag no longer matches')

  // a batch of 1,000, every credential verifies
  const awards = Array.from({ length: 1000 }, (_, i) => ({ achievementId: achievement.id, recipient: { email: `student${i}@example.org` } }))
  const batch = await call('POST', `${p.issuer}/issuers/${uni.id}/batches`, { token: uni.apiKey, body: { awards } })
  t.equal(batch.status, 202, batch.text)
  const done = await waitFor('batch to complete', async () => {
    const r = await call('GET', `${p.issuer}/batches/${batch.json.batchId}`, { token: uni.apiKey })
    return r.json?.state === 'completed' ? r.json : undefined
  }, 300_000, 500)
  t.equal(done.total, 1000)
  t.equal(done.succeeded, 1000)
  t.equal(done.failed, 0)
  const ids = new Set(done.results.map((r: any) => r.credentialId))
  t.equal(ids.size, 1000, 'one credential per row')
  let verified = 0
  const rows = [...ids] as string[]
  for (let i = 0; i < rows.length; i += 20) {
    const results = await Promise.all(rows.slice(i, i + 20).map(async id => {
      const c = await call('GET', `${p.issuer}/credentials/${lastSegment(id)}`)
      return (await verify(c.json)).json?.verified === true
    }))
    verified += results.filter(Boolean).length
  }
  t.equal(verified, 1000, 'every batch credential verifies')

  // a baked PNG from the issuer verifies at the verifier
  const second = await call('POST', `${p.issuer}/issuers/${uni.id}/credentials`, { token: uni.apiKey, body: { achievementId: achievement.id, recipient: { email: 'baked@example.org' } } })
  t.equal(second.status, 201)
  const png = await fetch(`${p.issuer}/credentials/${lastSegment(second.json.id)}?format=png`)
  t.equal(png.status, 200)
  t.match(png.headers.get('content-type'), /image\/png/)
  const pngVerified = await call('POST', `${p.verifier}/credentials/verify`, { body: Buffer.from(await png.arrayBuffer()), headers: { 'content-type': 'image/png' } })
  t.equal(pngVerified.status, 200, pngVerified.text)
  t.equal(pngVerified.json.verified, true)

  // a museum endorses the achievement; the next badge carries it and the verifier reports it
  const museum = await newIssuer('Journey Museum')
  for (const id of [uni.id, museum.id]) {
    const m = await call('POST', `${p.issuer}/network/members`, { token: p.adminToken, body: { issuerId: id } })
    t.equal(m.status, 201, m.text)
  }
  const endorsement = await call('POST', `${p.issuer}/issuers/${museum.id}/endorsements`, { token: museum.apiKey, body: { subjectId: achievement.id, comment: 'Rigorous and well assessed.' } })
  t.equal(endorsement.status, 201, endorsement.text)
  t.same(endorsement.json.type, ['VerifiableCredential', 'EndorsementCredential'])
  const accept = await call('POST', `${p.issuer}/issuers/${uni.id}/endorsements/${lastSegment(endorsement.json.id)}/accept`, { token: uni.apiKey })
  t.equal(accept.status, 200, accept.text)
  const endorsed = await call('POST', `${p.issuer}/issuers/${uni.id}/credentials`, { token: uni.apiKey, body: { achievementId: achievement.id, recipient: { email: 'endorsed@example.org' } } })
  t.equal(endorsed.status, 201)
  const embedded = [...(endorsed.json.endorsement ?? []), ...(endorsed.json.credentialSubject?.achievement?.endorsement ?? [])]
  t.ok(embedded.some((e: any) => e.id === endorsement.json.id), 'the badge carries the endorsement')
  const report = await verify(endorsed.json)
  t.equal(report.status, 200, report.text)
  t.ok(report.json.checks.some((c: any) => c.check === 'endorsement' && c.status === 'success'), 'the verifier reports the endorsement')
})
