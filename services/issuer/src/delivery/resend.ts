// Re-sending a claim link by email: the address sealed again on the delivery document, the next message number,
// a job keyed by both (a repeated request within one number sends once).
import type { IssuerContext } from '../context.js'
import type { Language } from '../i18n/index.js'
import { notificationJobId } from './queue-notifications.js'

export async function resendNotification (ctx: IssuerContext, r: { credentialId: string; issuerId: string; email: string; language?: Language }): Promise<number> {
  const seq = await ctx.deliveries.requeue(r.credentialId, {
    issuerId: r.issuerId,
    addressKey: ctx.addressSeal.lookupKey(r.email),
    address: ctx.addressSeal.seal(r.email),
    ...(r.language ? { language: r.language } : {})
  })
  await ctx.queues.notifications.add('notify', { credentialId: r.credentialId, issuerId: r.issuerId, seq }, { jobId: notificationJobId(r.credentialId, seq) })
  return seq
}
