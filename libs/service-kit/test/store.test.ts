// The store toolkit (issue 14 "one store toolkit"): duplicate-key and transient classification written once,
// checked against the real wire server, where FerretDB 1.24 reports a unique violation met by an update as
// code 1 carrying SQLSTATE 23505 (MongoDB: 11000).
import t, { type Test } from 'tap'
import { MongoBulkWriteError, MongoServerError } from 'mongodb'
import { insertAll, insertEach, insertOnce, isDuplicateKey, isTransient, retryTransient, updateOnce } from '../src/store.js'
import { testDb } from './helper.js'

t.test('duplicate key on insert, on insertMany and on an update is one answer, never transient', async t => {
  const { db } = await testDb(t)
  const c = db.collection<{ _id: string; slot: number }>('slots')
  await c.createIndex({ slot: 1 }, { unique: true })
  t.equal(await insertOnce(c, { _id: 'a', slot: 1 }), true)
  t.equal(await insertOnce(c, { _id: 'a', slot: 2 }), false, 'the same _id again: written before')
  const onInsert = await c.insertOne({ _id: 'b', slot: 1 }).catch(e => e)
  t.ok(isDuplicateKey(onInsert), 'unique index on insert')
  await c.insertOne({ _id: 'c', slot: 3 })
  const onUpdate = await c.updateOne({ _id: 'c' }, { $set: { slot: 1 } }).catch(e => e)
  t.type(onUpdate, MongoServerError)
  t.ok(isDuplicateKey(onUpdate), `unique index on update (code ${String(onUpdate.code)})`)
  t.notOk(isTransient(onUpdate), 'a unique violation is an answer, not worth a retry')
  await insertAll(c, [{ _id: 'a', slot: 9 }, { _id: 'd', slot: 4 }])
  t.same((await c.find({}).sort({ _id: 1 }).toArray()).map(d => d._id), ['a', 'c', 'd'], 'insertAll skips what was written before')
  const bulk = await c.insertMany([{ _id: 'e', slot: 4 }, { _id: 'f', slot: 5 }], { ordered: false }).catch(e => e)
  t.ok(isDuplicateKey(bulk), 'a bulk write whose every error is a duplicate key')
  t.ok(await c.findOne({ _id: 'f' }), 'the unordered insert kept the others')
})

t.test('a busy backend is transient and retried; other errors are thrown at once', async t => {
  const busy = new MongoServerError({ message: 'database is locked', code: 1 })
  const pgDup = new MongoServerError({ message: 'ERROR: duplicate key value violates unique constraint "x" (SQLSTATE 23505)', code: 1 })
  t.ok(isTransient(busy))
  t.ok(isDuplicateKey(pgDup))
  t.notOk(isTransient(pgDup))
  t.notOk(isDuplicateKey(new TypeError('x')))
  let calls = 0
  t.equal(await retryTransient(async () => { if (++calls < 3) throw busy; return 'ok' }), 'ok')
  t.equal(calls, 3)
  calls = 0
  await t.rejects(retryTransient(async () => { calls++; throw pgDup }))
  t.equal(calls, 1, 'a duplicate key is never retried')
})

// Group commit: concurrent inserts into one collection are one command, each caller answered for its own document.
async function monitored (t: Test) {
  const { client, db } = await testDb(t, 'group', { monitorCommands: true })
  const commands: Array<{ name: string; items: number }> = []
  client.on('commandStarted', e => {
    if (e.commandName === 'insert' || e.commandName === 'update') commands.push({ name: e.commandName, items: (e.command.documents ?? e.command.updates ?? []).length })
  })
  return { db, commands }
}

t.test('concurrent inserts are sent as one command; each caller gets its own outcome', async t => {
  const { db, commands } = await monitored(t)
  const c = db.collection<{ _id: string | number[]; slot?: number }>('claims')
  await c.createIndex({ slot: 1 }, { unique: true })
  await c.insertOne({ _id: 'held', slot: 0 })
  commands.length = 0
  const [fresh, held, twinA, twinB, slotTaken, badId] = await Promise.allSettled([
    insertOnce(c, { _id: 'fresh', slot: 1 }),
    insertOnce(c, { _id: 'held', slot: 2 }),
    insertOnce(c, { _id: 'twin', slot: 3 }),
    insertOnce(c, { _id: 'twin', slot: 4 }),
    insertOnce(c, { _id: 'other', slot: 0 }),
    insertOnce(c, { _id: [1, 2], slot: 5 })
  ])
  t.same(commands, [{ name: 'insert', items: 6 }], 'six callers in one turn of the event loop: one insert command')
  t.same(fresh, { status: 'fulfilled', value: true })
  t.same(held, { status: 'fulfilled', value: false }, 'an _id written before: false for that caller only')
  t.same([twinA, twinB], [{ status: 'fulfilled', value: true }, { status: 'fulfilled', value: false }], 'the same _id twice in one command: the first wins')
  t.same(slotTaken, { status: 'fulfilled', value: false }, 'another unique index refusing it is a duplicate too')
  t.equal(badId.status, 'rejected', 'a document the server refuses rejects its own caller')
  t.ok(badId.status === 'rejected' && badId.reason instanceof MongoServerError && !isDuplicateKey(badId.reason), `its own error (${badId.status === 'rejected' ? String(badId.reason.message) : ''})`)
  t.same((await c.find({}).sort({ _id: 1 }).toArray()).map(d => d._id), ['fresh', 'held', 'twin'])
  t.equal((await c.findOne({ _id: 'twin' }))?.slot, 3)

  const each = await insertEach(c, [{ _id: 'e1' }, { _id: 'fresh' }, { _id: 'e2' }])
  t.same(each, [true, false, true], 'insertEach: one outcome per document, in order')
})

t.test('inserts made while two are in flight wait for one and leave together', async t => {
  const { db, commands } = await monitored(t)
  const c = db.collection<{ _id: string }>('queued')
  const turn = async (): Promise<void> => await new Promise(resolve => setImmediate(resolve))
  const first = insertOnce(c, { _id: 'a' })
  await turn() // the first insert has left
  const second = insertOnce(c, { _id: 'b' })
  await turn() // and the second: two in flight
  const later = ['c', 'd', 'e'].map(id => insertOnce(c, { _id: id }))
  t.same(await Promise.all([first, second, ...later]), [true, true, true, true, true])
  t.same(commands.map(x => x.items), [1, 1, 3], 'the three made while two were in flight went as one command')
  await insertAll(c, [{ _id: 'a' }, { _id: 'f' }])
  t.same((await c.find({}).sort({ _id: 1 }).toArray()).map(d => d._id), ['a', 'b', 'c', 'd', 'e', 'f'])
})

t.test('a document the driver refuses as a whole fails only its own caller', async t => {
  const { db } = await testDb(t, 'group')
  const c = db.collection<{ _id: string; s?: string }>('big')
  const [ok, big] = await Promise.allSettled([insertOnce(c, { _id: 'small' }), insertOnce(c, { _id: 'big', s: 'x'.repeat(17 * 1024 * 1024) })])
  t.same(ok, { status: 'fulfilled', value: true }, 'sent again on its own')
  t.equal(big.status, 'rejected')
  t.same((await c.find({}).toArray()).map(d => d._id), ['small'])
})

t.test('concurrent single-document updates are one command', async t => {
  const { db, commands } = await monitored(t)
  const c = db.collection<{ _id: string; state: string }>('entries')
  await c.insertMany(['a', 'b', 'c'].map(_id => ({ _id, state: 'reserved' })))
  commands.length = 0
  await Promise.all(['a', 'b', 'c', 'missing'].map(id => updateOnce(c, { _id: id, state: { $ne: 'bound' } }, { $set: { state: 'bound' } })))
  t.same(commands, [{ name: 'update', items: 4 }])
  t.same((await c.find({}).sort({ _id: 1 }).toArray()).map(d => d.state), ['bound', 'bound', 'bound'])
})

t.test('many concurrent updates go out as small commands, two at a time (FerretDB gives each update of a command its own connection)', async t => {
  const { db, commands } = await monitored(t)
  const c = db.collection<{ _id: string; state: string }>('entries')
  const ids = Array.from({ length: 200 }, (_, i) => `e${i}`)
  await c.insertMany(ids.map(_id => ({ _id, state: 'reserved' })))
  commands.length = 0
  await Promise.all(ids.map(id => updateOnce(c, { _id: id, state: { $ne: 'bound' } }, { $set: { state: 'bound' } })))
  t.ok(commands.length >= 200 / 8, `${commands.length} commands`)
  t.ok(commands.every(c => c.name === 'update' && c.items <= 8), 'at most 8 updates a command (a command of 80 deadlocks FerretDB 1.24 with its pool of 80)')
  t.equal(commands.reduce((n, c) => n + c.items, 0), 200, 'every update sent once')
  t.equal(await c.countDocuments({ state: 'bound' }), 200)
})

t.test('a bulk error that names no document (a lost connection, as the driver wraps it) is every caller\'s error', async t => {
  const { db } = await testDb(t, 'group')
  const real = db.collection<{ _id: string }>('lost')
  // the driver's own wrapping of a network error met by insertMany: a MongoBulkWriteError with no write errors
  const lost = Object.assign(Object.create(MongoBulkWriteError.prototype) as MongoBulkWriteError, { message: 'connection closed', writeErrors: [] })
  let calls = 0
  const flaky = new Proxy(real, {
    get (target, prop, receiver) {
      if (prop === 'insertMany') return async (...args: Parameters<typeof real.insertMany>) => { if (calls++ === 0) throw lost; return await target.insertMany(...args) }
      return Reflect.get(target, prop, receiver)
    }
  })
  const first = await Promise.allSettled([insertOnce(flaky, { _id: 'a' }), insertOnce(flaky, { _id: 'b' })])
  t.same(first.map(r => r.status), ['rejected', 'rejected'], 'neither caller is told its document was written')
  await t.rejects(insertAll(flaky, [{ _id: 'c' }]).then(async () => { calls = 0; return await insertAll(flaky, [{ _id: 'c' }]) }))
  t.same(await Promise.all([insertOnce(flaky, { _id: 'a' }), insertOnce(flaky, { _id: 'b' })]), [true, true], 'written when tried again')
})
