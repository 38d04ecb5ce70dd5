// RFC 4180 CSV, small enough for the browser: quoted fields, doubled quotes, CRLF or LF. Used for the preview and
// column mapping; the rows are then sent as JSON awards (the same validation as every batch).
export function parseCsv (text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++ } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') { row.push(cell); cell = '' } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(cell); cell = ''
      if (row.some(v => v !== '')) rows.push(row)
      row = []
    } else cell += c
  }
  row.push(cell)
  if (row.some(v => v !== '')) rows.push(row)
  return rows
}

const quote = (v: string) => /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
export const toCsv = (rows: string[][]): string => rows.map(r => r.map(quote).join(',')).join('\r\n') + '\r\n'

/** Where a CSV column goes in an award (CONTRACT.md batch rows; the same names as the server's CSV columns). */
export const TARGETS = ['email', 'name', 'sourcedId', 'did', 'achievementId', 'evidenceUrl'] as const
export type Target = typeof TARGETS[number] | ''

export function guessTarget (header: string): Target {
  const h = header.toLowerCase().replace(/[^a-z]/g, '')
  if (/mail|courriel/.test(h)) return 'email'
  if (/name|nom/.test(h)) return 'name'
  if (/sourcedid|studentid|id(etudiant)?$/.test(h)) return 'sourcedId'
  if (h === 'did') return 'did'
  if (/achievement|badge/.test(h)) return 'achievementId'
  if (/evidence|preuve/.test(h)) return 'evidenceUrl'
  return ''
}

export function toAward (cells: string[], mapping: Target[], achievementId: string): Record<string, unknown> {
  const v: Partial<Record<typeof TARGETS[number], string>> = {}
  mapping.forEach((target, i) => { if (target && cells[i]?.trim()) v[target] = cells[i].trim() })
  const recipient = { ...(v.email ? { email: v.email } : v.did ? { did: v.did } : v.sourcedId ? { sourcedId: v.sourcedId } : {}), ...(v.name ? { name: v.name } : {}) }
  return { achievementId: v.achievementId ?? achievementId, recipient, ...(v.evidenceUrl ? { evidence: [{ id: v.evidenceUrl }] } : {}) }
}
