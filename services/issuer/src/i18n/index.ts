// The two languages of every learner-facing string (issue 17): message files per language, one lookup.
import { en, type MessageKey, type Messages } from './en.js'
import { fr } from './fr.js'

export const LANGUAGES = ['fr', 'en'] as const
export type Language = typeof LANGUAGES[number]
export type { MessageKey, Messages }

const FILES: Record<Language, Messages> = { en, fr }

export const isLanguage = (v: unknown): v is Language => v === 'fr' || v === 'en'

/** `t(key, vars)`: the string with `{name}` placeholders filled (values as given: the caller escapes for HTML). */
export function translator (lang: Language) {
  const file = FILES[lang]
  return (key: MessageKey, vars: Record<string, string> = {}): string =>
    file[key].replace(/\{([a-zA-Z]+)\}/g, (m, name: string) => vars[name] ?? m)
}

/** A date the way people of that language write it, in the platform's time zone (Europe/Paris). */
export function formatDate (lang: Language, date: Date | string): string {
  return new Date(date).toLocaleDateString(lang === 'fr' ? 'fr-FR' : 'en-GB', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Europe/Paris' })
}

/** The best language of an Accept-Language header (q-values honoured), else the fallback. */
export function fromAcceptLanguage (header: string | undefined, fallback: Language): Language {
  if (!header) return fallback
  const ranked = header.split(',').map((part, i) => {
    const [tag, ...params] = part.trim().split(';')
    const q = params.map(p => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean)
    return { lang: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), i }
  }).filter(r => r.q > 0).sort((a, b) => b.q - a.q || a.i - b.i)
  return ranked.find(r => isLanguage(r.lang))?.lang as Language | undefined ?? fallback
}
