// The public pages' messages by language, with `{name}` placeholders filled by `format`.
import type { Language } from '@obp/service-kit'
import { en, type Messages } from './en.js'
import { fr } from './fr.js'

export type { Messages }

export function messagesFor (lang: Language): Messages {
  return lang === 'fr' ? fr : en
}

export function format (template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in values ? String(values[key]) : m))
}

/** A date as people of the language write it (UTC: a credential's dates are instants). */
export function formatDate (iso: string, lang: Language): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(d)
}
