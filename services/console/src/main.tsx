import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app'
import { get } from './api/client'
import type { Lang } from './i18n/i18n'
import './styles.css'

// The language: the person's own choice (the switch) first, else the server's reading of Accept-Language.
const chosen = localStorage.getItem('obp-console-lang')
const initial: Lang = chosen === 'fr' || chosen === 'en' ? chosen : (await get<{ lang: Lang }>('/console/api/config').catch(() => ({ lang: 'en' as Lang }))).lang

createRoot(document.getElementById('root')!).render(<StrictMode><App initialLang={initial} /></StrictMode>)
