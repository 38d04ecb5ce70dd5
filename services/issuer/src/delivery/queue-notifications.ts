// Queueing learner notifications (issue 17): an award (single or batch row) whose recipient has an email is
// notified unless the award or its batch says `notify: false`. The address is sealed into the `deliveries`
// document; the job carries ids only (STYLE.md §11), keyed by the credential id (and the message number for a
// re-send), so queueing twice sends once.
import type { IssueRequest } from '@obp/ob3'
import type { IssuerContext } from '../context.js'
import { credentialJobId } from '../ids.js'
import { isLanguage } from '../i18n/index.js'

export interface NotificationJob { credentialId: string; issuerId: string; seq: number }

export interface Notifiable { credentialId: string; issuerId: string; award: IssueRequest; batchNotify?: boolean }

/** The job id of message `seq` of a credential (BullMQ ids may not contain `:`). */
export const notificationJobId = (credentialId: string, seq: number): string =>
  `notify-${credentialJobId(credentialId).slice(5)}${seq > 1 ? `-${seq}` : ''}`

const emailOf = (award: IssueRequest): string | undefined => {
  const r = award.recipient as { email?: unknown }
  return typeof r.email === 'string' ? r.email : undefined
}

export function wantsNotification (award: IssueRequest, batchNotify?: boolean): boolean {
  return emailOf(award) !== undefined && award.notify !== false && batchNotify !== false
}

export async function queueNotifications (ctx: IssuerContext, items: Notifiable[]): Promise<number> {
  const todo = items.filter(i => wantsNotification(i.award, i.batchNotify))
  if (todo.length === 0) return 0
  await ctx.deliveries.insertMany(todo.map(i => {
    const email = emailOf(i.award) as string
    return {
      _id: i.credentialId,
      issuerId: i.issuerId,
      addressKey: ctx.addressSeal.lookupKey(email),
      address: ctx.addressSeal.seal(email),
      ...(isLanguage(i.award.language) ? { language: i.award.language } : {}),
      ...(i.award.notificationText ? { text: i.award.notificationText } : {})
    }
  }))
  for (let i = 0; i < todo.length; i += 500) {
    await ctx.queues.notifications.addBulk(todo.slice(i, i + 500).map(n => ({
      name: 'notify', data: { credentialId: n.credentialId, issuerId: n.issuerId, seq: 1 }, opts: { jobId: notificationJobId(n.credentialId, 1) }
    })))
  }
  return todo.length
}
