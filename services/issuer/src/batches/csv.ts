// CSV batches as spreadsheets write them (issue 16): comma, semicolon or tab (detected from the header line), a
// UTF-8 BOM, CRLF or LF, quoted fields (csv-parse), headers in English or French (csv-headers.ts). Unknown columns
// are ignored with a warning; a default achievement can be given for the whole file. Each award keeps the
// spreadsheet line it came from (header = line 1), for errors a registrar can find.
import { parse } from 'csv-parse/sync'
import { BatchInvalid } from '../errors.js'
import { CSV_ALIASES, columnLetter, fieldOf, type CsvField } from './csv-headers.js'

export interface CsvAwards {
  awards: Array<Record<string, unknown>>
  /** the spreadsheet line of each award */
  lines: number[]
  warnings: string[]
}

const SEPARATORS = [',', ';', '\t'] as const

/** The separator used most in the header line, outside quotes (a comma when there is one column). */
export function detectSeparator (text: string): string {
  const counts = new Map<string, number>(SEPARATORS.map(s => [s, 0]))
  let quoted = false
  for (const ch of text.replace(/^\ufeff/, '')) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) break
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0][1] > 0 ? [...counts].sort((a, b) => b[1] - a[1])[0][0] : ','
}

const TRUE = new Set(['true', 'yes', 'oui', 'vrai', '1', 'x'])

/** A date without a time (2026-09-01) as the start of that day, UTC: what spreadsheets export. */
const dateTime = (v: string): string => (/^\d{4}-\d\d-\d\d$/.test(v) ? `${v}T00:00:00Z` : v)

function toAward (cells: Partial<Record<CsvField, string>>, defaultAchievement: string | undefined): Record<string, unknown> {
  const get = (k: CsvField): string | undefined => (cells[k] === undefined || cells[k] === '' ? undefined : cells[k])
  const recipient: Record<string, string> = {}
  for (const k of ['email', 'did', 'sourcedId'] as const) { const v = get(k); if (v !== undefined) recipient[k] = v }
  const name = get('name') ?? ([get('givenName'), get('familyName')].filter(Boolean).join(' ') || undefined)
  if (name !== undefined) recipient.name = name
  const achievementId = get('achievementId') ?? defaultAchievement
  const award: Record<string, unknown> = { ...(achievementId !== undefined ? { achievementId } : {}), recipient }
  for (const k of ['validFrom', 'validUntil'] as const) { const v = get(k); if (v !== undefined) award[k] = dateTime(v) }
  const evidenceUrl = get('evidenceUrl')
  const narrative = get('evidenceNarrative')
  if (evidenceUrl !== undefined || narrative !== undefined) {
    award.evidence = [{ ...(evidenceUrl !== undefined ? { id: evidenceUrl } : {}), ...(narrative !== undefined ? { narrative } : {}) }]
  }
  const value = get('resultValue')
  const status = get('resultStatus')
  if (value !== undefined || status !== undefined) award.result = [{ ...(value !== undefined ? { value } : {}), ...(status !== undefined ? { status } : {}) }]
  const duplicate = get('allowDuplicate')
  if (duplicate !== undefined && TRUE.has(duplicate.toLowerCase())) award.allowDuplicate = true
  return award
}

export function parseCsvAwards (text: string, opts: { achievementId?: string } = {}): CsvAwards {
  const delimiter = detectSeparator(text)
  let records: Array<{ record: string[]; info: { lines: number }; raw: string }>
  try {
    records = parse(text, { bom: true, delimiter, relax_column_count: true, trim: true, info: true, raw: true, skip_records_with_empty_values: true }) as unknown as typeof records
  } catch (err) {
    const e = err as { message?: string; lines?: number }
    throw new BatchInvalid(`The file could not be read as CSV${e.lines !== undefined ? ` near line ${e.lines}` : ''}: ${e.message ?? String(err)}. Check that every quote (") that opens a cell closes it.`)
  }
  const [header, ...rows] = records
  if (!header) throw new BatchInvalid('The file is empty: it needs a header line (email, name, achievement ...) and one line per award.')
  const columns = header.record.map(h => fieldOf(h))
  const warnings: string[] = []
  const seen = new Set<CsvField>()
  header.record.forEach((h, i) => {
    const f = columns[i]
    if (f === undefined) {
      warnings.push(`Column ${columnLetter(i)} "${h}" is not used (ignored). Known columns: ${Object.values(CSV_ALIASES).map(a => a[0]).join(', ')}.`)
    } else if (seen.has(f)) {
      warnings.push(`Column ${columnLetter(i)} "${h}" repeats ${f} (ignored: the first such column is used).`)
      columns[i] = undefined
    } else seen.add(f)
  })
  if (!seen.has('email') && !seen.has('did') && !seen.has('sourcedId')) {
    throw new BatchInvalid(`No recipient column: the header line needs one of email (courriel), did or sourcedId (numéro étudiant). Columns found: ${header.record.join(', ')}.`)
  }
  const awards = rows.map(r => {
    const cells: Partial<Record<CsvField, string>> = {}
    r.record.forEach((v, i) => { const f = columns[i]; if (f !== undefined) cells[f] = v })
    return toAward(cells, opts.achievementId)
  })
  // csv-parse counts lines at a record's end; a quoted cell may span lines, so the record starts earlier
  const lines = rows.map(r => r.info.lines - (r.raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0))
  return { awards, lines, warnings }
}
