// The listing's view of an issued credential (credential-index.ts), built where it is stored.
import type { IssuerContext } from '../context.js'
import { lastSegment } from '../ids.js'
import type { RecordItem } from './credential-index.js'
import { awardIdentity, recipientHash } from './lookup-key.js'

export interface Issued {
  credential: Record<string, unknown>
  achievementKey: string
  award: { recipient?: unknown; validUntil?: string }
  batchId?: string
  row?: number
}

const isoOrUndefined = (v: unknown): string | undefined => {
  if (typeof v !== 'string') return undefined
  const d = new Date(v)
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString()
}

export function recordItem (ctx: IssuerContext, issued: Issued, at: Date): RecordItem {
  const { credential } = issued
  const subject = credential.credentialSubject as { achievement?: { id?: string } } | undefined
  const status = credential.credentialStatus as { statusListCredential?: string; statusListIndex?: string } | undefined
  const identity = awardIdentity(issued.award.recipient)
  const name = (issued.award.recipient as { name?: unknown } | undefined)?.name
  const until = isoOrUndefined(credential.validUntil ?? issued.award.validUntil)
  return {
    c: String(credential.id),
    a: subject?.achievement?.id ?? issued.achievementKey,
    ak: issued.achievementKey,
    t: at.toISOString(),
    ...(typeof name === 'string' ? { n: name } : {}),
    ...(identity !== undefined ? { h: recipientHash(ctx.lookupKey, identity) } : {}),
    ...(until !== undefined ? { u: until } : {}),
    ...(issued.batchId !== undefined ? { b: issued.batchId, r: issued.row } : {}),
    ...(status?.statusListCredential !== undefined && status.statusListIndex !== undefined
      ? { l: lastSegment(status.statusListCredential), i: Number(status.statusListIndex) }
      : {})
  }
}

/** Records credentials in the listing's index; safe to repeat. */
export async function recordIssued (ctx: IssuerContext, issuerId: string, issued: Issued[], at = new Date()): Promise<void> {
  await ctx.records.add(issuerId, issued.map(i => recordItem(ctx, i, at)))
}
