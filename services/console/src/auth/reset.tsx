// Password reset: ask for a link by email (the answer never says whether the account exists), then set a new one.
import { useState, type FormEvent } from 'react'
import type { ApiError} from '../api/client';
import { post } from '../api/client'
import { useI18n } from '../i18n/i18n'
import { ErrorMessage, Field, Page, Status } from '../layout/ui'

export function Forgot () {
  const { t } = useI18n()
  const [email, setEmail] = useState('')
  const [sent, setSent] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  async function submit (e: FormEvent) {
    e.preventDefault()
    try { await post('/console/api/password-reset', { email }); setSent(true) } catch (err) { setError(err as ApiError) }
  }
  return (
    <Page title={t('forgot.title')}>
      <form className='narrow' onSubmit={e => { void submit(e) }}>
        <ErrorMessage error={error} />
        {sent && <Status>{t('forgot.sent')}</Status>}
        <Field label={t('signIn.email')}>{id => <input id={id} type='email' required value={email} onChange={e => setEmail(e.target.value)} />}</Field>
        <button type='submit'>{t('forgot.submit')}</button>
        <p><a href='#/'>{t('forgot.back')}</a></p>
      </form>
    </Page>
  )
}

export function Reset ({ token }: { token: string }) {
  const { t } = useI18n()
  const [password, setPassword] = useState('')
  const [done, setDone] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  async function submit (e: FormEvent) {
    e.preventDefault()
    try { await post(`/console/api/password-reset/${encodeURIComponent(token)}`, { password }); setDone(true) } catch (err) { setError(err as ApiError) }
  }
  return (
    <Page title={t('reset.title')}>
      {done
        ? <><Status>{t('reset.done')}</Status><p><a href='#/'>{t('forgot.back')}</a></p></>
        : (
          <form className='narrow' onSubmit={e => { void submit(e) }}>
            <ErrorMessage error={error} />
            <Field label={t('reset.password')} hint={t('password.hint')}>{(id, hint) => <input id={id} aria-describedby={hint} type='password' autoComplete='new-password' minLength={12} required value={password} onChange={e => setPassword(e.target.value)} />}</Field>
            <button type='submit'>{t('reset.submit')}</button>
          </form>
          )}
    </Page>
  )
}
