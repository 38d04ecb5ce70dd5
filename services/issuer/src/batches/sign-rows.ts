// Build and sign a chunk's rows (docs/decisions/0004-batches-without-updates.md). Signing is CPU bound: a few rows in flight only let the awaits of one
// row overlap the work of the next; more would just hold more memory. Per-row errors are returned, not thrown.
import { issue, type Signer, type StoredKey } from '@obp/signing'
import type { CredentialStatus } from '@obp/status'
import type { IssuerContext } from '../context.js'
import type { BatchRowRecord } from '../stores/batch-store.js'
import { buildAward, type AwardBasis } from '../awards/issue-award.js'

export const SIGN_IN_FLIGHT = 4

export interface RowToSign { row: BatchRowRecord; basis: AwardBasis; status: CredentialStatus }
export type Signed = { row: BatchRowRecord; basis: AwardBasis; credential: Record<string, unknown> } | { row: BatchRowRecord; basis: AwardBasis; error: unknown }

export async function signRows (ctx: IssuerContext, active: { signer: Signer; key: StoredKey }, todo: RowToSign[]): Promise<Signed[]> {
  const out: Signed[] = new Array(todo.length)
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < todo.length) {
      const i = next++
      const { row, basis, status } = todo[i]
      try {
        const unsigned = buildAward(basis, row.award, row.credentialId, status)
        const credential = await issue({ credential: unsigned, signer: active.signer, key: active.key, documentLoader: ctx.documentLoader }) as Record<string, unknown>
        out[i] = { row, basis, credential }
      } catch (error) {
        out[i] = { row, basis, error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(SIGN_IN_FLIGHT, todo.length) }, lane))
  return out
}
