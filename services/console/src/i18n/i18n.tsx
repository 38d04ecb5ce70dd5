// Every string of the console comes from a message file per language (en.json, fr.json); `t` fills {name} slots.
import { createContext, useContext } from 'react'
import en from './en.json'
import fr from './fr.json'

export type Lang = 'en' | 'fr'
export type MessageKey = keyof typeof en
export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { en, fr }

export function translate (lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text = MESSAGES[lang][key] ?? MESSAGES.en[key] ?? key
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`))
}

export interface I18n { lang: Lang; t: (key: MessageKey, vars?: Record<string, string | number>) => string; setLang: (lang: Lang) => void }
export const I18nContext = createContext<I18n>({ lang: 'en', t: (k, v) => translate('en', k, v), setLang: () => {} })
export const useI18n = (): I18n => useContext(I18nContext)
