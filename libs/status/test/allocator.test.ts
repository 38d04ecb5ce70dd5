import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { MongoBulkWriteError } from 'mongodb'
import { createStatusAllocator, sweepReservedEntries } from '../src/index.js'
import { testDb } from './helpers.js'

t.test('allocate returns the CONTRACT.md entry, the same one again for the same credential', async t => {
  const { db } = await testDb(t)
  const allocator = createStatusAllocator({ db, revocationPublicUrl: 'https://r.example/' })
  await allocator.ensureIndexes()
  const id = 'https://i.example/credentials/1'
  const status = await allocator.allocate({ issuerId: 'a', credentialId: id })
  t.match(status, { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: /^\d+$/, statusListCredential: /^https:\/\/r\.example\/status-lists\/[0-9a-f-]{36}$/ })
  t.equal(status.id, `${status.statusListCredential}#${status.statusListIndex}`)
  t.same(await allocator.allocate({ issuerId: 'a', credentialId: id }), status, 'idempotent per credential id')
  const entry = await allocator.entryOf(id)
  t.match(entry, { issuerId: 'a', ref: '1', state: 'reserved', index: Number(status.statusListIndex) })
  t.equal(await allocator.isRevoked({ credentialId: id }), false)
  t.equal(await allocator.isRevoked({ credentialId: 'nope' }), null)
  await t.rejects(allocator.allocate({ issuerId: 'b', credentialId: id }), { code: 'OBP_STATUS_ENTRY_CONFLICT' })
  await t.rejects(allocator.allocate({ issuerId: '', credentialId: id }), TypeError)
})

t.test('indices are random, not sequential, and each issuer has its own lists', async t => {
  const { db } = await testDb(t)
  const allocator = createStatusAllocator({ db, revocationPublicUrl: 'https://r.example' })
  await allocator.ensureIndexes()
  const a = await Promise.all(Array.from({ length: 50 }, (_, i) => allocator.allocate({ issuerId: 'a', credentialId: `urn:a:${i}` })))
  const b = await allocator.allocate({ issuerId: 'b', credentialId: 'urn:b:0' })
  const indices = a.map(s => Number(s.statusListIndex))
  t.equal(new Set(indices).size, 50)
  const ascending = indices.every((v, i) => i === 0 || v > indices[i - 1])
  t.notOk(ascending, 'not handed out in order')
  t.ok(Math.max(...indices) > 50_000, 'spread over the 131,072 slots')
  t.equal(new Set(a.map(s => s.statusListCredential)).size, 1)
  t.not(b.statusListCredential, a[0].statusListCredential)
})

t.test('a standby list is opened before the current one fills, then takes over', async t => {
  const { db } = await testDb(t)
  const allocator = createStatusAllocator({ db, revocationPublicUrl: 'https://r.example', listSize: 64 }) // capacity 48, standby at 38
  await allocator.ensureIndexes()
  for (let i = 0; i < 38; i++) await allocator.allocate({ issuerId: 'a', credentialId: `urn:x:${i}` })
  const lists = db.collection('status_lists')
  t.same((await lists.find({}).sort({ seq: 1 }).toArray()).map(l => [l.seq, l.state, l.allocated]), [[1, 'open', 38], [2, 'open', 0]], 'standby prepared at 80% of capacity')
  for (let i = 38; i < 60; i++) await allocator.allocate({ issuerId: 'a', credentialId: `urn:x:${i}` })
  await allocator.flushCounts() // far from its own threshold, list 2's count is written behind the allocations
  const after = await lists.find({}).sort({ seq: 1 }).toArray()
  t.same(after.map(l => [l.seq, l.state, l.allocated]), [[1, 'full', 48], [2, 'open', 12]])
  const slots = await db.collection('status_entries').find({}).toArray()
  t.equal(new Set(slots.map(s => `${s.listId}/${s.index}`)).size, 60, 'no slot twice')
  t.ok(slots.every(s => s.index >= 0 && s.index < 64))
})

t.test('single allocations never pick a slot this process took: no insert meets a taken slot; another process\'s slots are still refused by the index', async t => {
  const { client, db } = await testDb(t, { monitorCommands: true })
  let taken = 0
  client.on('commandSucceeded', e => { if (e.commandName === 'insert' && (e.reply as { writeErrors?: unknown[] }).writeErrors?.length) taken++ })
  const allocator = createStatusAllocator({ db, revocationPublicUrl: 'https://r.example', listSize: 64 }) // capacity 48
  await allocator.ensureIndexes()
  // 36 random picks among 64 slots: without the process's own record of its slots, a repeat is all but certain
  for (let i = 0; i < 36; i++) await allocator.allocate({ issuerId: 'a', credentialId: `urn:own:${i}` })
  t.equal(taken, 0, 'no insert met a slot of this process')
  const other = createStatusAllocator({ db, revocationPublicUrl: 'https://r.example', listSize: 64 })
  for (let i = 0; i < 10; i++) await other.allocate({ issuerId: 'a', credentialId: `urn:other:${i}` })
  await Promise.all([allocator.flushCounts(), other.flushCounts()])
  const slots = await db.collection('status_entries').find({}).toArray()
  t.equal(slots.length, 46)
  t.equal(new Set(slots.map(s => `${s.listId}/${s.index}`)).size, 46, 'no slot twice across the two processes')
})

t.test('the taken slots of the lists used last are remembered; a list forgotten meets the unique index again', async t => {
  const { client, db } = await testDb(t, { monitorCommands: true })
  let taken = 0
  client.on('commandSucceeded', e => { if (e.commandName === 'insert' && (e.reply as { writeErrors?: unknown[] }).writeErrors?.length) taken++ })
  const allocator = createStatusAllocator({ db, revocationPublicUrl: 'https://r.example', listSize: 64, knownLists: 1 })
  await allocator.ensureIndexes()
  // two issuers in turn, one list remembered: each allocation forgets the other issuer's list
  for (let i = 0; i < 36; i++) {
    await allocator.allocate({ issuerId: 'a', credentialId: `urn:a:${i}` })
    await allocator.allocate({ issuerId: 'b', credentialId: `urn:b:${i}` })
  }
  t.ok(taken > 0, `picks met slots taken before they were forgotten (${taken})`)
  await allocator.flushCounts()
  const slots = await db.collection('status_entries').find({}).toArray()
  t.equal(slots.length, 72)
  t.equal(new Set(slots.map(s => `${s.listId}/${s.index}`)).size, 72, 'still no slot twice')
})

t.test('the sweeper binds stored credentials and voids the rest; a void slot comes back only to its credential', async t => {
  const { db } = await testDb(t)
  const allocator = createStatusAllocator({ db, revocationPublicUrl: 'https://r.example' })
  await allocator.ensureIndexes()
  const kept = await allocator.allocate({ issuerId: 'a', credentialId: 'urn:kept' })
  const lost = await allocator.allocate({ issuerId: 'a', credentialId: 'urn:lost' })
  await db.collection<{ _id: string }>('credentials').insertOne({ _id: 'urn:kept' })
  t.same(await sweepReservedEntries({ db, olderThanMs: 60_000 }), { bound: 0, voided: 0 }, 'grace period respected')
  t.same(await sweepReservedEntries({ db, olderThanMs: -1000 }), { bound: 1, voided: 1 })
  t.equal((await allocator.entryOf('urn:kept'))?.state, 'bound')
  t.equal((await allocator.entryOf('urn:lost'))?.state, 'void')
  t.same(await allocator.allocate({ issuerId: 'a', credentialId: 'urn:lost' }), lost, 'a retried issuance gets its own slot back')
  t.equal((await allocator.entryOf('urn:lost'))?.state, 'reserved')
  await allocator.bind('urn:lost')
  t.equal((await allocator.entryOf('urn:lost'))?.state, 'bound')
  t.not(kept.statusListIndex, lost.statusListIndex)
})

t.test('single allocations with a group are settled with it: due entries bound by one update, those without a credential on their own, younger ones left', async t => {
  const { client, db } = await testDb(t, { monitorCommands: true })
  const allocator = createStatusAllocator({ db, revocationPublicUrl: 'https://r.example' })
  await allocator.ensureIndexes()
  await t.rejects(allocator.allocate({ issuerId: 'a', credentialId: 'urn:x', group: '' }), TypeError)
  const ids = Array.from({ length: 12 }, (_, i) => `urn:single:${i}`)
  for (const id of ids) await allocator.allocate({ issuerId: 'a', credentialId: id, group: 'awards:t0' })
  t.match(await allocator.entryOf(ids[0]), { state: 'reserved', group: 'awards:t0' })
  const entries = db.collection<{ _id: string; updatedAt: Date }>('status_entries')
  const credentials = db.collection<{ _id: string; statusGroup?: string }>('credentials')
  // ten stored with the group, one stored without it (found by _id), one never stored (a failure after allocation)
  await credentials.insertMany([...ids.slice(0, 10).map(_id => ({ _id, statusGroup: 'awards:t0' })), { _id: ids[10] }])
  // the last two awards of the group are recent: not yet due
  const old = new Date(Date.now() - 120_000)
  await entries.updateMany({ group: 'awards:t0' }, { $set: { updatedAt: old, createdAt: old } })
  await entries.updateOne({ _id: ids[8] }, { $set: { updatedAt: new Date() } })
  await entries.updateOne({ _id: ids[9] }, { $set: { updatedAt: new Date() } })
  const updates: string[] = []
  const watch = (e: { commandName: string; command: Record<string, any> }) => { if (e.commandName === 'update') updates.push(JSON.stringify(e.command.updates.map((u: { q: unknown }) => u.q))) }
  client.on('commandStarted', watch)
  t.same(await sweepReservedEntries({ db, olderThanMs: 60_000 }), { bound: 9, voided: 1 })
  client.off('commandStarted', watch)
  t.equal(updates.length, 3, `the one without a credential, the one stored without the group, then the group: ${updates.join(' ')}`)
  for (const id of [...ids.slice(0, 8), ids[10]]) t.equal((await allocator.entryOf(id))?.state, 'bound', id)
  t.equal((await allocator.entryOf(ids[11]))?.state, 'void', 'never stored: void')
  for (const id of ids.slice(8, 10)) t.equal((await allocator.entryOf(id))?.state, 'reserved', `${id}: younger than the grace period`)
  t.same(await sweepReservedEntries({ db, olderThanMs: -1000 }), { bound: 2, voided: 0 }, 'and settled once due')
})

t.test('grouped entries (a batch chunk) are settled a group at a time: all bound at once, or one by one when some are missing', async t => {
  const { db } = await testDb(t)
  const allocator = createStatusAllocator({ db, revocationPublicUrl: 'https://r.example' })
  await allocator.ensureIndexes()
  const whole = Array.from({ length: 5 }, (_, i) => `urn:g0:${i}`)
  const partial = Array.from({ length: 3 }, (_, i) => `urn:g1:${i}`)
  const a = await allocator.allocateMany({ issuerId: 'a', credentialIds: whole, group: 'batch:0' })
  await allocator.allocateMany({ issuerId: 'a', credentialIds: partial, group: 'batch:1' })
  t.equal(new Set(a.map(s => s.statusListIndex)).size, 5)
  t.match(await allocator.entryOf(whole[0]), { state: 'reserved', group: 'batch:0' })
  await t.rejects(allocator.allocateMany({ issuerId: 'a', credentialIds: ['urn:x'], group: '' }), TypeError)
  const credentials = db.collection<{ _id: string; statusGroup?: string }>('credentials')
  await credentials.insertMany(whole.map(_id => ({ _id, statusGroup: 'batch:0' })))
  // one of the second chunk's credentials was stored without the group (issued by another path): found by _id
  await credentials.insertMany([{ _id: partial[0], statusGroup: 'batch:1' }, { _id: partial[1] }])
  t.same(await sweepReservedEntries({ db, olderThanMs: 60_000 }), { bound: 0, voided: 0 }, 'grace period respected')
  t.same(await sweepReservedEntries({ db, olderThanMs: -1000, limit: 2 }), { bound: 7, voided: 1 }, 'rounds continue while pages are full')
  for (const id of [...whole, partial[0], partial[1]]) t.equal((await allocator.entryOf(id))?.state, 'bound', id)
  t.equal((await allocator.entryOf(partial[2]))?.state, 'void')
  t.same(await sweepReservedEntries({ db, olderThanMs: -1000 }), { bound: 0, voided: 0 }, 'nothing left to settle')
  // a void entry taken back by a retried issuance is reserved again, and is not settled before a full grace period
  await allocator.allocateMany({ issuerId: 'a', credentialIds: [partial[2]], group: 'batch:1' })
  t.equal((await allocator.entryOf(partial[2]))?.state, 'reserved')
  t.same(await sweepReservedEntries({ db, olderThanMs: 5_000 }), { bound: 0, voided: 0 }, 'taken back just now: left alone')
})

t.test('the current list is read again once a second, by one read, while allocations go on with the one they had', async t => {
  const { client, db } = await testDb(t, { monitorCommands: true })
  let listReads = 0
  client.on('commandStarted', e => { if (e.commandName === 'find' && e.command.find === 'status_lists') listReads++ })
  const allocator = createStatusAllocator({ db, revocationPublicUrl: 'https://r.example' })
  await allocator.ensureIndexes()
  const first = await allocator.allocate({ issuerId: 'a', credentialId: 'urn:x:first' })
  await sleep(1100) // LIST_TTL_MS
  listReads = 0
  const later = await Promise.all(Array.from({ length: 10 }, (_, i) => allocator.allocate({ issuerId: 'a', credentialId: `urn:x:${i}` })))
  t.equal(listReads, 1, 'ten allocations past the time: one read of the current list')
  t.ok(later.every(s => s.statusListCredential === first.statusListCredential), 'all on the current list')
  t.equal(new Set(later.map(s => s.statusListIndex)).size, 10, 'ten slots')
  await allocator.flushCounts()
})

t.test('allocateMany: a lost connection during the insert allocates nothing (no statuses without entries)', async t => {
  const { db } = await testDb(t)
  const lost = Object.assign(Object.create(MongoBulkWriteError.prototype) as MongoBulkWriteError, { message: 'connection closed', writeErrors: [] })
  let failNext = true
  // the driver wraps a network error met by insertMany as a MongoBulkWriteError with no write errors
  const flakyDb = new Proxy(db, {
    get (target, prop, receiver) {
      if (prop !== 'collection') return Reflect.get(target, prop, receiver)
      return (name: string) => {
        const c = target.collection(name)
        if (name !== 'status_entries') return c
        return new Proxy(c, {
          get (col, p, r) {
            if (p === 'insertMany') return async (...args: Parameters<typeof c.insertMany>) => { if (failNext) { failNext = false; throw lost } return await col.insertMany(...args) }
            return Reflect.get(col, p, r)
          }
        })
      }
    }
  })
  const allocator = createStatusAllocator({ db: flakyDb, revocationPublicUrl: 'https://r.example' })
  await allocator.ensureIndexes()
  const ids = ['urn:lost:1', 'urn:lost:2', 'urn:lost:3']
  await t.rejects(allocator.allocateMany({ issuerId: 'a', credentialIds: ids, group: 'g1' }), 'the caller is not given statuses')
  const statuses = await allocator.allocateMany({ issuerId: 'a', credentialIds: ids, group: 'g1' })
  const entries = await db.collection<{ _id: string; index: number }>('status_entries').find({}).toArray()
  t.same(entries.map(e => e._id).sort(), ids, 'tried again: one entry per credential')
  t.same(statuses.map(s => s.statusListIndex), ids.map(id => String(entries.find(e => e._id === id)?.index)), 'each status is its entry')
  await allocator.flushCounts()
})
