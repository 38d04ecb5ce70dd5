// Random, never-reused status list slots (Bitstring Status List v1.0 §6.1 "Group Privacy": indices are random,
// so a slot says nothing about issuance order). Safe across processes without a lock: the unique indexes on
// {listId, index} and on the credential id decide every race, and each step is idempotent.
import { randomInt, randomUUID } from 'node:crypto'
import type { Db } from 'mongodb'
import { insertEach, insertOnce, isDuplicateKey, retryTransient, updateOnce } from '@obp/service-kit/store'
import { credentialStatusOf, STATUS_PURPOSE, type CredentialStatus } from './credential.js'
import { credentialKey, statusListUrl } from '@obp/documents'
import { collections, ensureStatusIndexes, revocationKey, type StatusEntryRecord, type StatusListRecord } from './model.js'
import { MIN_LIST_SIZE } from './bitstring.js'
import { StatusAllocationFailed, StatusEntryConflict } from './errors.js'

export interface AllocatorOptions {
  db: Db
  /** REVOCATION_PUBLIC_URL: list credentials are served at `${revocationPublicUrl}/status-lists/<listId>` */
  revocationPublicUrl: string
  /** entries per list; default and minimum in production 131,072 (§"Bitstring Status List Credential") */
  listSize?: number
  /**
   * The share of a list handed out before it is closed (default 0.75). Random probing needs 1/(1-f) tries when a
   * list is f full: 4 at 0.75, 1.85 on average over the list's life, so duplicate-key retries stay rare.
   */
  fillRatio?: number
  /** the share of `capacity` at which the next list is prepared (default 0.8) */
  standbyRatio?: number
  /** how many lists' taken slots this process remembers, the last used (default 256, 16 KiB each at 131,072 slots) */
  knownLists?: number
}

const MAX_TRIES = 64
const LIST_TTL_MS = 1000
const MANY_CHUNK = 200

/** The entry's `group` field, when one is given (entries of one group are settled together: sweeper.ts). */
function groupOf (group: unknown): { group?: string } {
  if (group === undefined) return {}
  if (typeof group !== 'string' || group === '') throw new TypeError('"group" must be a non-empty string.')
  return { group }
}
/** consecutive slot collisions that mark a list full even if its counter lags (a crash between insert and $inc) */
const COLLISIONS_BEFORE_FULL = 24

export function createStatusAllocator (opts: AllocatorOptions) {
  if (!opts?.db) throw new TypeError('"db" is required.')
  if (!opts.revocationPublicUrl) throw new TypeError('"revocationPublicUrl" is required.')
  const size = opts.listSize ?? MIN_LIST_SIZE
  if (!Number.isInteger(size) || size < 8 || size % 8 !== 0) throw new TypeError('"listSize" must be a positive multiple of 8.')
  const capacity = Math.floor(size * (opts.fillRatio ?? 0.75))
  const standbyAt = Math.floor(capacity * (opts.standbyRatio ?? 0.8))
  const base = opts.revocationPublicUrl.replace(/\/+$/, '')
  const { lists, entries, revocations, counts } = collections(opts.db)

  let indexes: Promise<void> | undefined
  const ensureIndexes = (): Promise<void> => {
    indexes ??= ensureStatusIndexes(opts.db).catch((err) => { indexes = undefined; throw err })
    return indexes
  }
  const listUrl = (listId: string): string => statusListUrl(base, listId)
  const statusOf = (e: Pick<StatusEntryRecord, 'listId' | 'index'>): CredentialStatus => credentialStatusOf(listUrl(e.listId), e.index)

  /** Opens list `seq` of the issuer unless it exists; the unique {issuerId, purpose, seq} index settles races. */
  async function openList (issuerId: string, seq: number): Promise<void> {
    const list: StatusListRecord = {
      _id: randomUUID(), issuerId, purpose: STATUS_PURPOSE, seq, size, capacity, allocated: 0, state: 'open', createdAt: new Date()
    }
    try {
      await lists.insertOne(list)
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
    }
  }

  async function markFull (list: StatusListRecord): Promise<void> {
    await openList(list.issuerId, list.seq + 1) // the successor exists before the list closes
    await lists.updateOne({ _id: list._id, state: 'open' }, { $set: { state: 'full', fullAt: new Date() } })
    known.delete(list._id)
  }

  /** The issuer's current list: the open one with the lowest seq (a higher open one is the standby). */
  async function currentList (issuerId: string): Promise<StatusListRecord> {
    for (let i = 0; i < 8; i++) {
      const open = await lists.find({ issuerId, purpose: STATUS_PURPOSE, state: 'open' }).sort({ seq: 1 }).limit(1).next()
      if (open && open.allocated < open.capacity) return open
      if (open) { await markFull(open); continue }
      const last = await lists.find({ issuerId, purpose: STATUS_PURPOSE }).sort({ seq: -1 }).limit(1).next()
      await openList(issuerId, (last?.seq ?? 0) + 1)
    }
    throw new StatusAllocationFailed(issuerId)
  }

  async function existing (issuerId: string, credentialId: string): Promise<CredentialStatus | null> {
    const e = await entries.findOne({ _id: credentialId })
    if (!e) return null
    if (e.issuerId !== issuerId) throw new StatusEntryConflict(credentialId)
    // A retried issuance after the sweeper voided the entry takes the same slot back (it was never reused).
    if (e.state === 'void') await entries.updateOne({ _id: credentialId, state: 'void' }, { $set: { state: 'reserved', updatedAt: new Date() } })
    return statusOf(e)
  }

  // Per-process caches: the current list of each issuer (re-read after LIST_TTL_MS or when it filled), and
  // allocation counts not yet added to the list document. Batching the $inc keeps one write per allocation; a
  // crash loses at most `countsBehind` counts per list and process (half a second of allocations, at most 256),
  // which the collision rule below absorbs.
  const current = new Map<string, { list: StatusListRecord; at: number }>()
  // Slots this process knows are taken (its own allocations and the collisions it met), one bit per slot: random
  // picks skip them. A taken slot makes FerretDB 1.24 redo a whole unordered insertMany one document at a time
  // (3x its cost), so neither a batch nor the single allocations sharing a command (several awards in flight) should
  // hit the slots this process filled: a pick that did held up every award of its command (issue 20). Slots taken
  // by other processes are still found by the unique index, as before.
  // The bits are kept for the `knownLists` lists used last: a process that serves many issuers forgets the quiet
  // ones, whose picks then meet the unique index as before.
  const knownLists = opts.knownLists ?? 256
  const known = new Map<string, Uint8Array>()
  const knownOf = (list: StatusListRecord): Uint8Array => {
    let bits = known.get(list._id)
    if (bits) {
      known.delete(list._id) // most recently used last
    } else {
      bits = new Uint8Array(Math.ceil(list.size / 8))
      if (known.size >= knownLists) known.delete(known.keys().next().value as string)
    }
    known.set(list._id, bits)
    return bits
  }
  const isKnown = (bits: Uint8Array, i: number): boolean => (bits[i >> 3] & (1 << (i & 7))) !== 0
  const markKnown = (bits: Uint8Array, i: number): void => { bits[i >> 3] |= 1 << (i & 7) }
  /** A random slot of the list that this process has not seen taken, marked as taken. */
  const pickSlot = (list: StatusListRecord, bits = knownOf(list)): number => {
    let index: number
    let picks = 0
    do index = randomInt(list.size); while (isKnown(bits, index) && ++picks < MAX_TRIES)
    markKnown(bits, index)
    return index
  }
  const pending = new Map<string, { list: StatusListRecord; n: number; flying: number }>() // flying: counts being written
  const counterBatch = Math.max(1, Math.min(16, Math.floor(capacity / 256)))
  // far from the standby threshold, counts are written every 500 ms or once this many are pending
  const countsBehind = Math.max(counterBatch, Math.min(256, Math.floor(capacity / 64)))
  let flushTimer: NodeJS.Timeout | undefined

  // The issuer's current list, read again once LIST_TTL_MS old (another process may have filled it). The read is not
  // an `_id` look-up, so it is shared: one read per issuer at a time, and while it runs the allocations go on with
  // the list they had (a list filled meanwhile is caught by the collision rule and the counts). A list this process
  // marked full is forgotten at once (current.delete), and then the allocations wait for the read.
  const refreshing = new Map<string, Promise<StatusListRecord>>()
  async function listFor (issuerId: string): Promise<StatusListRecord> {
    const c = current.get(issuerId)
    if (c && Date.now() - c.at < LIST_TTL_MS) return c.list
    let read = refreshing.get(issuerId)
    if (read === undefined) {
      read = currentList(issuerId).then(list => {
        current.set(issuerId, { list, at: Date.now() })
        return list
      }).finally(() => refreshing.delete(issuerId))
      refreshing.set(issuerId, read)
    }
    if (c === undefined) return await read
    read.catch(() => {}) // the next allocation reads again
    return c.list
  }

  // Counts live in one document per list and allocator instance, written by this instance only (serialized per
  // list): concurrent $inc on one shared document can lose writes on FerretDB (model.ts). The list's total is the
  // sum of its count documents, copied to `allocated` as a hint for readers.
  const tag = randomUUID()
  const flushing = new Map<string, Promise<void>>()

  async function flushOnce (listId: string): Promise<void> {
    const p = pending.get(listId)
    if (!p || p.n === 0) return
    const n = p.n
    p.n = 0
    p.flying += n
    let total: number
    try {
      await counts.updateOne({ _id: `${listId}:${tag}` }, { $inc: { n }, $setOnInsert: { listId } }, { upsert: true })
      total = (await counts.find({ listId }).toArray()).reduce((sum, c) => sum + c.n, 0)
      await lists.updateOne({ _id: listId, allocated: { $lt: total } }, { $set: { allocated: total } })
    } finally {
      p.flying -= n
    }
    const list = { ...p.list, allocated: total }
    const cached = current.get(list.issuerId)
    if (cached?.list._id === listId) cached.list.allocated = total
    p.list.allocated = Math.max(p.list.allocated, total)
    if (total >= standbyAt) await openList(list.issuerId, list.seq + 1)
    if (total >= list.capacity) {
      await markFull(list)
      current.delete(list.issuerId)
    }
  }

  function flush (listId: string): Promise<void> {
    const next = (flushing.get(listId) ?? Promise.resolve()).then(() => flushOnce(listId))
    const settled = next.catch(() => {})
    flushing.set(listId, settled)
    settled.then(() => { if (flushing.get(listId) === settled) flushing.delete(listId) })
    return next
  }

  async function counted (list: StatusListRecord, n = 1): Promise<void> {
    const p = pending.get(list._id) ?? { list, n: 0, flying: 0 }
    pending.set(list._id, p)
    p.n += n
    if (p.n >= counterBatch) {
      // Near the standby threshold the allocation waits for the count (the lists change there: the standby opens,
      // then the list fills); before it, the count is written behind the allocations (every 500 ms, or once
      // `countsBehind` are pending: one write for many awards) and no award waits for it.
      const near = Math.max(list.allocated, p.list.allocated) + p.flying + p.n + counterBatch >= standbyAt
      if (near) return await flush(list._id)
      if (p.n >= countsBehind) flush(list._id).catch(() => {})
    }
    flushTimer ??= setTimeout(() => {
      flushTimer = undefined
      for (const id of pending.keys()) flush(id).catch(() => {})
    }, 500).unref()
  }

  async function flushCounts (): Promise<void> {
    await Promise.all([...pending.keys()].map(flush))
  }

  async function bind (credentialId: string): Promise<void> {
    await updateOnce(entries, { _id: credentialId, state: { $ne: 'bound' } }, { $set: { state: 'bound', updatedAt: new Date() } })
  }

  return {
    ensureIndexes,
    listUrl,
    statusOf,

    /**
     * The credential's `credentialStatus` (CONTRACT.md): a random unused slot of the issuer's current list,
     * the same one on every call for the same credential id. Call it BEFORE signing; the entry is 'reserved'
     * until `bind` (or the sweeper) sees the stored credential. With `group`, the sweeper settles the entry with
     * the others of its group (the caller stores the credential with that group too, as `allocateMany`'s callers).
     */
    async allocate (req: { issuerId: string; credentialId: string; group?: string }): Promise<CredentialStatus> {
      if (!req?.issuerId) throw new TypeError('"issuerId" is required.')
      if (!req.credentialId) throw new TypeError('"credentialId" is required.')
      const { issuerId, credentialId } = req
      const group = groupOf(req.group)
      await ensureIndexes() // allocating without the unique indexes would be unsafe
      let collisions = 0
      for (let tries = 0; tries < MAX_TRIES; tries++) {
        const list = await listFor(issuerId)
        const index = pickSlot(list)
        const now = new Date()
        // (inserts of concurrent allocations share one command: @obp/service-kit/store insertOnce)
        const entry: StatusEntryRecord = { _id: credentialId, ref: credentialKey(credentialId), issuerId, listId: list._id, index, state: 'reserved', ...group, createdAt: now, updatedAt: now }
        const inserted = await retryTransient(() => insertOnce(entries, entry))
        if (!inserted) {
          // the credential already has an entry (a retry, or a concurrent call that won): idempotent
          const again = await existing(issuerId, credentialId)
          if (again) return again
          if (++collisions >= COLLISIONS_BEFORE_FULL) { await markFull(list); current.delete(issuerId); collisions = 0 }
          continue
        }
        await counted(list)
        return statusOf({ listId: list._id, index })
      }
      throw new StatusAllocationFailed(issuerId)
    },

    /**
     * Entries for many credentials of one issuer (batch issuance), in the order given: one unordered insertMany
     * per chunk instead of one round trip per credential. Same guarantees as `allocate`: idempotent per credential
     * id, random distinct slots, retries on a taken slot. With `group`, the entries are settled together by the
     * sweeper (the caller stores the credentials with that group too) and need no `bind`.
     */
    async allocateMany (req: { issuerId: string; credentialIds: string[]; group?: string }): Promise<CredentialStatus[]> {
      if (!req?.issuerId) throw new TypeError('"issuerId" is required.')
      if (!Array.isArray(req.credentialIds) || req.credentialIds.some(id => typeof id !== 'string' || id === '')) throw new TypeError('"credentialIds" must be strings.')
      await ensureIndexes()
      const { issuerId } = req
      const group = groupOf(req.group)
      const done = new Map<string, CredentialStatus>()
      const strikes = new Map<string, number>()
      let todo = [...new Set(req.credentialIds)]
      for (let tries = 0; todo.length > 0; tries++) {
        if (tries >= MAX_TRIES * 4) throw new StatusAllocationFailed(issuerId)
        const list = await listFor(issuerId)
        // never more than the list still takes, so a big batch cannot overfill it and make probing slow
        const room = Math.max(1, list.capacity - list.allocated - (pending.get(list._id)?.n ?? 0))
        const chunk = todo.slice(0, Math.min(MANY_CHUNK, room))
        const bits = knownOf(list)
        const now = new Date()
        const docs: StatusEntryRecord[] = chunk.map(credentialId => {
          const index = pickSlot(list, bits) // also keeps the chunk's own picks distinct
          return { _id: credentialId, ref: credentialKey(credentialId), issuerId, listId: list._id, index, state: 'reserved', ...group, createdAt: now, updatedAt: now }
        })
        // per entry: inserted, or a unique index held it; any other error (a lost connection too) is thrown
        const inserted = await retryTransient(() => insertEach(entries, docs))
        const failed = new Set(inserted.flatMap((ok, i) => ok ? [] : [i]))
        docs.forEach((d, i) => { if (!failed.has(i)) done.set(d._id, statusOf(d)) })
        if (docs.length > failed.size) await counted(list, docs.length - failed.size)
        // A duplicate key is a taken slot (retry elsewhere, no read) or, when it repeats, most likely a
        // credential that already has an entry: only then is it looked up (FerretDB does not say which index).
        const retry: string[] = []
        for (const i of failed) {
          const id = docs[i]._id
          const n = (strikes.get(id) ?? 0) + 1
          strikes.set(id, n)
          const again = n >= 2 ? await existing(issuerId, id) : null
          if (again) done.set(id, again)
          else retry.push(id)
        }
        todo = [...retry, ...todo.slice(chunk.length)]
      }
      return req.credentialIds.map(id => done.get(id) as CredentialStatus)
    },

    /** Writes the batched allocation counts (tests, shutdown). */
    flushCounts,

    /** The issuer stored the signed credential: its entry points at something. Idempotent. */
    bind,

    /**
     * Gives back the entry of an issuance that failed before its credential was signed and stored (a refused
     * credential): no credential carries the slot, so it is freed, and the credential id no longer blocks a
     * later issuance. Only a `reserved` entry of that issuer is removed; a bound one is never touched.
     */
    async release (req: { issuerId: string; credentialId: string }): Promise<boolean> {
      const r = await entries.deleteOne({ _id: req.credentialId, issuerId: req.issuerId, state: 'reserved' })
      return r.deletedCount === 1
    },


    async entryOf (credentialId: string): Promise<(StatusEntryRecord & { credentialStatus: CredentialStatus }) | null> {
      if (typeof credentialId !== 'string') return null
      const e = await entries.findOne({ _id: credentialId })
      return e ? { ...e, credentialStatus: statusOf(e) } : null
    },

    /** From the bit (its `status_revocations` row); null when the credential has no entry (not issued here). */
    async isRevoked (req: { credentialId: string }): Promise<boolean | null> {
      if (typeof req?.credentialId !== 'string') return null
      const e = await entries.findOne({ _id: req.credentialId }, { projection: { listId: 1, index: 1 } })
      if (!e) return null
      return (await revocations.findOne({ _id: revocationKey(e.listId, e.index) }, { projection: { _id: 1 } })) !== null
    }
  }
}

export type StatusAllocator = ReturnType<typeof createStatusAllocator>
