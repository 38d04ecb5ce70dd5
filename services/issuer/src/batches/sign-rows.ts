// Build and sign a chunk's rows (docs/decisions/0004-batches-without-updates.md). Building is cheap and stays here; signing is CPU bound. With the
// worker's signing threads (ctx.signingPool) the chunk's credentials are signed on every core while
// this thread goes on with the stores; without them a few rows in flight only let the awaits of one row overlap
// the work of the next. Both give the same bytes for the same `created`. Per-row errors are returned, not thrown.
import { issue, type Signer, type StoredKey } from '@obp/signing'
import type { CredentialStatus } from '@obp/status'
import type { IssuerContext } from '../context.js'
import type { BatchRowRecord } from '../stores/batch-store.js'
import { buildAward, type AwardBasis } from '../awards/issue-award.js'

export const SIGN_IN_FLIGHT = 4

export interface RowToSign { row: BatchRowRecord; basis: AwardBasis; status: CredentialStatus }
export type Signed = { row: BatchRowRecord; basis: AwardBasis; credential: Record<string, unknown> } | { row: BatchRowRecord; basis: AwardBasis; error: unknown }

/** `created` is the proofs' timestamp (default: now, per credential). */
export async function signRows (ctx: Pick<IssuerContext, 'documentLoader' | 'signingPool'>, active: { signer: Signer; key: StoredKey }, todo: RowToSign[], created?: string): Promise<Signed[]> {
  const out: Signed[] = new Array(todo.length)
  const unsigned: Array<Record<string, unknown> | undefined> = todo.map(({ row, basis, status }, i) => {
    try {
      return buildAward(basis, row.award, row.credentialId, status)
    } catch (error) {
      out[i] = { row, basis, error }
      return undefined
    }
  })
  const pool = ctx.signingPool
  if (pool) {
    const built = unsigned.flatMap((u, i) => u ? [i] : [])
    const results = await pool.signMany({ key: active.key, credentials: built.map(i => unsigned[i]!), created })
    built.forEach((i, n) => {
      const r = results[n]!
      out[i] = 'error' in r ? { row: todo[i].row, basis: todo[i].basis, error: r.error } : { row: todo[i].row, basis: todo[i].basis, credential: r.credential }
    })
    return out
  }
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < todo.length) {
      const i = next++
      const credential = unsigned[i]
      if (!credential) continue
      try {
        const signed = await issue({ credential, signer: active.signer, key: active.key, documentLoader: ctx.documentLoader, created }) as Record<string, unknown>
        out[i] = { row: todo[i].row, basis: todo[i].basis, credential: signed }
      } catch (error) {
        out[i] = { row: todo[i].row, basis: todo[i].basis, error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(SIGN_IN_FLIGHT, todo.length) }, lane))
  return out
}
