// The issuer's learner messages (issue 17): their default language and the issuer's own short text
// (GET/PUT /issuers/:issuerId/notification-settings, scope manage, so owners only).
import { useEffect, useState, type FormEvent } from 'react'
import { type ApiError, get, issuerPath, put } from '../api/client'
import { useI18n } from '../i18n/i18n'
import { useLoad } from '../layout/hooks'
import { ErrorMessage, Field, Status } from '../layout/ui'

interface Settings { language: 'fr' | 'en'; notificationText?: string }

export function NotificationSettings ({ issuerId }: { issuerId: string }) {
  const { t } = useI18n()
  const path = issuerPath(issuerId, '/notification-settings')
  const current = useLoad(() => get<Settings>(path), [path])
  const [language, setLanguage] = useState<Settings['language']>('fr')
  const [text, setText] = useState('')
  const [saved, setSaved] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  // Enabled once the saved settings are in the fields, not when they arrive: this effect runs after the paint that
  // shows the answer, and a choice made in between would be overwritten by it.
  const [ready, setReady] = useState(false)
  useEffect(() => {
    if (current.data) { setLanguage(current.data.language); setText(current.data.notificationText ?? ''); setReady(true) }
  }, [current.data])

  async function save (e: FormEvent) {
    e.preventDefault()
    setError(null); setSaved(false)
    try {
      // an empty text removes the issuer's own text (null), a blank one would be refused
      await put(path, { language, notificationText: text.trim() === '' ? null : text })
      setSaved(true)
    } catch (err) { setError(err as ApiError) }
  }
  return (
    <form onSubmit={e => { void save(e) }} aria-labelledby='notify-title'>
      <h2 id='notify-title'>{t('notify.title')}</h2>
      <ErrorMessage error={error ?? current.error} />
      {saved && <Status>{t('notify.saved')}</Status>}
      {/* nothing can be edited before the saved settings arrive: they would overwrite the person's choice */}
      <fieldset className='bare' disabled={!ready} aria-busy={!ready}>
      <Field label={t('notify.language')}>{id => (
        <select id={id} value={language} onChange={e => { setLanguage(e.target.value as Settings['language']); setSaved(false) }}>
          <option value='fr' lang='fr'>Français</option>
          <option value='en' lang='en'>English</option>
        </select>
      )}</Field>
      <Field label={t('notify.text')} hint={t('notify.textHint')}>{(id, hint) => <textarea id={id} aria-describedby={hint} rows={3} maxLength={1000} value={text} onChange={e => { setText(e.target.value); setSaved(false) }} />}</Field>
      <button type='submit'>{t('notify.save')}</button>
      </fieldset>
    </form>
  )
}
