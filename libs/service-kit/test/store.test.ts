// The store toolkit (issue 14 "one store toolkit"): duplicate-key and transient classification written once,
// checked against the real wire server, where FerretDB 1.24 reports a unique violation met by an update as
// code 1 carrying SQLSTATE 23505 (MongoDB: 11000).
import t from 'tap'
import { MongoServerError } from 'mongodb'
import { insertAll, insertOnce, isDuplicateKey, isTransient, retryTransient } from '../src/store.js'
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
