// The frame of the network's public pages (graph, achievement search): language switch, one stylesheet, no script.
import type { Language } from '@obp/service-kit'
import { pageMessages } from '../i18n/index.js'
import { escapeHtml } from '../hosted/escape.js'

const CSS = 'body{font-family:system-ui,sans-serif;margin:2rem;color:#222}a{color:#1f4690}svg{max-width:100%;height:auto;border:1px solid #ddd}' +
  'table{border-collapse:collapse;margin-top:1rem}td,th{border:1px solid #ddd;padding:.3rem .6rem;text-align:left}' +
  'header{text-align:right}label{display:block;font-weight:600;margin-bottom:.25rem}input{padding:.35rem;font-size:1rem}' +
  'button{padding:.4rem 1rem;font-size:1rem}ul.results li{margin:.5rem 0}'

export function pageShell (opts: { lang: Language; title: string; self: string; extraCss?: string }, body: string): string {
  const m = pageMessages(opts.lang).network
  const sep = opts.self.includes('?') ? '&' : '?'
  return `<!doctype html><html lang="${opts.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(opts.title)}</title><style>${CSS}${opts.extraCss ?? ''}</style></head><body>` +
    `<header><a href="${escapeHtml(opts.self + sep + 'lang=' + m.otherLang)}" lang="${m.otherLang}">${escapeHtml(m.other)}</a></header>` +
    `<main><h1>${escapeHtml(opts.title)}</h1>${body}</main></body></html>`
}
