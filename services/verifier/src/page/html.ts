// GET /: the public verification page, in French or English. Plain HTML, one inline stylesheet (allowed by hash)
// and one self-served script; no third-party resources (the CSP forbids them). The script's strings come from
// the language's message file through a JSON data block (never executed, so the CSP allows it).
import type { Language } from '@obp/service-kit'
import { en, type PageMessages } from './messages/en.js'
import { fr } from './messages/fr.js'
import { PAGE_CSS } from './style.js'

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const esc = (value: string): string => value.replace(/[&<>"']/g, c => ESCAPES[c] as string)

export function pageMessages (lang: Language): PageMessages {
  return lang === 'fr' ? fr : en
}

/** JSON inside <script type="application/json">: `<` escaped so no text can close the element. */
function dataBlock (value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c')
}

export function renderPage (lang: Language): string {
  const m = pageMessages(lang)
  const h = m.headings
  return `<!doctype html>
<html lang="${m.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(m.title)}</title>
<style>${PAGE_CSS}</style>
<script id="messages" type="application/json">${dataBlock({ locale: m.locale, verdict: m.verdict, reasons: m.reasons, labels: m.labels, check: m.check })}</script>
<script src="/page.js" defer></script>
</head>
<body>
<header><a href="/?lang=${m.otherLang}" lang="${m.otherLang}" hreflang="${m.otherLang}">${esc(m.otherLanguage)}</a></header>
<main>
<h1>${esc(m.title)}</h1>
<section id="result" hidden aria-live="polite" aria-labelledby="verdict-title">
  <div id="verdict" class="verdict" data-testid="verdict">
    <h2 id="verdict-title"></h2>
    <p id="reason"></p>
    <p id="reason-more"></p>
  </div>
  <h2>${esc(h.details)}</h2>
  <div class="badge">
    <img id="badge-image" alt="${esc(m.labels.image)}" hidden>
    <dl id="details"></dl>
  </div>
  <div id="network-block" hidden>
    <h2>${esc(h.network)}</h2>
    <p id="network-status" data-testid="network-status"></p>
    <ul id="network-endorsers" class="checks"></ul>
  </div>
  <div id="endorsements-block" hidden>
    <h2>${esc(h.endorsements)}</h2>
    <ul id="endorsements" class="checks"></ul>
  </div>
  <h2>${esc(h.checks)}</h2>
  <ul id="checks" class="checks"></ul>
</section>
<form id="paste-form">
  <label for="credential">${esc(m.form.credential)}</label>
  <textarea id="credential" name="credential" spellcheck="false" placeholder="${esc(m.form.placeholder)}"></textarea>
  <label for="file">${esc(m.form.file)}</label>
  <input id="file" name="file" type="file" accept=".png,.svg,.json,.jwt,image/png,image/svg+xml,application/json">
  <label for="recipient">${esc(m.form.recipient)}</label>
  <input id="recipient" name="recipient" type="text" size="40" autocomplete="off">
  <div><button id="verify" type="submit">${esc(m.form.verify)}</button></div>
</form>
<p class="muted">${esc(m.about)}</p>
</main>
</body>
</html>
`
}

/** Both pages, rendered once. */
export const PAGES: Record<Language, string> = { en: renderPage('en'), fr: renderPage('fr') }
