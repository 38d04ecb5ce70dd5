// The learner's notification (issue 17): plain-text and HTML parts from the message files, every value escaped in
// the HTML part. The badge image travels as an inline attachment (cid), so it shows without remote loading.
import { escapeHtml } from '../hosted/escape.js'
import { formatDate, translator, type Language } from '../i18n/index.js'

export interface NotificationInput {
  lang: Language
  recipientName?: string
  issuerName: string
  issuerUrl?: string
  achievementName: string
  achievementDescription?: string
  /** the issuer's own short text (issuer settings, or the award's) */
  issuerText?: string
  claimUrl: string
  /** the code a wallet asks for when the badge is added from the claim page */
  txCode?: string
  expiresAt: Date
  imageCid: string
}

export interface RenderedMessage { subject: string; text: string; html: string }

export function renderNotification (n: NotificationInput): RenderedMessage {
  const t = translator(n.lang)
  const vars = { issuer: n.issuerName, achievement: n.achievementName, name: n.recipientName ?? '', date: formatDate(n.lang, n.expiresAt) }
  const greeting = n.recipientName ? t('mail.greeting', vars) : t('mail.greetingAnonymous')
  const text = [
    greeting, '',
    t('mail.awarded', vars), '',
    ...(n.achievementDescription ? [n.achievementDescription, ''] : []),
    ...(n.issuerText ? [t('mail.issuerSays', vars), n.issuerText, ''] : []),
    t('mail.claimIntro'), n.claimUrl, '',
    ...(n.txCode ? [t('mail.txCode', { code: n.txCode }), ''] : []),
    t('mail.expires', vars), '',
    '-- ', t('mail.footer', vars), ...(n.issuerUrl ? [n.issuerUrl] : [])
  ].join('\n')
  const e = escapeHtml
  const html = `<!doctype html>
<html lang="${n.lang}"><head><meta charset="utf-8"><title>${e(t('mail.subject', vars))}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;max-width:36rem;margin:0 auto;padding:1rem">
<p>${e(greeting)}</p>
<p><img src="cid:${e(n.imageCid)}" alt="${e(t('mail.imageAlt', vars))}" width="160" height="160"></p>
<p>${e(t('mail.awarded', vars))}</p>
${n.achievementDescription ? `<p>${e(n.achievementDescription)}</p>\n` : ''}${n.issuerText ? `<p><strong>${e(t('mail.issuerSays', vars))}</strong><br>${e(n.issuerText)}</p>\n` : ''}<p>${e(t('mail.claimIntro'))}</p>
<p><a href="${e(n.claimUrl)}" style="display:inline-block;background:#0b5394;color:#fff;padding:.6rem 1rem;text-decoration:none;border-radius:4px">${e(t('mail.claimButton'))}</a></p>
${n.txCode ? `<p>${e(t('mail.txCode', { code: '' }))}<strong style="font-size:1.2em;letter-spacing:.15em">${e(n.txCode)}</strong></p>\n` : ''}<p style="font-size:.9em;color:#444">${e(t('mail.expires', vars))}</p>
<hr><p style="font-size:.8em;color:#555">${e(t('mail.footer', vars))}${n.issuerUrl ? ` <a href="${e(n.issuerUrl)}">${e(n.issuerUrl)}</a>` : ''}</p>
</body></html>
`
  return { subject: t('mail.subject', vars), text, html }
}
