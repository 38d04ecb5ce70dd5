// The language of a public page (every page exists in French and English): `?lang=fr|en` wins, then the
// browser's Accept-Language (RFC 9110 §12.5.4, by q-value), then English. One place for every service.
export const LANGUAGES = ['en', 'fr'] as const
export type Language = typeof LANGUAGES[number]

export function isLanguage (value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

export function pickLanguage (query: unknown, acceptLanguage: string | undefined, fallback: Language = 'en'): Language {
  if (typeof query === 'string' && isLanguage(query)) return query
  const ranked = (acceptLanguage ?? '').split(',').map((part, i) => {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';')
    const q = params.map(p => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(v => v !== undefined)
    return { base: tag.split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), i }
  }).filter(r => r.q > 0).sort((a, b) => b.q - a.q || a.i - b.i)
  return ranked.map(r => r.base).find(isLanguage) ?? fallback
}
