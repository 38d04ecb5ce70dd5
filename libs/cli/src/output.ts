// What a command prints: a human line on stdout, or with --json one JSON document for machines.
export interface Out { json: boolean; print: (human: string, data: unknown) => void; table: (rows: Array<Record<string, unknown>>, columns: string[], data?: unknown) => void }

export function output (json: boolean, stream: NodeJS.WritableStream = process.stdout): Out {
  return {
    json,
    print (human, data) { stream.write(json ? JSON.stringify(data, null, 2) + '\n' : human + '\n') },
    table (rows, columns, data) {
      if (json) { stream.write(JSON.stringify(data ?? rows, null, 2) + '\n'); return }
      const cell = (v: unknown): string => (v === undefined || v === null ? '' : String(v))
      const widths = columns.map(c => Math.max(c.length, ...rows.map(r => cell(r[c]).length)))
      const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()
      stream.write([line(columns), ...rows.map(r => line(columns.map(c => cell(r[c]))))].join('\n') + '\n')
    }
  }
}

/** RFC 4180 CSV, with cells that a spreadsheet would run as a formula neutralised (OWASP CSV injection). */
export function toCsv (rows: Array<Record<string, unknown>>, columns: string[]): string {
  const cell = (v: unknown): string => {
    let s = v === undefined || v === null ? '' : String(v)
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  return [columns.join(','), ...rows.map(r => columns.map(c => cell(r[c])).join(','))].join('\r\n') + '\r\n'
}
