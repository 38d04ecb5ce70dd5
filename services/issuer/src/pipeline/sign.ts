// The pipeline's sign step (docs/decisions/0003-one-award-path.md). One credential is signed in this thread. Many (a
// batch chunk, docs/decisions/0004-batches-without-updates.md) go to the worker's signing threads (ctx.signingPool)
// when there are any, so every core signs while this thread goes on with the stores; without them a few credentials
// in flight only let the awaits of one overlap the work of the next. Both give the same bytes for the same `created`.
import { issue, type Signer, type StoredKey } from '@obp/signing'
import type { IssuerContext } from '../context.js'
import { SigningUnavailable } from '../errors.js'

export type Json = Record<string, unknown>
export interface ActiveSigner { signer: Signer; key: StoredKey }
/** Per credential, in the order given: its signed form or why it has none (errors are returned, not thrown). */
export type SignOutcome = { credential: Json } | { error: unknown }

export const SIGN_IN_FLIGHT = 4

/** The issuer's active key from the signer cache; none is OBP_ISSUER_SIGNING_UNAVAILABLE. */
export async function activeSigner (ctx: Pick<IssuerContext, 'signers'>, issuerId: string): Promise<ActiveSigner> {
  const active = await ctx.signers.signerFor(issuerId)
  if (!active) throw new SigningUnavailable(issuerId)
  return active
}

export async function signOne (ctx: Pick<IssuerContext, 'documentLoader'>, active: ActiveSigner, credential: Json): Promise<Json> {
  return await issue({ credential, signer: active.signer, key: active.key, documentLoader: ctx.documentLoader }) as Json
}

/** Builds (a builder that throws is that credential's error) and signs; `created` is the proofs' time (default now). */
export async function signMany (ctx: Pick<IssuerContext, 'documentLoader'> & Partial<Pick<IssuerContext, 'signingPool'>>, active: ActiveSigner, builds: Array<() => Json>, created?: string): Promise<SignOutcome[]> {
  const out: SignOutcome[] = new Array(builds.length)
  const unsigned = builds.map((build, i) => {
    try {
      return build()
    } catch (error) {
      out[i] = { error }
      return undefined
    }
  })
  const pool = ctx.signingPool
  if (pool) {
    const built = unsigned.flatMap((u, i) => u ? [i] : [])
    const results = await pool.signMany({ key: active.key, credentials: built.map(i => unsigned[i]!), created })
    built.forEach((i, n) => {
      const r = results[n]!
      out[i] = 'error' in r ? { error: r.error } : { credential: r.credential }
    })
    return out
  }
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < builds.length) {
      const i = next++
      const credential = unsigned[i]
      if (!credential) continue
      try {
        out[i] = { credential: await issue({ credential, signer: active.signer, key: active.key, documentLoader: ctx.documentLoader, created }) as Json }
      } catch (error) {
        out[i] = { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(SIGN_IN_FLIGHT, builds.length) }, lane))
  return out
}
