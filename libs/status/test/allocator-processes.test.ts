import t from 'tap'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createStatusAllocator } from '../src/index.js'
import { MONGODB_URL, testDb } from './helpers.js'

const fixture = fileURLToPath(new URL('./fixtures/allocate-many.ts', import.meta.url))

function run (env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] })
    child.on('error', reject)
    child.on('exit', code => (code === 0 ? resolve() : reject(new Error(`allocating process exited with ${code}`))))
  })
}

t.test('10,000 allocations from 4 processes: no slot twice, every credential exactly one entry', async t => {
  const { db, dbName } = await testDb(t)
  const url = new URL(MONGODB_URL)
  url.pathname = '/'
  await createStatusAllocator({ db, revocationPublicUrl: 'http://localhost:3003' }).ensureIndexes()
  // Per process 2,500 allocations (fixtures/allocate-many.ts): 9,600 distinct credentials of one issuer in lists
  // of 8,192 slots (capacity 6,144), so the processes also race through a list roll-over.
  const env = { MONGODB_URL: url.toString(), DB_NAME: dbName, LIST_SIZE: '8192', ISSUERS: 'issuer-a' }
  await Promise.all([0, 1, 2, 3].map(w => run({ ...env, WORKER: String(w) })))

  const entries = await db.collection('status_entries').find({}).toArray()
  t.equal(entries.length, 9600, 'one entry per distinct credential id')
  t.equal(new Set(entries.map(e => `${e.listId}/${e.index}`)).size, 9600, 'no (list, index) twice')
  t.ok(entries.every(e => Number.isInteger(e.index) && e.index >= 0 && e.index < 8192), 'every index inside its list')
  const lists = await db.collection('status_lists').find({}).toArray()
  const listIssuer = new Map(lists.map(l => [l._id, l.issuerId]))
  t.ok(entries.every(e => listIssuer.get(e.listId) === e.issuerId), 'each entry in a list of its own issuer')
  for (const issuer of ['issuer-a']) {
    const mine = lists.filter(l => l.issuerId === issuer).sort((a, b) => a.seq - b.seq)
    t.same(mine.map(l => l.seq), mine.map((_, i) => i + 1), `${issuer}: one list per seq, no gaps`)
    t.ok(mine.length >= 2, `${issuer}: rolled over to a new list`)
    const perList = mine.map(l => entries.filter(e => e.listId === l._id).length)
    t.ok(perList.every(n => n <= 6144 + 4 * 200), `${issuer}: lists close near capacity (${perList.join(', ')})`)
  }
})
