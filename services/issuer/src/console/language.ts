// en or fr from an Accept-Language header (RFC 9110 §12.5.4: the highest weight wins, English by default).
export const LANGUAGES = ['en', 'fr'] as const
export type Language = typeof LANGUAGES[number]

export function negotiateLanguage (header: string | undefined): Language {
  let best: Language = 'en'
  let bestQ = -1
  for (const part of (header ?? '').split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';')
    const q = Number(params.map(p => p.trim()).find(p => p.startsWith('q='))?.slice(2) ?? '1')
    const lang = LANGUAGES.find(l => tag === l || tag.startsWith(l + '-'))
    if (lang && q > bestQ) { best = lang; bestQ = q }
  }
  return best
}
