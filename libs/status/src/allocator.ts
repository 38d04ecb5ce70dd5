// Random, never-reused status list slots (Bitstring Status List v1.0 §6.1 "Group Privacy": indices are random,
// so a slot says nothing about issuance order). Safe across processes without a lock: the unique indexes on
// {listId, index} and on the credential id decide every race, and each step is idempotent.
import { randomInt, randomUUID } from 'node:crypto'
import { MongoServerError, type Db } from 'mongodb'
import { credentialStatusOf, STATUS_PURPOSE, type CredentialStatus } from './credential.js'
import { collections, ensureStatusIndexes, lastSegment, type StatusEntryRecord, type StatusListRecord } from './model.js'
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
}

const MAX_TRIES = 64
/** consecutive slot collisions that mark a list full even if its counter lags (a crash between insert and $inc) */
const COLLISIONS_BEFORE_FULL = 24

function isDuplicateKey (err: unknown): boolean {
  return err instanceof MongoServerError && err.code === 11000
}

export function createStatusAllocator (opts: AllocatorOptions) {
  if (!opts?.db) throw new TypeError('"db" is required.')
  if (!opts.revocationPublicUrl) throw new TypeError('"revocationPublicUrl" is required.')
  const size = opts.listSize ?? MIN_LIST_SIZE
  if (!Number.isInteger(size) || size < 8 || size % 8 !== 0) throw new TypeError('"listSize" must be a positive multiple of 8.')
  const capacity = Math.floor(size * (opts.fillRatio ?? 0.75))
  const standbyAt = Math.floor(capacity * (opts.standbyRatio ?? 0.8))
  const base = opts.revocationPublicUrl.replace(/\/+$/, '')
  const { lists, entries } = collections(opts.db)

  const listUrl = (listId: string): string => `${base}/status-lists/${listId}`
  const statusOf = (e: Pick<StatusEntryRecord, 'listId' | 'index'>): CredentialStatus => credentialStatusOf(listUrl(e.listId), e.index)

  /** Opens list `seq` of the issuer unless it exists; the unique {issuerId, purpose, seq} index settles races. */
  async function openList (issuerId: string, seq: number): Promise<void> {
    const list: StatusListRecord = {
      _id: randomUUID(), issuerId, purpose: STATUS_PURPOSE, seq, size, capacity, allocated: 0, state: 'open', version: 0, createdAt: new Date()
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

  async function afterInsert (list: StatusListRecord): Promise<void> {
    const after = await lists.findOneAndUpdate({ _id: list._id }, { $inc: { allocated: 1 } }, { returnDocument: 'after' })
    if (!after) return
    if (after.allocated >= standbyAt) await openList(list.issuerId, list.seq + 1)
    if (after.allocated >= after.capacity) await markFull(after)
  }

  return {
    ensureIndexes: () => ensureStatusIndexes(opts.db),
    listUrl,
    statusOf,

    /**
     * The credential's `credentialStatus` (CONTRACT.md): a random unused slot of the issuer's current list,
     * the same one on every call for the same credential id. Call it BEFORE signing; the entry is 'reserved'
     * until `bind` (or the sweeper) sees the stored credential.
     */
    async allocate (req: { issuerId: string; credentialId: string }): Promise<CredentialStatus> {
      if (!req?.issuerId) throw new TypeError('"issuerId" is required.')
      if (!req.credentialId) throw new TypeError('"credentialId" is required.')
      const { issuerId, credentialId } = req
      const found = await existing(issuerId, credentialId)
      if (found) return found
      let collisions = 0
      for (let tries = 0; tries < MAX_TRIES; tries++) {
        const list = await currentList(issuerId)
        const index = randomInt(list.size)
        const now = new Date()
        try {
          await entries.insertOne({ _id: credentialId, ref: lastSegment(credentialId), issuerId, listId: list._id, index, state: 'reserved', revoked: false, createdAt: now, updatedAt: now })
        } catch (err) {
          if (!isDuplicateKey(err)) throw err
          const again = await existing(issuerId, credentialId) // a concurrent call for the same credential won
          if (again) return again
          if (++collisions >= COLLISIONS_BEFORE_FULL) { await markFull(list); collisions = 0 }
          continue
        }
        await afterInsert(list)
        return statusOf({ listId: list._id, index })
      }
      throw new StatusAllocationFailed(issuerId)
    },

    /** The issuer stored the signed credential: its entry points at something. Idempotent. */
    async bind (credentialId: string): Promise<void> {
      await entries.updateOne({ _id: credentialId, state: { $ne: 'bound' } }, { $set: { state: 'bound', updatedAt: new Date() } })
    },

    async entryOf (credentialId: string): Promise<(StatusEntryRecord & { credentialStatus: CredentialStatus }) | null> {
      if (typeof credentialId !== 'string') return null
      const e = await entries.findOne({ _id: credentialId })
      return e ? { ...e, credentialStatus: statusOf(e) } : null
    },

    /** null when the credential has no entry (not issued here). */
    async isRevoked (req: { credentialId: string }): Promise<boolean | null> {
      if (typeof req?.credentialId !== 'string') return null
      const e = await entries.findOne({ _id: req.credentialId }, { projection: { revoked: 1 } })
      return e ? e.revoked : null
    }
  }
}

export type StatusAllocator = ReturnType<typeof createStatusAllocator>
