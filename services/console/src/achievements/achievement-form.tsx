// Create or edit an achievement: name, description, criteria, image (uploaded first, previewed), tags, alignment.
import { useEffect, useState, type FormEvent } from 'react'
import type { ApiError} from '../api/client';
import { get, issuerPath, post, put } from '../api/client'
import { useI18n } from '../i18n/i18n'
import { go } from '../layout/hooks'
import { ErrorMessage, Field, Page } from '../layout/ui'
import type { PageProps } from '../issuer/profile'
import { imageOf, localImage, type Achievement } from './achievements'

export function AchievementForm ({ issuerId, achievementId }: PageProps & { achievementId?: string }) {
  const { t } = useI18n()
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [criteria, setCriteria] = useState('')
  const [tags, setTags] = useState('')
  const [alignName, setAlignName] = useState('')
  const [alignUrl, setAlignUrl] = useState('')
  const [image, setImage] = useState<string | undefined>()
  const [file, setFile] = useState<File | null>(null)
  const [preview, setPreview] = useState<string | undefined>()
  const [error, setError] = useState<ApiError | null>(null)

  useEffect(() => {
    if (!achievementId) return
    get<Achievement>(issuerPath(issuerId, `/achievements/${encodeURIComponent(achievementId)}`)).then(a => {
      setName(a.name); setDescription(a.description); setCriteria(a.criteria.narrative ?? '')
      setTags((a.tag ?? []).join(', ')); setImage(imageOf(a)); setPreview(localImage(imageOf(a)))
      setAlignName(a.alignment?.[0]?.targetName ?? ''); setAlignUrl(a.alignment?.[0]?.targetUrl ?? '')
    }, (err: unknown) => setError(err as ApiError))
  }, [issuerId, achievementId])

  function choose (f: File | null) {
    setFile(f)
    setPreview(f ? URL.createObjectURL(f) : localImage(image))
  }

  async function submit (e: FormEvent) {
    e.preventDefault()
    setError(null)
    try {
      let imageId = image
      if (file) imageId = (await post<{ id: string }>(issuerPath(issuerId, '/images'), file, { 'content-type': file.type || 'image/png' })).id
      const body = {
        name, description, criteria: { narrative: criteria },
        ...(imageId ? { image: imageId } : {}),
        ...(tags.trim() ? { tag: tags.split(',').map(s => s.trim()).filter(Boolean) } : {}),
        ...(alignName && alignUrl ? { alignment: [{ targetName: alignName, targetUrl: alignUrl }] } : {})
      }
      if (achievementId) await put(issuerPath(issuerId, `/achievements/${encodeURIComponent(achievementId)}`), body)
      else await post(issuerPath(issuerId, '/achievements'), body)
      go('achievements')
    } catch (err) { setError(err as ApiError) }
  }

  return (
    <Page title={achievementId ? t('achievements.editTitle') : t('achievements.new')}>
      <form onSubmit={e => { void submit(e) }}>
        <ErrorMessage error={error} />
        <Field label={t('achievements.name')}>{id => <input id={id} required maxLength={200} value={name} onChange={e => setName(e.target.value)} />}</Field>
        <Field label={t('achievements.description')}>{id => <textarea id={id} required rows={3} value={description} onChange={e => setDescription(e.target.value)} />}</Field>
        <Field label={t('achievements.criteria')}>{id => <textarea id={id} required rows={3} value={criteria} onChange={e => setCriteria(e.target.value)} />}</Field>
        <Field label={t('achievements.image')} hint={t('achievements.imageHint')}>{(id, hint) => <input id={id} aria-describedby={hint} type='file' accept='image/png,image/svg+xml' onChange={e => choose(e.target.files?.[0] ?? null)} />}</Field>
        {preview && <img className='preview' src={preview} alt={t('achievements.preview')} width={120} height={120} />}
        <Field label={t('achievements.tags')} hint={t('achievements.tagsHint')}>{(id, hint) => <input id={id} aria-describedby={hint} value={tags} onChange={e => setTags(e.target.value)} />}</Field>
        <fieldset>
          <legend>{t('achievements.alignment')}</legend>
          <Field label={t('achievements.alignName')}>{id => <input id={id} value={alignName} onChange={e => setAlignName(e.target.value)} />}</Field>
          <Field label={t('achievements.alignUrl')}>{id => <input id={id} type='url' value={alignUrl} onChange={e => setAlignUrl(e.target.value)} />}</Field>
        </fieldset>
        <button type='submit'>{t('common.save')}</button>
      </form>
    </Page>
  )
}
