// GET /issuers/:issuerId/credentials.csv: the listing as a spreadsheet. A cell a spreadsheet would run as a
// formula (starting with = + - @, a tab or a carriage return) is prefixed with an apostrophe (OWASP "CSV injection").
import type { ListedCredential } from './listing.js'

export const EXPORT_COLUMNS = ['id', 'achievementId', 'recipientName', 'issuedAt', 'validUntil', 'status', 'revoked', 'revokedAt', 'revokedReason', 'batchId', 'row'] as const

export function csvCell (value: unknown): string {
  if (value === undefined || value === null) return ''
  let text = String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine (cells: unknown[]): string {
  return cells.map(csvCell).join(',') + '\r\n'
}

export function csvRow (item: ListedCredential): string {
  return csvLine(EXPORT_COLUMNS.map(c => item[c]))
}
