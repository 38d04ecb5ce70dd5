// "Resend the learner's notification" in a credential's row (POST /issuers/:issuerId/credentials/:id/claim, scope
// issue). The address was deleted after the first message, so it is typed again; without it the API answers a new
// claim link for the issuer to hand over itself.
import { useState, type FormEvent } from 'react'
import { ApiError, issuerPath, lastSegment, post } from '../api/client'
import { useI18n, type MessageKey } from '../i18n/i18n'
import { ErrorMessage, Field, Status } from '../layout/ui'

type Answer = { state: 'queued' } | { claimUrl: string; expiresAt: string }

/** Problems a person can act on get their own sentence; anything else shows the API's problem detail. */
const KNOWN: Record<string, MessageKey> = {
  OBP_ISSUER_RECIPIENT_MISMATCH: 'resend.mismatch',
  OBP_ISSUER_CREDENTIAL_NOT_FOUND: 'resend.notFound'
}

export function Resend ({ issuerId, credentialId, name }: { issuerId: string; credentialId: string; name: string }) {
  const { t } = useI18n()
  const [open, setOpen] = useState(false)
  const [email, setEmail] = useState('')
  const [language, setLanguage] = useState('')
  const [answer, setAnswer] = useState<Answer | null>(null)
  const [sentTo, setSentTo] = useState('')
  const [error, setError] = useState<ApiError | null>(null)

  async function send (e: FormEvent) {
    e.preventDefault()
    setError(null); setAnswer(null)
    try {
      const body = { ...(email ? { email } : {}), ...(language ? { language } : {}) }
      setAnswer(await post<Answer>(issuerPath(issuerId, `/credentials/${encodeURIComponent(lastSegment(credentialId))}/claim`), body))
      setSentTo(email); setOpen(false); setEmail('')
    } catch (err) {
      const known = err instanceof ApiError && err.code ? KNOWN[err.code] : undefined
      setError(known ? new ApiError({ ...(err as ApiError).problem, detail: t(known) }) : err as ApiError)
    }
  }

  return (
    <>
      {!open && <button type='button' onClick={() => { setOpen(true); setAnswer(null); setError(null) }} aria-label={t('resend.named', { name })}>{t('resend.button')}</button>}
      <ErrorMessage error={error} />
      {answer && 'state' in answer && <Status>{t('resend.queued', { email: sentTo })}</Status>}
      {answer && 'claimUrl' in answer && <Status>{t('resend.link', { date: answer.expiresAt.slice(0, 10) })} <a href={answer.claimUrl}>{answer.claimUrl}</a></Status>}
      {open && (
        <form onSubmit={e => { void send(e) }} aria-label={t('resend.named', { name })}>
          <Field label={t('resend.email')} hint={t('resend.emailHint')}>{(id, hint) => <input id={id} aria-describedby={hint} type='email' autoComplete='off' value={email} onChange={e => setEmail(e.target.value)} />}</Field>
          <Field label={t('resend.language')}>{id => (
            <select id={id} value={language} onChange={e => setLanguage(e.target.value)}>
              <option value=''>{t('resend.issuerDefault')}</option>
              <option value='fr' lang='fr'>Français</option>
              <option value='en' lang='en'>English</option>
            </select>
          )}</Field>
          <button type='submit'>{t('resend.send')}</button>
          <button type='button' className='link' onClick={() => setOpen(false)}>{t('common.cancel')}</button>
        </form>
      )}
    </>
  )
}
