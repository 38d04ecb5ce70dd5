// The MongoDB features later work relies on, through the official driver against the configured wire server
// (FerretDB v1.24 locally and in CI, MongoDB in production).
import t from 'tap'
import { MongoServerError } from 'mongodb'
import { testDb } from './helper.js'

t.test('insert, find and update', async t => {
  const { db } = await testDb(t)
  const c = db.collection<{ _id: string; n: number; tags?: string[] }>('things')
  await c.insertMany([{ _id: 'a', n: 1 }, { _id: 'b', n: 2 }])
  t.same(await c.findOne({ _id: 'b' }), { _id: 'b', n: 2 })
  const r = await c.updateOne({ _id: 'a' }, { $set: { tags: ['x'] }, $inc: { n: 10 } })
  t.equal(r.modifiedCount, 1)
  t.same(await c.findOne({ _id: 'a' }), { _id: 'a', n: 11, tags: ['x'] })
  t.equal(await c.countDocuments({ n: { $gt: 1 } }), 2)
})

t.test('a unique index rejects a duplicate with code 11000', async t => {
  const { db } = await testDb(t)
  const c = db.collection('entries')
  await c.createIndex({ listId: 1, index: 1 }, { unique: true })
  await c.insertOne({ listId: 'l1', index: 7 })
  await c.insertOne({ listId: 'l1', index: 8 })
  await c.insertOne({ listId: 'l2', index: 7 })
  const err = await c.insertOne({ listId: 'l1', index: 7 }).catch(e => e)
  t.type(err, MongoServerError)
  t.equal(err.code, 11000)
  t.equal(await c.countDocuments({}), 3)
})

t.test('findOneAndUpdate with upsert, $inc and $setOnInsert', async t => {
  const { db } = await testDb(t)
  const c = db.collection<{ _id: string; count: number; createdAt: string }>('counters')
  const first = await c.findOneAndUpdate({ _id: 'k' }, { $inc: { count: 1 }, $setOnInsert: { createdAt: 'first' } }, { upsert: true, returnDocument: 'after' })
  t.same(first, { _id: 'k', count: 1, createdAt: 'first' })
  const second = await c.findOneAndUpdate({ _id: 'k' }, { $inc: { count: 1 }, $setOnInsert: { createdAt: 'second' } }, { upsert: true, returnDocument: 'after' })
  t.same(second, { _id: 'k', count: 2, createdAt: 'first' }, '$setOnInsert applies only on insert')
  const before = await c.findOneAndUpdate({ _id: 'k' }, { $inc: { count: 5 } }, { returnDocument: 'before' })
  t.equal(before?.count, 2)
})

t.test('sorting and limits', async t => {
  const { db } = await testDb(t)
  const c = db.collection<{ n: number; g: string }>('rows')
  await c.insertMany([5, 3, 9, 1, 7].map(n => ({ n, g: n % 2 ? 'odd' : 'even' })))
  const top = await c.find({}).sort({ n: -1 }).limit(3).toArray()
  t.same(top.map(r => r.n), [9, 7, 5])
  const page = await c.find({ g: 'odd' }).sort({ n: 1 }).skip(1).limit(2).toArray()
  t.same(page.map(r => r.n), [3, 5])
})
