// The human page of a hosted credential (a browser asking for text/html). Everything shown is escaped.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml (value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, c => ESCAPES[c])
}

function text (v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined
}

export function credentialPage (credential: Record<string, any>, urls: { json: string; png: string; svg: string }): string {
  const achievement = credential.credentialSubject?.achievement ?? {}
  const issuer = typeof credential.issuer === 'string' ? { id: credential.issuer } : credential.issuer ?? {}
  const rows: Array<[string, string | undefined]> = [
    ['Achievement', text(achievement.name) ?? text(credential.name)],
    ['Description', text(achievement.description)],
    ['Criteria', text(achievement.criteria?.narrative) ?? text(achievement.criteria?.id)],
    ['Issuer', text(issuer.name) ?? text(issuer.id)],
    ['Issuer id', text(issuer.id)],
    ['Recipient', text(credential.credentialSubject?.name) ?? text(credential.credentialSubject?.id) ?? 'hashed identity (ask the holder)'],
    ['Valid from', text(credential.validFrom) ?? text(credential.issuanceDate)],
    ['Valid until', text(credential.validUntil) ?? text(credential.expirationDate)],
    ['Credential id', text(credential.id)]
  ]
  const body = rows.filter(([, v]) => v !== undefined).map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('\n')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(text(achievement.name) ?? 'Open Badge')}</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}th{text-align:left;padding-right:1rem;vertical-align:top}img{width:160px;height:160px}</style>
</head><body>
<main><h1>${escapeHtml(text(achievement.name) ?? text(credential.name) ?? 'Open Badge')}</h1>
<img src="${escapeHtml(urls.svg)}" alt="Badge image">
<table>${body}</table>
<p>Download: <a href="${escapeHtml(urls.json)}">credential (JSON)</a> · <a href="${escapeHtml(urls.png)}">baked PNG</a> · <a href="${escapeHtml(urls.svg)}">baked SVG</a></p>
</main></body></html>
`
}
