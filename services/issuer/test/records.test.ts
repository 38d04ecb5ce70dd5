import t from 'tap'
import { createStatusStore } from '@obp/status'
import { createWorkerRedis } from '@obp/service-kit'
import { build, bearer, createAchievement, createIssuer } from './helper.js'
import { createIssuerContext } from '../src/context.js'
import type { RecordItem } from '../src/records/credential-index.js'
import { recipientHash } from '../src/records/lookup-key.js'
import { MAX_SCAN } from '../src/records/listing.js'

const DAY = 86_400_000
const START = Date.UTC(2026, 0, 1)

/** Pages through a listing, following `next`; every page must be 200. */
/** The issuer context as the app builds it, on the test's stores (the same data directory: the same look-up key). */
function contextOf (t: any, stores: Awaited<ReturnType<typeof build>>) {
  const redis = createWorkerRedis(stores.config.REDIS_URL)
  const ctx = createIssuerContext({ config: stores.config, secrets: stores.secrets, db: stores.db, redis })
  t.teardown(async () => { await ctx.close(); redis.disconnect() })
  return ctx
}

async function all (app: any, token: string, url: string): Promise<{ items: any[]; pages: number }> {
  const items: any[] = []
  let cursor: string | undefined
  let pages = 0
  do {
    const res = await app.inject({ url: url + (url.includes('?') ? '&' : '?') + (cursor ? `cursor=${cursor}&` : ''), headers: bearer(token) })
    if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`)
    items.push(...res.json().items)
    cursor = res.json().next
    pages++
  } while (cursor !== undefined)
  return { items, pages }
}

t.test('listing over thousands of credentials: every filter, cursor pages, no repeats, newest first', async t => {
  const stores = await build(t)
  const { app, secrets, config } = stores
  const ctx = contextOf(t, stores)
  const issuer = await createIssuer(app, secrets.adminToken)
  const other = await createIssuer(app, secrets.adminToken, { name: 'Other' })
  const ach = [await createAchievement(app, issuer), await createAchievement(app, issuer, { name: 'Statistics' }), await createAchievement(app, issuer, { name: 'Ethics' })]
  const key = (a: Record<string, any>) => a.id.split('/').pop() as string
  // 6,000 records prepared as the issuing paths write them (issuing them would take minutes): 60 days, 3
  // achievements, 500 recipients, two batches; a tenth expire in 2026-03
  const N = 6000
  const items: RecordItem[] = Array.from({ length: N }, (_, i) => ({
    c: `${config.ISSUER_PUBLIC_URL}/credentials/00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    a: ach[i % 3].id,
    ak: key(ach[i % 3]),
    t: new Date(START + Math.floor(i / 100) * DAY + (i % 100) * 60_000).toISOString(),
    n: `Learner ${i % 500}`,
    h: recipientHash(ctx.lookupKey, `learner${i % 500}@uni.example`),
    ...(i % 10 === 0 ? { u: '2026-03-01T00:00:00.000Z' } : {}),
    ...(i < 400 ? { b: i < 200 ? 'batch-a' : 'batch-b', r: i % 200 } : {})
  }))
  for (let i = 0; i < N; i += 1000) await ctx.records.add(issuer.id, items.slice(i, i + 1000))
  await ctx.records.add(other.id, items.slice(0, 50)) // another issuer's records never show

  const everything = await all(app, issuer.apiKey, `/issuers/${issuer.id}/credentials?limit=500`)
  t.equal(everything.items.length, N, 'every record once')
  t.equal(new Set(everything.items.map(i => i.id)).size, N, 'no repeats across pages')
  t.ok(everything.pages >= N / 500, `${everything.pages} pages`)
  const order = everything.items.map(i => i.issuedAt)
  t.same(order, [...order].sort().reverse(), 'newest first')
  t.same(everything.items[0], { id: items[N - 1].c, achievementId: ach[(N - 1) % 3].id, recipientName: 'Learner 499', issuedAt: items[N - 1].t, status: 'active', revoked: false })

  const small = await app.inject({ url: `/issuers/${issuer.id}/credentials?limit=7`, headers: bearer(issuer.apiKey) })
  t.equal(small.json().items.length, 7)
  t.type(small.json().next, 'string')

  const byAchievement = await all(app, issuer.apiKey, `/issuers/${issuer.id}/credentials?limit=300&achievementId=${encodeURIComponent(ach[1].id)}`)
  t.equal(byAchievement.items.length, N / 3)
  t.ok(byAchievement.items.every(i => i.achievementId === ach[1].id))
  const bySegment = await all(app, issuer.apiKey, `/issuers/${issuer.id}/credentials?limit=500&achievementId=${key(ach[1])}`)
  t.equal(bySegment.items.length, N / 3, 'the last segment names it too')

  const byRecipient = await all(app, issuer.apiKey, `/issuers/${issuer.id}/credentials?recipient=${encodeURIComponent(' Learner7@UNI.example ')}`)
  t.equal(byRecipient.items.length, N / 500, 'an address matches whatever its case and spaces')
  t.ok(byRecipient.items.every(i => i.recipientName === 'Learner 7'))
  t.same((await all(app, issuer.apiKey, `/issuers/${issuer.id}/credentials?recipient=nobody@uni.example`)).items, [])

  const byBatch = await all(app, issuer.apiKey, `/issuers/${issuer.id}/credentials?batchId=batch-b&limit=50`)
  t.equal(byBatch.items.length, 200)
  t.same(new Set(byBatch.items.map(i => i.row)).size, 200)

  const range = await all(app, issuer.apiKey, `/issuers/${issuer.id}/credentials?limit=500&issuedAfter=2026-01-11&issuedBefore=2026-01-21T00:00:00Z`)
  t.equal(range.items.length, 1000, 'ten days of 100')
  t.ok(range.items.every(i => i.issuedAt >= '2026-01-11' && i.issuedAt < '2026-01-21'))

  const combined = await all(app, issuer.apiKey, `/issuers/${issuer.id}/credentials?achievementId=${key(ach[0])}&issuedBefore=2026-01-02&status=expired`)
  t.equal(combined.items.length, items.filter(i => i.ak === key(ach[0]) && i.t < '2026-01-02' && i.u !== undefined).length)
  t.ok(combined.items.every(i => i.status === 'expired' && i.validUntil === '2026-03-01T00:00:00.000Z'))
  const expired = await all(app, issuer.apiKey, `/issuers/${issuer.id}/credentials?status=expired&limit=500`)
  t.equal(expired.items.length, N / 10)

  const bad = await app.inject({ url: `/issuers/${issuer.id}/credentials?cursor=bm9wZQ`, headers: bearer(issuer.apiKey) })
  t.equal(bad.json().code, 'OBP_ISSUER_INVALID_CURSOR')
  t.equal((await app.inject({ url: `/issuers/${issuer.id}/credentials?issuedAfter=yesterday`, headers: bearer(issuer.apiKey) })).json().code, 'OBP_ISSUER_INVALID_DATE')
  t.equal((await app.inject({ url: `/issuers/${issuer.id}/credentials?status=lost`, headers: bearer(issuer.apiKey) })).statusCode, 400)
  t.equal((await app.inject({ url: `/issuers/${issuer.id}/credentials`, headers: bearer(other.apiKey) })).statusCode, 404, 'another issuer\'s key: like a missing issuer')
  t.equal((await app.inject({ url: `/issuers/${issuer.id}/credentials` })).statusCode, 401)
  const other2 = await all(app, other.apiKey, `/issuers/${other.id}/credentials`)
  t.equal(other2.items.length, 50)
})

t.test('a page reads a bounded share: sparse matches come back over several pages through `next`', async t => {
  const stores = await build(t)
  const { app, secrets, config } = stores
  const ctx = contextOf(t, stores)
  const issuer = await createIssuer(app, secrets.adminToken)
  const a = await createAchievement(app, issuer)
  const n = MAX_SCAN + 500
  const items: RecordItem[] = Array.from({ length: n }, (_, i) => ({
    c: `${config.ISSUER_PUBLIC_URL}/credentials/${i}`, a: a.id, ak: a.id.split('/').pop() as string,
    t: new Date(START + i * 1000).toISOString(), ...(i === 3 || i === n - 2 ? { u: '2026-01-02T00:00:00.000Z' } : {})
  }))
  for (let i = 0; i < n; i += 2000) await ctx.records.add(issuer.id, items.slice(i, i + 2000))
  const first = await app.inject({ url: `/issuers/${issuer.id}/credentials?status=expired&limit=10`, headers: bearer(issuer.apiKey) })
  t.equal(first.json().items.length, 1, 'the newest match, then the page stops at the scan bound')
  t.type(first.json().next, 'string')
  const rest = await all(app, issuer.apiKey, `/issuers/${issuer.id}/credentials?status=expired&limit=10&cursor=${first.json().next}`)
  t.same(rest.items.map(i => i.id), [items[3].c])
})

t.test('issued credentials are listed with their revocation (date, reason) read from the revocation service\'s state; CSV export', async t => {
  const { app, secrets, db } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const a = await createAchievement(app, issuer, { name: '=HYPERLINK("http://evil.example","click")' })
  const issued: Array<{ id: string }> = []
  for (const recipient of [{ email: 'ada@uni.example', name: '@Ada' }, { sourcedId: 'S-42', name: 'Bob, "the builder"' }, { did: 'did:example:carla' }]) {
    const res = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey), payload: { achievementId: a.id, recipient, validUntil: '2099-01-01T00:00:00Z' } })
    t.equal(res.statusCode, 201, res.statusCode === 201 ? 'issued' : res.body)
    issued.push(res.json())
  }
  await createStatusStore(db).setRevoked({ credentialId: issued[1].id, revoked: true, by: 'admin', reason: 'Awarded by mistake' })
  const list = (await app.inject({ url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey) })).json()
  t.same(list.items.map((i: any) => i.id), issued.map(c => c.id).reverse())
  const revoked = list.items.find((i: any) => i.id === issued[1].id)
  t.match(revoked, { revoked: true, status: 'revoked', revokedReason: 'Awarded by mistake', recipientName: 'Bob, "the builder"', validUntil: '2099-01-01T00:00:00.000Z' })
  t.ok(Date.parse(revoked.revokedAt) > Date.now() - 60_000)
  t.same((await app.inject({ url: `/issuers/${issuer.id}/credentials?status=revoked`, headers: bearer(issuer.apiKey) })).json().items.map((i: any) => i.id), [issued[1].id])
  t.same((await app.inject({ url: `/issuers/${issuer.id}/credentials?status=active`, headers: bearer(issuer.apiKey) })).json().items.length, 2)
  t.same((await app.inject({ url: `/issuers/${issuer.id}/credentials?recipient=did:example:carla`, headers: bearer(issuer.apiKey) })).json().items.map((i: any) => i.id), [issued[2].id])
  t.same((await app.inject({ url: `/issuers/${issuer.id}/credentials?recipient=S-42`, headers: bearer(issuer.apiKey) })).json().items.map((i: any) => i.id), [issued[1].id])
  t.same((await app.inject({ url: `/issuers/${issuer.id}/credentials?recipient=s-42`, headers: bearer(issuer.apiKey) })).json().items, [], 'a sourcedId keeps its case')
  // nothing stored for the listing holds an address in clear
  const stored = JSON.stringify(await db.collection('credential_index').find().toArray()) + JSON.stringify(await db.collection('award_keys').find().toArray())
  t.notOk(stored.includes('ada@uni.example') || stored.includes('S-42'), 'addresses are only kept as keyed hashes')

  // a key with the manage scope only may read records too
  const manage = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/api-keys`, headers: bearer(issuer.apiKey), payload: { scopes: ['manage'] } })
  const csv = await app.inject({ url: `/issuers/${issuer.id}/credentials.csv`, headers: bearer(manage.json().token) })
  t.equal(csv.statusCode, 200, csv.body)
  t.match(csv.headers['content-type'], /^text\/csv/)
  const lines = csv.body.replace(/^\ufeff/, '').split('\r\n')
  t.equal(lines[0], 'id,achievementId,recipientName,issuedAt,validUntil,status,revoked,revokedAt,revokedReason,batchId,row')
  t.equal(lines.length, 5, 'a header, three rows and the final line end')
  t.match(lines[2], `${issued[1].id},${a.id},"Bob, ""the builder""",`)
  t.match(lines[2], ',revoked,true,')
  t.match(lines[3], `${issued[0].id},${a.id},'@Ada,`, 'a cell starting with @ is neutralised')
  const revokeOnly = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/api-keys`, headers: bearer(issuer.apiKey), payload: { scopes: ['revoke'] } })
  t.equal((await app.inject({ url: `/issuers/${issuer.id}/credentials`, headers: bearer(revokeOnly.json().token) })).statusCode, 403, 'the revoke scope alone does not list')

  // a VC-API credential is listed too, by its subject's DID
  const vc = await app.inject({
    method: 'POST', url: '/credentials/issue', headers: bearer(issuer.apiKey),
    payload: { credential: { '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'], type: ['VerifiableCredential'], issuer: issuer.did, credentialSubject: { id: 'did:example:dora', name: 'Dora' } } }
  })
  t.equal(vc.statusCode, 201, vc.body)
  t.match((await app.inject({ url: `/issuers/${issuer.id}/credentials?recipient=did:example:dora`, headers: bearer(issuer.apiKey) })).json().items,
    [{ id: vc.json().verifiableCredential.id, recipientName: 'Dora', status: 'active' }])
})
