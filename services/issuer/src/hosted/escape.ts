// HTML escaping for the server-rendered pages: every value from a credential or an issuer goes through it.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml (value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, c => ESCAPES[c] as string)
}
