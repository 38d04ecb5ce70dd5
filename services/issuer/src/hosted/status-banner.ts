// The current status in one sentence or two (./live-status.ts), for any public page of the issuer service.
// A distinct style per state: a revoked or expired badge must never look like a valid one.
import type { Language } from '@obp/service-kit'
import { format, formatDate, pageMessages } from '../i18n/index.js'
import { escapeHtml } from './escape.js'
import type { LiveStatus } from './live-status.js'

export const STATUS_CSS = '.status{padding:.75rem 1rem;border-radius:.4rem;margin:1rem 0;font-weight:600}' +
  '.status-valid{background:#e3f6e8;color:#17692f}.status-revoked{background:#fdeaea;color:#9b1c1c;border:2px solid #9b1c1c}' +
  '.status-expired{background:#fff4d6;color:#6b4600;border:2px solid #9a6700}.status p{margin:.25rem 0}'

export function statusSentences (status: LiveStatus, lang: Language): string[] {
  const m = pageMessages(lang).status
  if (status.state === 'revoked') {
    return [format(m.revoked, { date: formatDate(lang, status.revokedAt, 'UTC') }), status.reason !== undefined ? format(m.reason, { reason: status.reason }) : m.noReason]
  }
  if (status.state === 'expired') return [format(m.expired, { date: formatDate(lang, status.validUntil, 'UTC') })]
  return [status.validUntil !== undefined ? format(m.validUntil, { date: formatDate(lang, status.validUntil, 'UTC') }) : m.valid]
}

export function statusBanner (status: LiveStatus, lang: Language): string {
  const m = pageMessages(lang).status
  const lines = statusSentences(status, lang).map(s => `<p>${escapeHtml(s)}</p>`).join('')
  return `<section class="status status-${status.state}" role="status" aria-label="${escapeHtml(m.heading)}">${lines}</section>`
}
