// The page's script, served as /page.js (same origin, so `script-src 'self'` allows it). It only builds DOM
// nodes with textContent: nothing from a credential is ever parsed as HTML.
export const PAGE_JS = `'use strict'
const MARKS = { success: '\\u2713', failure: '\\u2717', warning: '!', skipped: '\\u2013' }
const LABELS = { success: 'pass', failure: 'fail', warning: 'warning', skipped: 'skipped' }
const $ = (id) => document.getElementById(id)
let uploadedImage

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
  mark.title = LABELS[c.status] || c.status
  const name = document.createElement('strong')
  name.textContent = c.check + ' (' + (LABELS[c.status] || c.status) + '): '
  li.append(mark, name, document.createTextNode(c.message))
  return li
}

function showError (message) {
  $('result').hidden = false
  $('verdict').className = 'verdict bad'
  $('verdict').textContent = 'Not a credential'
  $('reason').textContent = message
  $('details').replaceChildren()
  $('checks').replaceChildren()
  $('endorsements-block').hidden = true
  $('network-block').hidden = true
  $('badge-image').hidden = true
}

function show (report) {
  const s = report.summary || { endorsements: [] }
  $('result').hidden = false
  $('verdict').className = 'verdict ' + (report.verified ? 'ok' : 'bad')
  $('verdict').textContent = report.verified ? '\\u2713 Verified' : '\\u2717 Not verified'
  const failed = (report.checks || []).filter(c => c.status === 'failure')
  $('reason').textContent = report.verified ? 'Every check passed.' : 'Failed: ' + [...new Set(failed.map(c => c.check))].join(', ')
  const img = $('badge-image')
  const src = uploadedImage || s.image
  img.hidden = !src
  img.onerror = () => { img.hidden = true }
  if (src) img.src = src
  const dl = $('details')
  dl.replaceChildren()
  const a = s.achievement || {}
  row(dl, 'Achievement', a.name || s.name)
  row(dl, 'Description', a.description)
  row(dl, 'Criteria', a.criteria)
  const issuer = s.issuer || {}
  row(dl, 'Issuer', [issuer.name, issuer.id].filter(Boolean).join(' \\u2014 '))
  const r = s.recipient || {}
  const ids = (r.identifiers || []).map(i => i.identityType + (i.hashed ? ' (hashed)' : ': ' + (i.value || '')))
  row(dl, 'Recipient', [r.name, r.id].concat(ids).filter(Boolean).join(', '))
  row(dl, 'Valid from', s.validFrom)
  row(dl, 'Valid until', s.validUntil)
  $('checks').replaceChildren(...(report.checks || []).map(checkItem))
  const endorsements = s.endorsements || []
  $('endorsements-block').hidden = endorsements.length === 0
  $('endorsements').replaceChildren(...endorsements.map(e => checkItem({
    check: 'endorsement',
    status: e.counted ? 'success' : 'warning',
    message: (e.issuer.name || e.issuer.id || 'unknown issuer') + (e.comment ? ': \\u201c' + e.comment + '\\u201d' : '') +
      (e.counted ? '' : ' (not counted: ' + e.reason + ')')
  })))
  showNetwork(s.network)
}

function showNetwork (network) {
  $('network-block').hidden = !network
  if (!network) return
  $('network-status').textContent = network.member
    ? 'The issuer is a member of the network' + (network.since ? ' since ' + network.since : '') + '.'
    : 'The issuer is not a member of the network.'
  $('network-endorsers').replaceChildren(...(network.endorsedBy || []).map(e => {
    const li = checkItem({
      check: 'endorsed by',
      status: 'success',
      message: (e.name || e.id) + ' endorses ' + (e.subjectKind === 'achievement' ? 'this achievement' : 'the issuer') + (e.since ? ' (since ' + e.since + ')' : '')
    })
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

function verifyText (text) {
  uploadedImage = undefined
  let value = text.trim()
  if (value.startsWith('{')) {
    try { value = JSON.parse(value) } catch { return showError('The pasted text is not valid JSON.') }
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
    else showError('Paste a credential or choose a file first.')
  })
  $('file').addEventListener('change', () => { if ($('file').files[0]) verifyFile($('file').files[0]) })
  const url = new URLSearchParams(location.search).get('url')
  if (url) {
    uploadedImage = undefined
    post('/credentials/verify-url', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url, options: recipientOptions() }) })
  }
})
`
