// The store toolkit every repository uses (STYLE.md §5): what a MongoDB wire server's errors mean, decided once.
// Only `mongodb` is imported here, so low libraries (@obp/status) use it through `@obp/service-kit/store`.
import { setTimeout as sleep } from 'node:timers/promises'
import { MongoBulkWriteError, MongoServerError, type Collection, type OptionalUnlessRequiredId } from 'mongodb'

export const DUPLICATE_KEY = 11000

// FerretDB 1.24 reports a unique violation met by an update (not an insert) as InternalError, code 1, carrying
// PostgreSQL's SQLSTATE 23505 in its message.
const PG_UNIQUE_VIOLATION = /duplicate key value violates unique constraint|SQLSTATE 23505/
// A busy SQLite backend answers concurrent writes with code 1 "database is locked".
const BUSY = /database is locked|SQLITE_BUSY/i

function codeAndMessage (err: unknown): { code: unknown; message: string } {
  const e = err as { code?: unknown; message?: unknown } | null
  return { code: e?.code, message: typeof e?.message === 'string' ? e.message : '' }
}

/** A unique index refused the write: 11000, or FerretDB's code 1 with SQLSTATE 23505 on an update. */
export function isDuplicateKey (err: unknown): boolean {
  if (err instanceof MongoBulkWriteError) {
    const errors = writeErrorsOf(err)
    return errors.length > 0 && errors.every(e => e.code === DUPLICATE_KEY)
  }
  const { code, message } = codeAndMessage(err)
  return code === DUPLICATE_KEY || (code === 1 && PG_UNIQUE_VIOLATION.test(message))
}

/** Worth trying again: a busy backend (code 1 that is not a unique violation, or "database is locked"). */
export function isTransient (err: unknown): boolean {
  if (!(err instanceof MongoServerError) || isDuplicateKey(err)) return false
  return err.code === 1 || BUSY.test(err.message)
}

function writeErrorsOf (err: MongoBulkWriteError): Array<{ code: number }> {
  const w = err.writeErrors as unknown
  return (Array.isArray(w) ? w : w ? [w] : []) as Array<{ code: number }>
}

/** Runs an idempotent step again a few times, with a growing pause, while it fails transiently. */
export async function retryTransient<T> (fn: () => Promise<T>, tries = 6): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn()
    } catch (err) {
      if (!isTransient(err) || i >= tries) throw err
      await sleep(20 * 2 ** i + Math.floor(Math.random() * 20))
    }
  }
}

/** Inserts one document; false when a unique index already holds it (the stored one wins). */
export async function insertOnce<T extends { _id: unknown }> (col: Collection<T>, doc: T): Promise<boolean> {
  try {
    await col.insertOne(doc as OptionalUnlessRequiredId<T>)
    return true
  } catch (err) {
    if (isDuplicateKey(err)) return false
    throw err
  }
}

/**
 * Unordered insertMany in slices, where a duplicate `_id` means "written before" (an idempotent step repeated
 * after a crash): the stored document wins. Any other write error is thrown.
 */
export async function insertAll<T extends { _id: unknown }> (col: Collection<T>, docs: T[], slice = 500): Promise<void> {
  for (let i = 0; i < docs.length; i += slice) {
    try {
      await col.insertMany(docs.slice(i, i + slice) as Array<OptionalUnlessRequiredId<T>>, { ordered: false })
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
    }
  }
}
