// The mail transport (interface shared with the learner-delivery work): SMTP when SMTP_URL is set, otherwise each
// message is written as an RFC 5322 file (`*.eml`) under the outbox directory, for development and tests.
import { randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import nodemailer from 'nodemailer'

export interface MailMessage { to: string; subject: string; text: string; html?: string }
export interface Mailer { send: (message: MailMessage) => Promise<void> }

export function createMailer (opts: { smtpUrl?: string; from: string; outboxDir: string }): Mailer {
  if (opts.smtpUrl) {
    const smtp = nodemailer.createTransport(opts.smtpUrl)
    return { async send (m) { await smtp.sendMail({ from: opts.from, ...m }) } }
  }
  // nodemailer's stream transport renders the message without sending it
  const render = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
  return {
    async send (m) {
      const info = await render.sendMail({ from: opts.from, ...m })
      await mkdir(opts.outboxDir, { recursive: true })
      await writeFile(join(opts.outboxDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`), info.message as Buffer)
    }
  }
}
