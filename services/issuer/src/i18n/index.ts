// Every page and message string of the issuer service, in French and English: the learner pages and messages
// (en.ts, fr.ts: flat keys, `translator`) and the status banner and network pages (pages-*.ts, `pageMessages`), with
// one placeholder filler, one date format and one Accept-Language parser.
import { en, type MessageKey, type Messages } from './en.js'
import { fr } from './fr.js'
import { pagesEn, type PageMessages } from './pages-en.js'
import { pagesFr } from './pages-fr.js'
import { isLanguage, LANGUAGES, pickLanguage, type Language } from '@obp/service-kit'

export { isLanguage, LANGUAGES, type Language }
export type { MessageKey, Messages, PageMessages }

const FILES: Record<Language, Messages> = { en, fr }

/** `{name}` placeholders filled (values as given: the caller escapes for HTML); an unknown name stays as written. */
export function format (template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in values ? String(values[key]) : m))
}

/** `t(key, vars)`: the learner pages' and messages' string (flat keys, en.ts / fr.ts) with its placeholders filled. */
export function translator (lang: Language) {
  const file = FILES[lang]
  return (key: MessageKey, vars: Record<string, string> = {}): string => format(file[key], vars)
}

/** The status banner's and the network pages' strings (pages-en.ts / pages-fr.ts). */
export function pageMessages (lang: Language): PageMessages {
  return lang === 'fr' ? pagesFr : pagesEn
}

/**
 * A date the way people of that language write it. Learner pages and messages show it in the network's time zone
 * (Europe/Paris); the status banner and the network pages show credential instants in UTC, as they are signed.
 */
export function formatDate (lang: Language, date: Date | string, timeZone: 'Europe/Paris' | 'UTC' = 'Europe/Paris'): string {
  const d = new Date(date)
  if (Number.isNaN(d.getTime())) return String(date)
  return d.toLocaleDateString(lang === 'fr' ? 'fr-FR' : 'en-GB', { year: 'numeric', month: 'long', day: 'numeric', timeZone })
}

/** The best language of an Accept-Language header (q-values honoured), else the fallback (service-kit's one parser). */
export function fromAcceptLanguage (header: string | undefined, fallback: Language): Language {
  return pickLanguage(undefined, header, fallback)
}
