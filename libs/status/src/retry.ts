import { setTimeout as sleep } from 'node:timers/promises'
import { MongoServerError } from 'mongodb'

/**
 * A busy SQLite behind FerretDB answers some concurrent writes with InternalError (code 1, "database is locked");
 * the steps here are idempotent (unique ids), so they are tried again a few times with a growing pause.
 * A duplicate key (11000) is an answer, not a transient failure, and is never retried.
 */
export async function retryTransient<T> (fn: () => Promise<T>, tries = 6): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn()
    } catch (err) {
      const transient = err instanceof MongoServerError && (err.code === 1 || /database is locked|SQLITE_BUSY/i.test(err.message))
      if (!transient || i >= tries) throw err
      await sleep(20 * 2 ** i + Math.floor(Math.random() * 20))
    }
  }
}
