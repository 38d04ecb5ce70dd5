// The store toolkit every repository uses (STYLE.md §5): what a MongoDB wire server's errors mean, decided once.
// Only `mongodb` is imported here, so low libraries (@obp/status) use it through `@obp/service-kit/store`.
import { setTimeout as sleep } from 'node:timers/promises'
import DataLoader from 'dataloader'
import { BSON, MongoBulkWriteError, MongoInvalidArgumentError, MongoServerError, type Collection, type Document, type Filter, type UpdateFilter } from 'mongodb'

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

function writeErrorsOf (err: MongoBulkWriteError): Array<{ code: number; index: number; errmsg?: string }> {
  const w = err.writeErrors as unknown
  return (Array.isArray(w) ? w : w ? [w] : []) as Array<{ code: number; index: number; errmsg?: string }>
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

// Group commit. Every insert into a collection goes through one batcher per collection (DataLoader), and so do
// the single-document updates made with updateOnce: writes made while two commands of the collection are in
// flight wait for one of them and are then sent together, as one unordered command; each caller gets its own document's
// outcome. With one caller at a time nothing waits (the command leaves at the end of the current turn of the event
// loop). A wire server pays mostly per command (FerretDB: a round of SQL and a transaction per command), so
// awards in flight together share their commands (docs/decisions/0010-group-commit.md).
type Outcome = boolean | Error
type Send<K> = (col: Collection<any>, items: readonly K[]) => Promise<Outcome[]>
const MAX_BATCH = 500
// FerretDB 1.24 runs the updates of one bulk command at once, each on a PostgreSQL connection of its own pool
// (measured: 60 updates, 62 connections), and deadlocks once that pool is exhausted (80 in scripts/infra.sh):
// an update command carries few updates, so that the processes' commands in flight stay far below it.
const MAX_UPDATE_BATCH = 8
// commands in flight per collection before writes wait (measured on the issuer bench: 1 leaves awards waiting
// behind a slow command, 3 and 4 gain nothing over 2)
const MAX_IN_FLIGHT = 2
const batchers = new WeakMap<Collection<any>, Map<Send<any>, DataLoader<any, Outcome>>>()

function batcherOf<K> (col: Collection<any>, send: Send<K>, maxBatchSize = MAX_BATCH): DataLoader<K, Outcome> {
  let perKind = batchers.get(col)
  if (perKind === undefined) batchers.set(col, perKind = new Map())
  let batcher = perKind.get(send) as DataLoader<K, Outcome> | undefined
  if (batcher === undefined) {
    let inFlight = 0
    const waiting: Array<() => void> = []
    batcher = new DataLoader<K, Outcome>(async items => {
      try {
        return await send(col, items)
      } finally {
        const run = waiting.shift()
        if (run) setImmediate(run)
        else inFlight--
      }
    }, {
      cache: false,
      maxBatchSize,
      batchScheduleFn: dispatch => {
        if (inFlight >= MAX_IN_FLIGHT) { waiting.push(dispatch); return }
        inFlight++
        setImmediate(dispatch)
      }
    })
    perKind.set(send, batcher)
  }
  return batcher
}

/**
 * Per item of an unordered bulk command: true, false (a unique index refused it), or its error. A bulk error that
 * names no item (the driver wraps a lost connection or a write concern error so, with no write errors) says
 * nothing of what was written: every item gets it.
 */
function outcomes (count: number, err: unknown): Outcome[] {
  if (err === undefined) return new Array<Outcome>(count).fill(true)
  if (!(err instanceof MongoBulkWriteError) || writeErrorsOf(err).length === 0) return new Array<Outcome>(count).fill(err as Error)
  const failed = new Map(writeErrorsOf(err).map(e => [e.index, e]))
  return Array.from({ length: count }, (_, i) => {
    const e = failed.get(i)
    if (e === undefined) return true
    const error = new MongoServerError({ message: e.errmsg ?? 'write error', errmsg: e.errmsg, code: e.code })
    return isDuplicateKey(error) ? false : error
  })
}

/**
 * A command the driver refused before sending it (a document over 16 MB, a value BSON cannot hold) is sent again one
 * item at a time, so that the error reaches its own caller only. Any other failure may have written some items
 * (a lost answer): it is every caller's error, as it would have been for their own command.
 */
async function oneByOne<K> (send: Send<K>, col: Collection<any>, items: readonly K[], err: unknown): Promise<Outcome[]> {
  const refusedBeforeSending = err instanceof MongoInvalidArgumentError || err instanceof BSON.BSONError
  if (items.length === 1 || !refusedBeforeSending) return outcomes(items.length, err)
  return await Promise.all(items.map(async item => (await send(col, [item]))[0]))
}

/** One unordered bulk command over the items; per item its outcome (see `outcomes`, `oneByOne`). */
function bulk<K> (run: (col: Collection<any>, items: readonly K[]) => Promise<unknown>): Send<K> {
  const send: Send<K> = async (col, items) => {
    try {
      await run(col, items)
      return outcomes(items.length, undefined)
    } catch (err) {
      return await oneByOne(send, col, items, err)
    }
  }
  return send
}

const sendInserts = bulk<{ _id: unknown }>(async (col, docs) => await col.insertMany(docs as Array<{ _id: unknown }>, { ordered: false }))

type Update<T> = { filter: Filter<T>; update: UpdateFilter<T> }
const sendUpdates = bulk<Update<any>>(async (col, updates) => await col.bulkWrite(updates.map(u => ({ updateOne: { filter: u.filter, update: u.update } })), { ordered: false }))

/**
 * Updates the one document `filter` names (by `_id`), sent with the concurrent updates of the collection as one
 * command. No result: for idempotent steps whose outcome the caller need not know (binding a status entry).
 */
export async function updateOnce<T extends Document> (col: Collection<T>, filter: Filter<T>, update: UpdateFilter<T>): Promise<void> {
  const outcome = await batcherOf(col, sendUpdates, MAX_UPDATE_BATCH).load({ filter, update } as Update<any>)
  if (outcome instanceof Error) throw outcome
}

/** Inserts one document; false when a unique index already holds it (the stored one wins). */
export async function insertOnce<T extends { _id: unknown }> (col: Collection<T>, doc: T): Promise<boolean> {
  const outcome = await batcherOf(col, sendInserts).load(doc)
  if (outcome instanceof Error) throw outcome
  return outcome
}

/** Inserts documents (unordered); per document, in order: true when inserted, false when a unique index held it. */
export async function insertEach<T extends { _id: unknown }> (col: Collection<T>, docs: T[]): Promise<boolean[]> {
  const outcomes = await batcherOf(col, sendInserts).loadMany(docs)
  const error = outcomes.find((o): o is Error => o instanceof Error)
  if (error) throw error
  return outcomes as boolean[]
}

/**
 * Inserts documents (unordered, in batches of at most 500), where a duplicate `_id` means "written before" (an
 * idempotent step repeated after a crash): the stored document wins. Any other write error is thrown.
 */
export async function insertAll<T extends { _id: unknown }> (col: Collection<T>, docs: T[]): Promise<void> {
  if (docs.length > 0) await insertEach(col, docs)
}
