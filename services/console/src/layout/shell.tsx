// The frame of every page: skip link, header (navigation by role, issuer switch, language switch, sign-out), main.
import type { ReactNode } from 'react'
import { post, type Session } from '../api/client'
import { useI18n, type MessageKey } from '../i18n/i18n'
import { useHashRoute } from './hooks'

interface Link { path: string; label: MessageKey; show: (s: Session) => boolean }
const acting = (s: Session) => s.issuerId !== null
export const NAV: Link[] = [
  { path: 'profile', label: 'nav.profile', show: acting },
  { path: 'achievements', label: 'nav.achievements', show: acting },
  { path: 'award', label: 'nav.award', show: s => acting(s) && s.role !== 'viewer' },
  { path: 'batches', label: 'nav.batches', show: s => acting(s) && s.role !== 'viewer' },
  { path: 'past-batches', label: 'nav.pastBatches', show: s => acting(s) && s.role !== 'viewer' },
  { path: 'credentials', label: 'nav.credentials', show: acting },
  { path: 'network', label: 'nav.network', show: acting },
  { path: 'members', label: 'nav.members', show: acting },
  { path: 'api-keys', label: 'nav.apiKeys', show: s => acting(s) && s.role === 'owner' },
  { path: 'admin', label: 'nav.admin', show: s => s.operator && !acting(s) }
]

export function Shell ({ session, setSession, children }: { session: Session | null; setSession: (s: Session | null) => void; children: ReactNode }) {
  const { t, lang, setLang } = useI18n()
  const route = useHashRoute()
  const other = lang === 'en' ? 'fr' : 'en'
  async function choose (issuerId: string) {
    setSession(await post<Session>('/console/api/session/issuer', { issuerId: issuerId === '' ? null : issuerId }))
    window.location.hash = '#/'
  }
  async function signOut () {
    await post('/console/api/sign-out')
    setSession(null)
    window.location.hash = '#/'
  }
  return (
    <>
      <a className='skip' href='#main'>{t('shell.skip')}</a>
      <header className='top'>
        <p className='brand'>{t('shell.brand')}</p>
        {session && (
          <nav aria-label={t('shell.navLabel')}>
            <ul>
              {NAV.filter(l => l.show(session)).map(l => (
                <li key={l.path}><a href={'#/' + l.path} aria-current={route[0] === l.path ? 'page' : undefined}>{t(l.label)}</a></li>
              ))}
            </ul>
          </nav>
        )}
        <div className='tools'>
          {session && (session.memberships.length > 1 || session.operator) && (
            <label className='inline'>{t('shell.actingFor')}{' '}
              <select value={session.issuerId ?? ''} onChange={e => { void choose(e.target.value) }}>
                {session.operator && <option value=''>{t('shell.networkAdmin')}</option>}
                {session.memberships.map(m => <option key={m.issuerId} value={m.issuerId}>{m.name} ({t(`role.${m.role}`)})</option>)}
              </select>
            </label>
          )}
          <button type='button' className='link' lang={other} onClick={() => setLang(other)}>{t('shell.switchLanguage')}</button>
          {session && <button type='button' onClick={() => { void signOut() }}>{t('shell.signOut')}</button>}
        </div>
      </header>
      <main id='main' tabIndex={-1}>{children}</main>
    </>
  )
}
