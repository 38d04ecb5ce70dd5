import { randomUUID } from 'node:crypto'
import { MongoClient, type Db } from 'mongodb'

type T = { teardown: (fn: () => unknown) => void }

export const MONGODB_URL = process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:27017/obp'

/** A database of its own, dropped after the test (STYLE.md §12). */
export async function testDb (t: T): Promise<{ db: Db; dbName: string; client: MongoClient }> {
  const client = new MongoClient(MONGODB_URL, { serverSelectionTimeoutMS: 3000 })
  await client.connect()
  const dbName = 'test_status_' + randomUUID().slice(0, 8)
  t.teardown(async () => {
    // Collections, not the database: FerretDB's SQLite backend can crash (SIGBUS) when a busy database file is
    // deleted under other connections.
    for (const c of await client.db(dbName).collections().catch(() => [])) await c.drop().catch(() => {})
    await client.close()
  })
  return { db: client.db(dbName), dbName, client }
}
