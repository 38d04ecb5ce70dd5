// The issuing pipeline (src/pipeline/issue.ts) on its own: one credential per id whoever retries or runs at the
// same time, the slot given back when nothing was stored, and a group left to the sweeper when asked.
import t from 'tap'
import { randomUUID } from 'node:crypto'
import { createWorkerRedis } from '@obp/service-kit'
import { sweepReservedEntries } from '@obp/status'
import { build, createIssuer } from './helper.js'
import { createIssuerContext } from '../src/context.js'
import { credentialUrl, credentialJobId } from '../src/ids.js'
import { issueMany, issueOne, type IssueItem, type Json } from '../src/pipeline/issue.js'

async function setup (t: Parameters<typeof build>[0]) {
  const stores = await build(t)
  const redis = createWorkerRedis(stores.config.REDIS_URL)
  const ctx = createIssuerContext({ config: stores.config, secrets: stores.secrets, db: stores.db, redis })
  t.teardown(async () => { await ctx.close(); redis.disconnect() })
  const issuer = await createIssuer(stores.app, stores.secrets.adminToken)
  const entries = stores.db.collection<{ _id: string; state: string; group?: string }>('status_entries')
  const newId = (): string => credentialUrl(stores.config.ISSUER_PUBLIC_URL, randomUUID())
  return { ctx, issuer, entries, newId }
}

/** A plain VC 2.0 credential of the issuer, with the entry it is given. */
const item = (issuerDid: string, credentialId: string): IssueItem => ({
  credentialId,
  build: credentialStatus => ({
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: credentialId,
    type: ['VerifiableCredential'],
    issuer: issuerDid,
    credentialSubject: { id: 'did:example:learner' },
    ...(credentialStatus ? { credentialStatus } : {})
  })
})

t.test('issueOne: run twice and concurrently, one credential, one slot in a group the sweeper binds, one event', async t => {
  const { ctx, issuer, entries, newId } = await setup(t)
  const id = newId()
  const opts = { issuerId: issuer.id, status: 'allocate' as const, emit: {} }
  const [a, b] = await Promise.all([issueOne(ctx, item(issuer.did, id), opts), issueOne(ctx, item(issuer.did, id), opts)])
  const c = await issueOne(ctx, item(issuer.did, id), opts)
  const stored = await ctx.credentials.get(id)
  t.ok(stored)
  t.same([a, b].filter(r => r.created).length, 1, 'one run stored it')
  for (const r of [a, b, c]) t.same(r.credential, stored?.credential, 'every run answers the stored credential')
  t.notOk(c.created)
  t.match(await entries.findOne({ _id: id }), { state: 'reserved', group: /^awards:/ }, 'reserved in its group')
  t.match(stored, { statusGroup: (await entries.findOne({ _id: id }))?.group }, 'stored with the group of its entry')
  t.same(await sweepReservedEntries({ db: ctx.db, olderThanMs: -1000 }), { bound: 1, voided: 0 })
  t.match(await entries.findOne({ _id: id }), { state: 'bound' }, 'bound by the sweeper with its group')
  t.match((await ctx.queues.events.getJob(credentialJobId(id)))?.data, { type: 'credential.issued', credentialId: id, issuerId: issuer.id })
})

t.test('issueOne: a refused duplicate throws the caller\'s error and keeps the entry', async t => {
  const { ctx, issuer, entries, newId } = await setup(t)
  const id = newId()
  await issueOne(ctx, item(issuer.did, id), { issuerId: issuer.id, status: 'allocate', emit: {} })
  await t.rejects(issueOne(ctx, item(issuer.did, id), { issuerId: issuer.id, status: 'allocate', emit: {}, release: true, duplicate: () => new Error('exists') }), /exists/)
  t.match(await entries.findOne({ _id: id }), { state: 'reserved' }, 'kept: the credential exists')
})

t.test('issueOne: signing fails, the slot is given back when asked, kept reserved otherwise', async t => {
  const { ctx, issuer, entries, newId } = await setup(t)
  const failing = async (): Promise<Json> => { throw new Error('signing failed') }
  const released = newId()
  await t.rejects(issueOne(ctx, item(issuer.did, released), { issuerId: issuer.id, status: 'allocate', emit: {}, sign: failing, release: true }), /signing failed/)
  t.equal(await entries.findOne({ _id: released }), null, 'released: nothing was stored')
  t.equal(await ctx.credentials.get(released), null)
  const kept = newId()
  await t.rejects(issueOne(ctx, item(issuer.did, kept), { issuerId: issuer.id, status: 'allocate', emit: {}, sign: failing }), /signing failed/)
  t.match(await entries.findOne({ _id: kept }), { state: 'reserved' }, 'a retry (or the sweeper) settles it')
  t.ok(await ctx.status.release({ issuerId: issuer.id, credentialId: kept }))
})

t.test('issueMany: run twice and concurrently, one credential per id, entries left to the group\'s sweeper', async t => {
  const { ctx, issuer, entries, newId } = await setup(t)
  const ids = Array.from({ length: 6 }, newId)
  const items = ids.map(id => item(issuer.did, id))
  const bad: IssueItem = { credentialId: newId(), build: () => { throw Object.assign(new Error('refused'), { statusCode: 400 }) } }
  const opts = { issuerId: issuer.id, status: { group: 'g-1' } }
  const [first, second] = await Promise.all([issueMany(ctx, [...items, bad], opts), issueMany(ctx, items, opts)])
  const third = await issueMany(ctx, items, opts)
  t.equal(first.length, 7)
  t.match(first[6], { item: bad, error: { message: 'refused' } }, 'a failed build is that item\'s error')
  for (const run of [first.slice(0, 6), second, third]) t.ok(run.every(o => 'credential' in o))
  const stored = await Promise.all(ids.map(async id => await ctx.credentials.get(id)))
  t.ok(stored.every(s => s?.statusGroup === 'g-1'), 'one stored credential per id, in the group')
  const slots = stored.map(s => JSON.stringify(s?.credential.credentialStatus))
  t.equal(new Set(slots).size, 6, 'distinct slots')
  const states = await Promise.all(ids.map(async id => await entries.findOne({ _id: id })))
  t.ok(states.every(e => e?.state === 'reserved' && e.group === 'g-1'), 'not bound: the sweeper binds the group')
  t.equal(await ctx.credentials.get(bad.credentialId), null)
})

t.test('issueMany: without a signer every item fails before a slot is spent', async t => {
  const { ctx, issuer, entries, newId } = await setup(t)
  ctx.signers.signerFor = async () => null
  const id = newId()
  const out = await issueMany(ctx, [item(issuer.did, id)], { issuerId: issuer.id, status: { group: 'g-2' } })
  t.match(out, [{ error: { code: 'OBP_ISSUER_NO_SIGNING_KEY' } }])
  t.equal(await entries.findOne({ _id: id }), null)
})
