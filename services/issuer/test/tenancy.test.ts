// Uniform answers (least privilege): for every authenticated route, another issuer's object and a missing object
// give the same status and the same error code, so that a key learns nothing about what other issuers hold.
// Each route is called with issuer A's key, once naming issuer B's real objects and once naming objects that do not
// exist; the two answers must be identical in status and code.
import t from 'tap'
import { createSessionStore, isAuthHook } from '@obp/service-kit'
import { createAccounts } from '../src/console/accounts.js'
import { build, bearer, createAchievement, createIssuer } from './helper.js'

const MISSING: Record<string, string> = {
  issuerId: 'no-such-issuer', achievementId: 'no-such-achievement', credentialId: '00000000-0000-4000-8000-000000000000',
  batchId: '00000000-0000-4000-8000-000000000001', keyId: 'no-such-key', imageId: 'no-such-image', email: 'nobody@example.org',
  endorsementId: 'no-such-endorsement', requestId: 'no-such-request', offerId: 'no-such-offer'
}

t.test('another issuer\'s objects answer exactly like missing ones, on every authenticated route', async t => {
  const { app, secrets, routes, db } = await build(t)
  const a = await createIssuer(app, secrets.adminToken, { name: 'Issuer A' })
  const b = await createIssuer(app, secrets.adminToken, { name: 'Issuer B' })
  const achievementB = await createAchievement(app, b)
  const award = await app.inject({ method: 'POST', url: `/issuers/${b.id}/credentials`, headers: bearer(b.apiKey), payload: { achievementId: achievementB.id, recipient: { email: 'learner@b.example' }, notify: false } })
  t.equal(award.statusCode, 201, award.body)
  const batch = await app.inject({ method: 'POST', url: `/issuers/${b.id}/batches`, headers: bearer(b.apiKey), payload: { awards: [{ achievementId: achievementB.id, recipient: { did: 'did:example:b1' } }], notify: false } })
  t.equal(batch.statusCode, 202, batch.body)
  const key = await app.inject({ method: 'POST', url: `/issuers/${b.id}/api-keys`, headers: bearer(b.apiKey), payload: { scopes: ['issue'] } })
  t.equal(key.statusCode, 201, key.body)
  const last = (url: string): string => url.split('/').pop() as string
  // the network's objects: B endorses C's achievement (the endorsement is C's to accept), C asks B for another
  const c = await createIssuer(app, secrets.adminToken, { name: 'Issuer C' })
  const achievementC = await createAchievement(app, c, { name: 'Museum mediation' })
  for (const i of [a, b, c]) t.equal((await app.inject({ method: 'POST', url: '/network/members', headers: bearer(secrets.adminToken), payload: { issuerId: i.id } })).statusCode, 201)
  const endorsement = await app.inject({ method: 'POST', url: `/issuers/${b.id}/endorsements`, headers: bearer(b.apiKey), payload: { subjectId: achievementC.id, comment: 'Well run.' } })
  t.equal(endorsement.statusCode, 201, endorsement.body)
  const request = await app.inject({ method: 'POST', url: `/issuers/${c.id}/endorsement-requests`, headers: bearer(c.apiKey), payload: { endorserIssuerId: b.id, subjectId: c.did } })
  t.equal(request.statusCode, 201, request.body)
  // a member of B's console (the membership as the invitation's acceptance writes it)
  const memberOfB = 'curator@b.example'
  await createAccounts(db, createSessionStore(db)).setMembership(b.id, memberOfB, 'viewer')
  const ofB: Record<string, string> = {
    email: memberOfB,
    issuerId: b.id, achievementId: last(achievementB.id), credentialId: last(award.json().id), batchId: batch.json().batchId, keyId: key.json().id,
    endorsementId: last(endorsement.json().id), requestId: request.json().requestId
  }

  const secured = routes.filter(r => [r.onRequest].flat().some(isAuthHook))
  let compared = 0
  const skipped: string[] = []
  for (const route of secured) {
    const params = [...route.url.matchAll(/:(\w+)/g)].map(m => m[1])
    if (params.length === 0) continue
    if (params.some(p => ofB[p] === undefined)) { skipped.push(route.url); continue }
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue
      // issuer B's objects under B's path and under A's own path; each against the same path with missing ones
      const variants = params.includes('issuerId') && params.length > 1 ? [b.id, a.id] : [b.id]
      for (const issuerId of variants) {
        const fill = (values: Record<string, string>): string => route.url.replace(/:(\w+)/g, (_m, p: string) => encodeURIComponent(p === 'issuerId' && issuerId === a.id ? a.id : values[p]))
        const withBody = method !== 'GET' && method !== 'DELETE'
        const call = async (url: string) => app.inject({ method, url, headers: bearer(a.apiKey), ...(withBody ? { payload: {} } : {}) })
        const [theirs, missing] = await Promise.all([call(fill(ofB)), call(fill(MISSING))])
        const code = (res: { body: string }) => { try { return (JSON.parse(res.body) as { code?: string }).code } catch { return undefined } }
        t.same([theirs.statusCode, code(theirs)], [missing.statusCode, code(missing)], `${method} ${route.url} (${issuerId === a.id ? 'A\'s path' : 'B\'s path'}): ${theirs.statusCode} ${code(theirs)}`)
        t.ok(theirs.statusCode >= 400 && theirs.statusCode < 500, `${method} ${route.url}: refused`)
        compared++
      }
    }
  }
  t.ok(compared >= 44, `${compared} comparisons`)
  t.same(skipped, [], 'every authenticated route with parameters is compared (a new one needs a fixture of B above)')
})
