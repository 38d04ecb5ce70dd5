// The service-kit test kit's database per test (a dev dependency: status itself never imports service-kit/testing).
import type { Db, MongoClient } from 'mongodb'
import { testDb as kitDb, TEST_MONGODB_URL } from '@obp/service-kit/testing'

export const MONGODB_URL = TEST_MONGODB_URL

/** A database of its own, emptied after the test (STYLE.md §12). */
export async function testDb (t: { teardown: (fn: () => unknown) => void }, opts: { monitorCommands?: boolean } = {}): Promise<{ db: Db; dbName: string; client: MongoClient }> {
  return kitDb(t, 'test_status', opts)
}
