// The issuer's OB 3.0 Profile and DID; owners edit the profile fields and upload a logo (PUT /issuers/:id), and set
// the learner messages' default language and text (notification-settings.tsx).
import { useEffect, useState, type FormEvent } from 'react'
import { type ApiError, get, issuerPath, post, put } from '../api/client'
import { useI18n } from '../i18n/i18n'
import { useLoad } from '../layout/hooks'
import { ErrorMessage, Field, Page, Status } from '../layout/ui'
import { localImage } from '../achievements/achievements'
import { NotificationSettings } from './notification-settings'

export interface PageProps { issuerId: string; role: 'owner' | 'issuer' | 'viewer' }
interface ProfileDoc { id: string; name: string; url?: string; email?: string; description?: string; image?: string | { id: string } }

const imageUrl = (p: ProfileDoc) => typeof p.image === 'string' ? p.image : p.image?.id

export function Profile ({ issuerId, role }: PageProps) {
  const { t } = useI18n()
  const profile = useLoad(() => get<ProfileDoc>(issuerPath(issuerId)), [issuerId])
  const p = profile.data
  return (
    <Page title={p?.name ?? t('nav.profile')}>
      <ErrorMessage error={profile.error} />
      {p && (
        <dl className='facts'>
          <dt>{t('profile.did')}</dt><dd><code>{p.id}</code></dd>
          <dt>{t('profile.publicProfile')}</dt><dd><a href={issuerPath(issuerId)}>{issuerPath(issuerId)}</a></dd>
        </dl>
      )}
      {p && <ProfileForm issuerId={issuerId} profile={p} editable={role === 'owner'} onSaved={profile.reload} />}
      {role === 'owner' && <NotificationSettings issuerId={issuerId} />}
    </Page>
  )
}

function ProfileForm ({ issuerId, profile, editable, onSaved }: { issuerId: string; profile: ProfileDoc; editable: boolean; onSaved: () => void }) {
  const { t } = useI18n()
  // filled from the first render (not only by the effect, which runs after the paint: an edit made in between would be lost)
  const fieldsOf = (p: ProfileDoc) => ({ name: p.name, url: p.url ?? '', email: p.email ?? '', description: p.description ?? '' })
  const [fields, setFields] = useState(() => fieldsOf(profile))
  const [logo, setLogo] = useState<File | null>(null)
  const [preview, setPreview] = useState<string | undefined>(() => localImage(imageUrl(profile)))
  const [saved, setSaved] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  useEffect(() => {
    setFields(fieldsOf(profile))
    setPreview(localImage(imageUrl(profile)))
  }, [profile])
  async function save (e: FormEvent) {
    e.preventDefault()
    setError(null)
    try {
      const image = logo ? (await post<{ id: string }>(issuerPath(issuerId, '/images'), logo, { 'content-type': logo.type || 'image/png' })).id : imageUrl(profile)
      const body = Object.fromEntries(Object.entries({ ...fields, image }).filter(([, v]) => v))
      await put(issuerPath(issuerId), body)
      setSaved(true)
      onSaved()
    } catch (err) { setError(err as ApiError) }
  }
  const set = (k: keyof typeof fields) => (e: { target: { value: string } }) => setFields({ ...fields, [k]: e.target.value })
  return (
    <form onSubmit={e => { void save(e) }}>
      <ErrorMessage error={error} />
      {saved && <Status>{t('profile.saved')}</Status>}
      <fieldset disabled={!editable}>
        <legend>{t('profile.edit')}</legend>
        <Field label={t('admin.name')}>{id => <input id={id} required value={fields.name} onChange={set('name')} />}</Field>
        <Field label={t('profile.website')}>{id => <input id={id} type='url' value={fields.url} onChange={set('url')} />}</Field>
        <Field label={t('profile.email')}>{id => <input id={id} type='email' value={fields.email} onChange={set('email')} />}</Field>
        <Field label={t('profile.description')}>{id => <textarea id={id} rows={3} value={fields.description} onChange={set('description')} />}</Field>
        <Field label={t('profile.logo')} hint={t('achievements.imageHint')}>{(id, hint) => <input id={id} aria-describedby={hint} type='file' accept='image/png,image/svg+xml' onChange={e => { const f = e.target.files?.[0] ?? null; setLogo(f); setPreview(f ? URL.createObjectURL(f) : localImage(imageUrl(profile))) }} />}</Field>
        {preview && <img className='preview' src={preview} alt={t('profile.logoPreview')} width={120} height={120} />}
        {editable && <button type='submit'>{t('common.save')}</button>}
      </fieldset>
    </form>
  )
}
