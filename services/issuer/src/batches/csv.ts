// CSV batches: one award per line after a header. Columns (any order; empty cells are absent):
//   achievementId, email | did | sourcedId (exactly one), name, validFrom, validUntil,
//   evidenceUrl, evidenceNarrative, resultValue, resultStatus
import { parse } from 'csv-parse/sync'
import { BatchInvalid } from '../errors.js'

export const CSV_COLUMNS = ['achievementId', 'email', 'did', 'sourcedId', 'name', 'validFrom', 'validUntil', 'evidenceUrl', 'evidenceNarrative', 'resultValue', 'resultStatus'] as const

type Cells = Partial<Record<typeof CSV_COLUMNS[number], string>>

/** A CSV line as the JSON award it stands for; validation happens later, row by row, like JSON rows. */
function toAward (cells: Cells): Record<string, unknown> {
  const get = (k: keyof Cells): string | undefined => (cells[k] === undefined || cells[k] === '' ? undefined : cells[k])
  const recipient: Record<string, string> = {}
  for (const k of ['email', 'did', 'sourcedId', 'name'] as const) { const v = get(k); if (v !== undefined) recipient[k] = v }
  const award: Record<string, unknown> = { achievementId: get('achievementId'), recipient }
  for (const k of ['validFrom', 'validUntil'] as const) { const v = get(k); if (v !== undefined) award[k] = v }
  const evidenceUrl = get('evidenceUrl')
  const narrative = get('evidenceNarrative')
  if (evidenceUrl !== undefined || narrative !== undefined) {
    award.evidence = [{ ...(evidenceUrl !== undefined ? { id: evidenceUrl } : {}), ...(narrative !== undefined ? { narrative } : {}) }]
  }
  const value = get('resultValue')
  const status = get('resultStatus')
  if (value !== undefined || status !== undefined) award.result = [{ ...(value !== undefined ? { value } : {}), ...(status !== undefined ? { status } : {}) }]
  return award
}

export function parseCsvAwards (text: string): Array<Record<string, unknown>> {
  let records: Cells[]
  try {
    records = parse(text, { columns: (header: string[]) => header.map(h => h.trim()), skip_empty_lines: true, trim: true, bom: true, relax_column_count: false })
  } catch (err) {
    throw new BatchInvalid(`CSV: ${(err as Error).message}`)
  }
  const first = records[0]
  if (first) {
    const unknown = Object.keys(first).filter(k => !(CSV_COLUMNS as readonly string[]).includes(k))
    if (unknown.length > 0) throw new BatchInvalid(`CSV: unknown column(s) ${unknown.join(', ')}; known: ${CSV_COLUMNS.join(', ')}`)
  }
  return records.map(toAward)
}
