import { useState, type FormEvent } from 'react'
import type { ApiError} from '../api/client';
import { post, type Session } from '../api/client'
import { useI18n } from '../i18n/i18n'
import { ErrorMessage, Field, Page } from '../layout/ui'

export function SignIn ({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const { t } = useI18n()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  async function submit (e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      onSignedIn(await post<Session>('/console/api/sign-in', { email, password }))
      window.location.hash = '#/'
    } catch (err) {
      setError(err as ApiError)
    } finally { setBusy(false) }
  }
  return (
    <Page title={t('signIn.title')}>
      <form className='narrow' onSubmit={e => { void submit(e) }}>
        <ErrorMessage error={error} />
        <Field label={t('signIn.email')}>{id => <input id={id} type='email' autoComplete='username' required value={email} onChange={e => setEmail(e.target.value)} />}</Field>
        <Field label={t('signIn.password')}>{id => <input id={id} type='password' autoComplete='current-password' required value={password} onChange={e => setPassword(e.target.value)} />}</Field>
        <button type='submit' disabled={busy}>{t('signIn.submit')}</button>
        <p><a href='#/forgot'>{t('signIn.forgot')}</a></p>
      </form>
    </Page>
  )
}
