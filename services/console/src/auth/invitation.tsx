// The page an invitation email links: a new person chooses a password (at least 12 characters) and is signed in.
import { useState, type FormEvent } from 'react'
import type { ApiError} from '../api/client';
import { get, post, type Session } from '../api/client'
import { useI18n } from '../i18n/i18n'
import { useLoad } from '../layout/hooks'
import { ErrorMessage, Field, Page } from '../layout/ui'

interface InvitationView { email: string; role: Session['role']; issuerName: string; hasAccount: boolean }

export function Invitation ({ token, onSignedIn }: { token: string; onSignedIn: (s: Session) => void }) {
  const { t } = useI18n()
  const invitation = useLoad(() => get<InvitationView>(`/console/api/invitations/${encodeURIComponent(token)}`), [token])
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  async function submit (e: FormEvent) {
    e.preventDefault()
    try {
      await post(`/console/api/invitations/${encodeURIComponent(token)}`, invitation.data?.hasAccount ? {} : { password, ...(name ? { name } : {}) })
      onSignedIn(await get<Session>('/console/api/session'))
      window.location.hash = '#/'
    } catch (err) { setError(err as ApiError) }
  }
  if (invitation.error) return <Page title={t('invitation.title')}><ErrorMessage error={invitation.error} /></Page>
  if (!invitation.data) return null
  const v = invitation.data
  return (
    <Page title={t('invitation.title')}>
      <p>{t('invitation.intro', { issuer: v.issuerName, role: t(`role.${v.role ?? 'viewer'}`), email: v.email })}</p>
      <form className='narrow' onSubmit={e => { void submit(e) }}>
        <ErrorMessage error={error} />
        {!v.hasAccount && (
          <>
            <Field label={t('invitation.name')}>{id => <input id={id} autoComplete='name' value={name} onChange={e => setName(e.target.value)} />}</Field>
            <Field label={t('invitation.password')} hint={t('password.hint')}>{(id, hint) => <input id={id} aria-describedby={hint} type='password' autoComplete='new-password' minLength={12} required value={password} onChange={e => setPassword(e.target.value)} />}</Field>
          </>
        )}
        <button type='submit'>{t('invitation.accept')}</button>
      </form>
    </Page>
  )
}
