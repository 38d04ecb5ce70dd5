// The console: the session, the language and the route decide the page.
import { useCallback, useEffect, useMemo, useState } from 'react'
import { ApiError, get, setCsrfToken, type Session } from './api/client'
import { I18nContext, translate, type Lang } from './i18n/i18n'
import { useHashRoute } from './layout/hooks'
import { Shell } from './layout/shell'
import { SignIn } from './auth/sign-in'
import { Invitation } from './auth/invitation'
import { Forgot, Reset } from './auth/reset'
import { Routes } from './routes'

export function App ({ initialLang }: { initialLang: Lang }) {
  const [lang, setLangState] = useState<Lang>(initialLang)
  const [session, setSessionState] = useState<Session | null | undefined>(undefined)
  const route = useHashRoute()
  const i18n = useMemo(() => ({
    lang,
    t: (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate(lang, key, vars),
    setLang: (l: Lang) => { localStorage.setItem('obp-console-lang', l); setLangState(l) }
  }), [lang])
  useEffect(() => { document.documentElement.lang = lang }, [lang])

  const setSession = useCallback((s: Session | null) => { if (s) setCsrfToken(s.csrfToken); setSessionState(s) }, [])
  useEffect(() => {
    get<Session>('/console/api/session').then(setSession, (err: unknown) => {
      if (err instanceof ApiError && err.status === 401) setSession(null)
      else setSession(null)
    })
  }, [setSession])

  let body
  if (route[0] === 'invitation' && route[1]) body = <Invitation token={route[1]} onSignedIn={setSession} />
  else if (route[0] === 'reset' && route[1]) body = <Reset token={route[1]} />
  else if (route[0] === 'forgot') body = <Forgot />
  else if (session === undefined) body = null
  else if (session === null) body = <SignIn onSignedIn={setSession} />
  else body = <Routes route={route} session={session} />
  return (
    <I18nContext.Provider value={i18n}>
      <Shell session={session ?? null} setSession={setSession}>{body}</Shell>
    </I18nContext.Provider>
  )
}
