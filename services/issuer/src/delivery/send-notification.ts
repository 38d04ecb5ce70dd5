// The notification job (queue obp-notifications): one message to one learner. The job holds ids; the address is
// opened from the delivery document, used for this send and removed once the message is accepted by the relay.
// A retry of a message already sent (a repeated job, an older message number) sends nothing.
import { UnrecoverableError } from 'bullmq'
import type { IssuerContext } from '../context.js'
import { badgeImage } from '../hosted/badge-image.js'
import type { Mailer } from '../mail/mailer.js'
import type { NotificationJob } from './queue-notifications.js'
import { newClaimLink } from './claim-links.js'
import { renderNotification } from './notification-message.js'

export type NotificationOutcome = 'sent' | 'skipped'

/** Relay errors may quote the recipient: never let an address reach a log, a job's failure or the database. */
export function scrubAddresses (message: string): string {
  return message.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '<address>').slice(0, 500)
}

const str = (v: unknown): string | undefined => typeof v === 'string' && v.trim() !== '' ? v : undefined

export async function sendNotification (ctx: IssuerContext, mailer: Mailer, job: NotificationJob): Promise<NotificationOutcome> {
  const delivery = await ctx.deliveries.get(job.credentialId)
  // erased, sent already, or superseded by a newer re-send: nothing to do
  if (!delivery?.address || delivery.issuerId !== job.issuerId || (delivery.sentSeq ?? 0) >= job.seq || delivery.seq !== job.seq) return 'skipped'
  const [record, issuer] = await Promise.all([ctx.credentials.get(job.credentialId), ctx.issuers.get(job.issuerId)])
  if (!record || !issuer) throw new UnrecoverableError('credential or issuer not found')
  const credential = record.credential as Record<string, any>
  const subject = credential.credentialSubject ?? {}
  const achievement = subject.achievement ?? {}
  const profile = issuer.profile as Record<string, unknown>
  // the transaction code wallets ask for travels with the link (OID4VCI tx_code: the email is the second channel)
  const claim = await newClaimLink(ctx, job.credentialId, job.issuerId, { withTxCode: true })
  const imageCid = 'badge@obp'
  const message = renderNotification({
    lang: delivery.language ?? issuer.language ?? 'fr',
    recipientName: str(subject.name),
    issuerName: str(profile.name) ?? issuer.did,
    issuerUrl: str(profile.url),
    achievementName: str(achievement.name) ?? 'Open Badge',
    achievementDescription: str(achievement.description),
    issuerText: delivery.text ?? issuer.notificationText,
    claimUrl: claim.url,
    txCode: claim.txCode,
    expiresAt: claim.expiresAt,
    imageCid
  })
  const image = await badgeImage(ctx, credential, 'image/png')
  await mailer.send({
    to: ctx.addressSeal.open(delivery.address),
    ...message,
    attachments: [{ filename: 'badge.png', content: image, contentType: 'image/png', cid: imageCid }]
  })
  await ctx.deliveries.markSent(job.credentialId, job.seq)
  return 'sent'
}
