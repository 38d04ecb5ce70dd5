import t from 'tap'
import { randomUUID } from 'node:crypto'
import { createDocumentLoader } from '@obp/documents'
import { verifyCredential } from '@obp/signing'
import { decodeStatusList, indicesOf } from '@obp/status'
import { build, createIssuer, issueEntries, listIdOf, startWorker } from './helper.js'

type Ctx = Awaited<ReturnType<typeof build>>
const documentLoader = createDocumentLoader()

async function getList (ctx: Ctx, listId: string) {
  const res = await ctx.app.inject({ url: `/status-lists/${listId}` })
  if (res.statusCode !== 200) throw new Error(`GET /status-lists/${listId}: ${res.statusCode} ${res.body}`)
  const vc = res.json()
  const bits = await decodeStatusList(vc.credentialSubject.encodedList, { maxBytes: 1 << 20 })
  return { res, vc, revoked: indicesOf(bits), bits }
}

/** Polls the public list until it shows `want` (bounded; returns what it saw last). */
async function until (ctx: Ctx, listId: string, want: number[], maxMs = 30_000) {
  const deadline = Date.now() + maxMs
  let seen = await getList(ctx, listId)
  while (JSON.stringify(seen.revoked) !== JSON.stringify(want) && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 250))
    seen = await getList(ctx, listId)
  }
  return seen
}

const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b)

t.test('a published list is signed by its issuer and decodes to exactly the revoked set; unrevoke clears the bit', async t => {
  const ctx = await build(t, { STATUS_LIST_CACHE_MS: '0' })
  const issuer = await createIssuer(ctx)
  const entries = await issueEntries(ctx.db, ctx.config, issuer.issuerId, 20)
  const listId = listIdOf(entries[0].listUrl)
  const revoked = entries.slice(0, 5)
  for (const e of revoked) {
    const res = await ctx.app.inject({ method: 'POST', url: '/credentials/status', headers: issuer.auth, payload: { credentialId: e.credentialId, status: true } })
    t.equal(res.statusCode, 200)
  }
  const first = await getList(ctx, listId) // the first request publishes synchronously
  t.same(first.revoked, sorted(revoked.map(e => e.index)))
  t.equal(first.bits.length, 131_072 / 8, '131,072 entries')
  t.match(first.vc, {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: entries[0].listUrl,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: issuer.did,
    validFrom: String,
    validUntil: String,
    credentialSubject: { id: `${entries[0].listUrl}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: /^u/ }
  })
  const ttl = (Date.parse(first.vc.validUntil) - Date.parse(first.vc.validFrom)) / 1000
  t.equal(ttl, ctx.config.STATUS_LIST_TTL_SECONDS)
  const verified = await verifyCredential({ credential: first.vc, documentLoader })
  t.equal(verified.verified, true, JSON.stringify(verified.error))
  t.equal(verified.results[0].controller, issuer.did, 'signed by the issuer\'s own DID')
  t.equal(first.vc.proof[0].cryptosuite, 'eddsa-rdfc-2022')

  const etag = first.res.headers.etag as string
  t.match(etag, /^"[A-Za-z0-9_-]+"$/)
  t.equal(first.res.headers['cache-control'], `public, max-age=${ctx.config.STATUS_LIST_MAX_AGE_SECONDS}`)
  const notModified = await ctx.app.inject({ url: `/status-lists/${listId}`, headers: { 'if-none-match': etag } })
  t.equal(notModified.statusCode, 304)
  t.equal(notModified.body, '')
  t.equal(notModified.headers.etag, etag)
  t.equal((await ctx.app.inject({ url: `/status-lists/${listId}`, headers: { 'if-none-match': '"other"' } })).statusCode, 200)

  startWorker(t, ctx)
  const restore = revoked[2]
  const res = await ctx.app.inject({ method: 'POST', url: '/credentials/status', headers: issuer.auth, payload: { credentialId: restore.credentialId, status: false } })
  t.equal(res.statusCode, 200)
  const want = sorted(revoked.filter(e => e !== restore).map(e => e.index))
  const after = await until(ctx, listId, want)
  t.same(after.revoked, want, 'unrevoke cleared exactly that bit')
  t.not(after.res.headers.etag, etag, 'a new ETag')
  t.equal((await ctx.app.inject({ url: `/status-lists/${listId}`, headers: { 'if-none-match': etag } })).statusCode, 200, 'the old ETag no longer matches')
})

t.test('unknown and malformed list ids', async t => {
  const ctx = await build(t)
  const unknown = await ctx.app.inject({ url: `/status-lists/${randomUUID()}` })
  t.equal(unknown.statusCode, 404)
  t.equal(unknown.json().code, 'OBP_REVOCATION_STATUS_LIST_NOT_FOUND')
  t.equal((await ctx.app.inject({ url: '/status-lists/..%2F..%2Fetc' })).statusCode, 400)
})

t.test('1,000 concurrent revocations on one list: exactly those bits, a handful of signatures, a valid proof', async t => {
  const ctx = await build(t, { STATUS_LIST_CACHE_MS: '0' })
  const issuer = await createIssuer(ctx)
  const entries = await issueEntries(ctx.db, ctx.config, issuer.issuerId, 1100)
  const listId = listIdOf(entries[0].listUrl)
  t.ok(entries.every(e => e.listUrl === entries[0].listUrl), 'one list')
  await getList(ctx, listId) // published once, empty
  const worker = startWorker(t, ctx)
  let signatures = 0
  worker.on('completed', (_job, outcome) => { if (outcome === 'published') signatures++ })

  const targets = entries.slice(0, 1000)
  // 1,000 requests, 50 in flight at any time (all at once only adds lock waits in SQLite behind FerretDB)
  const results: Array<{ statusCode: number; body: string }> = []
  let next = 0
  await Promise.all(Array.from({ length: 50 }, async () => {
    for (let i = next++; i < targets.length; i = next++) {
      results.push(await ctx.app.inject({
        method: 'POST', url: `/issuers/${issuer.issuerId}/credentials/${targets[i].credentialId.split('/').pop()}/revoke`, headers: issuer.auth, payload: { reason: 'burst' }
      }))
    }
  }))
  const failures = results.filter(r => r.statusCode !== 200).map(r => `${r.statusCode} ${r.body.slice(0, 200)}`)
  t.same(failures, [], 'every revocation answered 200')
  const want = sorted(targets.map(e => e.index))
  const seen = await until(ctx, listId, want, 60_000)
  t.same(seen.revoked, want, 'the published list has exactly the 1,000 revoked bits')
  const verified = await verifyCredential({ credential: seen.vc, documentLoader })
  t.equal(verified.verified, true, JSON.stringify(verified.error))
  t.ok(signatures >= 1 && signatures <= 50, `re-signed ${signatures} times for 1,000 revocations`)
  const audit = await ctx.db.collection('status_audit').countDocuments({ issuerId: issuer.issuerId })
  t.equal(audit, 1000, 'one audit record per revocation')
})
