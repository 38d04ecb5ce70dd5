// GET /network/achievements?q= for browsers (French or English): a search box and the matching achievements of
// members, each with its issuer and how many live endorsements it has (counted from the network graph).
import type { Language } from '@obp/service-kit'
import { format, pageMessages } from '../i18n/index.js'
import { escapeHtml } from '../hosted/escape.js'
import type { NetworkGraph } from './graph.js'
import { pageShell } from './page-shell.js'

export interface SearchResult { id: string; name: string; description?: string; issuer: { issuerId: string; name: string } }

export function renderSearchPage (opts: { lang: Language; q: string; results: SearchResult[]; graph: NetworkGraph; publicUrl: string }): string {
  const m = pageMessages(opts.lang).network
  const counts = new Map<string, number>()
  for (const e of opts.graph.edges) counts.set(e.to, (counts.get(e.to) ?? 0) + 1)
  const form = `<form method="get" action="/network/achievements" role="search"><input type="hidden" name="lang" value="${opts.lang}">` +
    `<label for="q">${escapeHtml(m.searchLabel)}</label><input id="q" name="q" type="search" value="${escapeHtml(opts.q)}"> ` +
    `<button type="submit">${escapeHtml(m.searchButton)}</button></form>`
  const summary = opts.results.length === 0
    ? format(m.noResults, { q: opts.q })
    : format(m.results, { count: opts.results.length, q: opts.q })
  const items = opts.results.map(r => {
    const link = /^https?:\/\//.test(r.id) ? `<a href="${escapeHtml(r.id)}">${escapeHtml(r.name)}</a>` : escapeHtml(r.name)
    const issuer = `<a href="${escapeHtml(`${opts.publicUrl}/issuers/${encodeURIComponent(r.issuer.issuerId)}`)}">${escapeHtml(r.issuer.name)}</a>`
    const [before = '', after = ''] = m.by.split('{issuer}')
    const by = `${escapeHtml(before)}${issuer}${escapeHtml(after)}`
    return `<li><strong>${link}</strong> — ${by} — ${escapeHtml(format(m.endorsementCount, { count: counts.get(r.id) ?? 0 }))}` +
      `${r.description !== undefined ? `<br>${escapeHtml(r.description)}` : ''}</li>`
  })
  const self = `/network/achievements?q=${encodeURIComponent(opts.q)}`
  return pageShell({ lang: opts.lang, title: m.search, self },
    `${form}<p role="status">${escapeHtml(summary)}</p><ul class="results">${items.join('')}</ul><p><a href="/network?lang=${opts.lang}">${escapeHtml(m.title)}</a></p>`)
}
