// The one mail transport of the issuer service (learner notifications, console invitations): nodemailer over
// SMTP_URL, or, in development when SMTP_URL is unset, one RFC 5322 `.eml` file per message under the outbox
// directory (README "Email"), so a person can open it and tests can read it.
import { randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import nodemailer from 'nodemailer'

export interface MailAttachment { filename: string; content: Buffer; contentType: string; cid?: string }
export interface MailMessage { to: string; subject: string; text: string; /** optional: plain-text messages (console invitations) have no HTML part */ html?: string; attachments?: MailAttachment[] }
export interface MailerOptions { smtpUrl?: string; from: string; outboxDir: string }
export interface Mailer {
  /** Sends one message; resolves with the Message-ID, rejects when the relay refuses it. */
  send (message: MailMessage): Promise<{ messageId: string }>
  close (): void
}

export function createMailer (opts: MailerOptions): Mailer {
  if (!opts?.from) throw new TypeError('"from" is required.')
  if (opts.smtpUrl) {
    const transport = nodemailer.createTransport(opts.smtpUrl)
    return {
      async send (message) {
        const info = await transport.sendMail({ from: opts.from, ...message })
        return { messageId: info.messageId }
      },
      close: () => transport.close()
    }
  }
  if (!opts.outboxDir) throw new TypeError('"outboxDir" is required when "smtpUrl" is unset.')
  // streamTransport renders the full MIME message without sending it anywhere
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' })
  return {
    async send (message) {
      const info = await transport.sendMail({ from: opts.from, ...message })
      await mkdir(opts.outboxDir, { recursive: true })
      // time first, so `ls` lists messages in the order they were written
      const file = join(opts.outboxDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`)
      await writeFile(file, info.message as Buffer, { mode: 0o600 })
      return { messageId: info.messageId }
    },
    close: () => transport.close()
  }
}
