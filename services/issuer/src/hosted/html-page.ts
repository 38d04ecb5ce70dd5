// The human page of a hosted credential (a browser asking for text/html), in French or English. Everything
// shown is escaped; the current status (./live-status.ts) comes first.
import type { Language } from '@obp/service-kit'
import { format, messagesFor } from '../messages/index.js'
import type { LiveStatus } from './live-status.js'
import { STATUS_CSS, statusBanner } from './status-banner.js'

import { escapeHtml } from './escape.js'

export { escapeHtml }

function text (v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined
}

export interface CredentialPageOptions {
  urls: { json: string; png: string; svg: string; self: string }
  lang: Language
  status: LiveStatus
  /** the achievement's own image (uploaded or data:), else the baked SVG */
  image: string
}

/** The endorsements the credential carries (on itself, its achievement, its issuer): who, and what they said. */
function endorsementsOf (credential: Record<string, any>): Array<{ name: string; comment?: string }> {
  const achievement = credential.credentialSubject?.achievement ?? {}
  const issuer = typeof credential.issuer === 'object' ? credential.issuer : {}
  const all = [credential.endorsement, achievement.endorsement, issuer.endorsement].flatMap(e => (Array.isArray(e) ? e : e ? [e] : []))
  return all.filter(e => e && typeof e === 'object').map(e => {
    const by = typeof e.issuer === 'string' ? { id: e.issuer } : e.issuer ?? {}
    const subject = Array.isArray(e.credentialSubject) ? e.credentialSubject[0] : e.credentialSubject
    return { name: text(by.name) ?? text(by.id) ?? '?', comment: text(subject?.endorsementComment) }
  })
}

export function credentialPage (credential: Record<string, any>, opts: CredentialPageOptions): string {
  const m = messagesFor(opts.lang).hosted
  const achievement = credential.credentialSubject?.achievement ?? {}
  const issuer = typeof credential.issuer === 'string' ? { id: credential.issuer } : credential.issuer ?? {}
  const rows: Array<[string, string | undefined]> = [
    [m.achievement, text(achievement.name) ?? text(credential.name)],
    [m.description, text(achievement.description)],
    [m.criteria, text(achievement.criteria?.narrative) ?? text(achievement.criteria?.id)],
    [m.issuer, text(issuer.name) ?? text(issuer.id)],
    [m.issuerId, text(issuer.id)],
    [m.recipient, text(credential.credentialSubject?.name) ?? text(credential.credentialSubject?.id) ?? m.hashedRecipient],
    [m.validFrom, text(credential.validFrom) ?? text(credential.issuanceDate)],
    [m.validUntil, text(credential.validUntil) ?? text(credential.expirationDate)],
    [m.credentialId, text(credential.id)]
  ]
  const body = rows.filter(([, v]) => v !== undefined).map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('\n')
  const endorsements = endorsementsOf(credential)
  const endorsed = endorsements.length === 0
    ? ''
    : `<h2>${escapeHtml(m.endorsements)}</h2><ul>${endorsements.map(e => `<li><strong>${escapeHtml(format(m.endorsedBy, { name: e.name }))}</strong>${e.comment !== undefined ? `: “${escapeHtml(e.comment)}”` : ''}</li>`).join('')}</ul>`
  const title = text(achievement.name) ?? text(credential.name) ?? 'Open Badge'
  return `<!doctype html>
<html lang="${opts.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1d2430}th{text-align:left;padding-right:1rem;vertical-align:top}img{width:160px;height:160px;object-fit:contain}${STATUS_CSS}</style>
</head><body>
<main><p><a href="${escapeHtml(opts.urls.self)}?lang=${m.otherLang}" lang="${m.otherLang}">${escapeHtml(m.other)}</a></p>
<h1>${escapeHtml(title)}</h1>
${statusBanner(opts.status, opts.lang)}
<img src="${escapeHtml(opts.image)}" alt="${escapeHtml(m.image)}">
<table>${body}</table>
${endorsed}
<p>${escapeHtml(m.download)} <a href="${escapeHtml(opts.urls.json)}">${escapeHtml(m.json)}</a> · <a href="${escapeHtml(opts.urls.png)}">${escapeHtml(m.png)}</a> · <a href="${escapeHtml(opts.urls.svg)}">${escapeHtml(m.svg)}</a></p>
</main></body></html>
`
}
