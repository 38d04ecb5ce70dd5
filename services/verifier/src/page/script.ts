// The page's script, served as /page.js (same origin, so `script-src 'self'` allows it). It only builds DOM
// nodes with textContent: nothing from a credential is ever parsed as HTML. Its strings are the page's
// language's messages (the JSON data block #messages, see ./html.ts and ./messages/).
export const PAGE_JS = `'use strict'
const M = JSON.parse(document.getElementById('messages').textContent)
const MARKS = { success: '\\u2713', failure: '\\u2717', warning: '!', skipped: '\\u2013' }
const $ = (id) => document.getElementById(id)
let uploadedImage

function fill (template, values) {
  return template.replace(/\\{(\\w+)\\}/g, (m, key) => (key in values ? String(values[key]) : m))
}

function day (iso) {
  const d = new Date(iso)
  return isNaN(d.getTime()) ? String(iso) : new Intl.DateTimeFormat(M.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(d)
}

function recipientOptions () {
  const value = $('recipient').value.trim()
  if (value === '') return undefined
  if (value.startsWith('did:')) return { recipient: { did: value } }
  if (value.includes('@')) return { recipient: { email: value } }
  return { recipient: { sourcedId: value } }
}

function row (dl, label, value) {
  if (value === undefined || value === null || value === '') return
  const dt = document.createElement('dt')
  dt.textContent = label
  const dd = document.createElement('dd')
  dd.textContent = value
  dl.append(dt, dd)
}

function checkItem (c) {
  const li = document.createElement('li')
  li.className = c.status
  li.dataset.check = c.check
  li.dataset.status = c.status
  const mark = document.createElement('span')
  mark.className = 'mark'
  mark.textContent = MARKS[c.status] || '?'
  mark.setAttribute('aria-hidden', 'true')
  const name = document.createElement('strong')
  name.textContent = c.check + ' (' + (M.check[c.status] || c.status) + '): '
  li.append(mark, name, document.createTextNode(c.message))
  return li
}

function verdict (kind, title, lines) {
  $('result').hidden = false
  $('verdict').className = 'verdict ' + kind
  $('verdict').dataset.kind = kind
  $('verdict-title').textContent = title
  $('reason').textContent = lines[0] || ''
  $('reason-more').textContent = lines[1] || ''
  $('reason-more').hidden = !lines[1]
}

function showError (message) {
  verdict('bad', M.verdict.notACredential, [message])
  $('details').replaceChildren()
  $('checks').replaceChildren()
  $('endorsements-block').hidden = true
  $('network-block').hidden = true
  $('badge-image').hidden = true
}

/** The first failure, said in a sentence a person understands. */
function failureSentences (report) {
  const failed = (report.checks || []).filter(c => c.status === 'failure')
  const first = failed.find(c => c.check === 'proof') || failed.find(c => c.check === 'issuer') || failed.find(c => c.check === 'status') || failed[0]
  if (!first) return [M.reasons.malformed]
  const r = M.reasons
  if (first.check === 'status' && /^revoked/.test(first.message)) {
    const details = report.revocation || {}
    return [details.revokedAt ? fill(r.revoked, { date: day(details.revokedAt) }) : r.revokedUndated].concat(details.reason ? [fill(r.reason, { reason: details.reason })] : [])
  }
  if (first.check === 'validity') {
    if (/^expired/.test(first.message)) {
      const until = (report.summary || {}).validUntil
      return [until ? fill(r.expired, { date: day(until) }) : r.expiredUndated]
    }
    return [r.notYet]
  }
  const known = { proof: r.tampered, issuer: r.issuer, status: r.status, structure: r.malformed, schema: r.malformed, recipient: r.recipient }
  return [known[first.check] || fill(r.other, { check: first.check })]
}

/** Both answers at the top: is it authentic and in force, and who stands behind the issuer. */
function showVerdict (report) {
  if (!report.verified) return verdict('bad', M.verdict.notValid, failureSentences(report))
  const trust = report.trust || { level: 'unknown', issuer: {} }
  const issuer = trust.issuer || {}
  const name = issuer.name || issuer.id || M.verdict.unknownIssuer
  const website = issuer.url ? [issuer.domainLinked ? fill(M.verdict.websiteConfirmed, { url: issuer.url }) : M.verdict.websiteNotConfirmed] : []
  if (trust.level === 'network-member') {
    return verdict('ok', M.verdict.authentic, [fill(M.verdict.member, { issuer: name, network: trust.network.name, date: day(trust.network.memberSince) })].concat(website))
  }
  if (trust.level === 'endorsed') {
    const endorsers = (trust.endorsedBy || []).map(e => e.name).join(', ')
    return verdict('caution', M.verdict.authentic, [fill(M.verdict.endorsed, { issuer: name, endorsers })].concat(website))
  }
  return verdict('caution', M.verdict.authentic, [issuer.domainLinked ? fill(M.verdict.unknownLinked, { url: issuer.url }) : M.verdict.unknown])
}

function show (report) {
  const s = report.summary || { endorsements: [] }
  showVerdict(report)
  const img = $('badge-image')
  const src = uploadedImage || s.image
  img.hidden = !src
  img.onerror = () => { img.hidden = true }
  if (src) img.src = src
  const L = M.labels
  const dl = $('details')
  dl.replaceChildren()
  const a = s.achievement || {}
  row(dl, L.achievement, a.name || s.name)
  row(dl, L.description, a.description)
  row(dl, L.criteria, a.criteria)
  const issuer = s.issuer || {}
  row(dl, L.issuer, [issuer.name, issuer.id].filter(Boolean).join(' \\u2014 '))
  const r = s.recipient || {}
  const ids = (r.identifiers || []).map(i => i.identityType + (i.hashed ? ' (' + L.hashed + ')' : ': ' + (i.value || '')))
  row(dl, L.recipient, [r.name, r.id].concat(ids).filter(Boolean).join(', '))
  row(dl, L.validFrom, s.validFrom && day(s.validFrom))
  row(dl, L.validUntil, s.validUntil && day(s.validUntil))
  $('checks').replaceChildren(...(report.checks || []).map(checkItem))
  const endorsements = s.endorsements || []
  $('endorsements-block').hidden = endorsements.length === 0
  $('endorsements').replaceChildren(...endorsements.map(e => checkItem({
    check: 'endorsement',
    status: e.counted ? 'success' : 'warning',
    message: (e.issuer.name || e.issuer.id || '?') + (e.comment ? ': \\u201c' + e.comment + '\\u201d' : '') +
      (e.counted ? '' : ' (' + fill(L.notCounted, { reason: e.reason }) + ')')
  })))
  showNetwork(report.verified ? s.network : undefined)
}

function showNetwork (network) {
  const L = M.labels
  $('network-block').hidden = !network
  if (!network) return
  $('network-status').textContent = network.member ? fill(L.member, { date: network.since ? day(network.since) : '' }) : L.notMember
  $('network-endorsers').replaceChildren(...(network.endorsedBy || []).map(e => {
    const li = checkItem({ check: '\\u2605', status: 'success', message: fill(L.endorses, { name: e.name || e.id, what: e.subjectKind === 'achievement' ? L.thisAchievement : L.theIssuer }) + (e.since ? ' (' + day(e.since) + ')' : '') })
    li.dataset.endorser = e.id
    return li
  }))
}

async function post (path, init) {
  $('verify').disabled = true
  try {
    const res = await fetch(path, { method: 'POST', ...init })
    const body = await res.json().catch(() => ({}))
    if (res.status === 200 || res.status === 422) show(body)
    else showError(body.detail || body.title || ('HTTP ' + res.status))
  } catch (err) {
    showError(String(err))
  } finally {
    $('verify').disabled = false
  }
}

/** A link to this very page with ?url= gives the link it carries; any other http(s) link is the credential's. */
function linkOf (text) {
  if (!/^https?:\\/\\/\\S+$/i.test(text)) return undefined
  try {
    const url = new URL(text)
    if (url.origin === location.origin && url.pathname === '/' && url.searchParams.get('url')) return url.searchParams.get('url')
  } catch { return undefined }
  return text
}

function verifyLink (url) {
  uploadedImage = undefined
  return post('/credentials/verify', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credentialUrl: url, options: recipientOptions() }) })
}

function verifyText (text) {
  uploadedImage = undefined
  let value = text.trim()
  const link = linkOf(value)
  if (link) return verifyLink(link)
  if (value.startsWith('{')) {
    try { value = JSON.parse(value) } catch { return showError(M.reasons.badJson) }
  }
  return post('/credentials/verify', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ verifiableCredential: value, options: recipientOptions() }) })
}

function verifyFile (file) {
  uploadedImage = /^image\\/(png|svg\\+xml)$/.test(file.type) ? URL.createObjectURL(file) : undefined
  const form = new FormData()
  const options = recipientOptions()
  if (options) form.append('options', JSON.stringify(options))
  form.append('file', file, file.name)
  return post('/credentials/verify', { body: form })
}

document.addEventListener('DOMContentLoaded', () => {
  $('paste-form').addEventListener('submit', (event) => {
    event.preventDefault()
    const file = $('file').files[0]
    if (file) verifyFile(file)
    else if ($('credential').value.trim() !== '') verifyText($('credential').value)
    else showError(M.reasons.emptyInput)
  })
  $('file').addEventListener('change', () => { if ($('file').files[0]) verifyFile($('file').files[0]) })
  const url = new URLSearchParams(location.search).get('url')
  if (url) verifyLink(url)
})
`
