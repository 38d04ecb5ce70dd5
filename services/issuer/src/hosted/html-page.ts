// HTML escaping for every page and message template of the issuer service.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml (value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, c => ESCAPES[c])
}
