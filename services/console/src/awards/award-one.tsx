// Award one badge: an achievement, a recipient (email and name), optional evidence. One Idempotency-Key per form
// so a double click cannot issue twice.
import { useState, type FormEvent } from 'react'
import type { ApiError} from '../api/client';
import { get, issuerPath, post } from '../api/client'
import { useI18n } from '../i18n/i18n'
import { useLoad } from '../layout/hooks'
import { ErrorMessage, Field, Page, Status } from '../layout/ui'
import type { PageProps } from '../issuer/profile'
import type { Achievement } from '../achievements/achievements'

export function AwardOne ({ issuerId }: PageProps) {
  const { t } = useI18n()
  const achievements = useLoad(() => get<Achievement[]>(issuerPath(issuerId, '/achievements')), [issuerId])
  const [achievementId, setAchievementId] = useState('')
  const [email, setEmail] = useState('')
  const [name, setName] = useState('')
  const [evidence, setEvidence] = useState('')
  const [key, setKey] = useState(() => crypto.randomUUID())
  const [issued, setIssued] = useState<string | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  async function submit (e: FormEvent) {
    e.preventDefault()
    setError(null)
    try {
      const body = {
        achievementId: achievementId || achievements.data?.[0]?.id,
        recipient: { email, ...(name ? { name } : {}) },
        ...(evidence ? { evidence: [{ id: evidence }] } : {})
      }
      const credential = await post<{ id: string }>(issuerPath(issuerId, '/credentials'), body, { 'idempotency-key': key })
      setIssued(credential.id)
      setKey(crypto.randomUUID())
      setEmail(''); setName(''); setEvidence('')
    } catch (err) { setError(err as ApiError) }
  }
  return (
    <Page title={t('nav.award')}>
      <form onSubmit={e => { void submit(e) }}>
        <ErrorMessage error={error ?? achievements.error} />
        {issued && <Status>{t('award.issued')} <a href={new URL(issued).pathname}>{issued}</a></Status>}
        <Field label={t('award.achievement')}>{id => (
          <select id={id} required value={achievementId} onChange={e => setAchievementId(e.target.value)}>
            {achievements.data?.map(a => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        )}</Field>
        <Field label={t('award.email')}>{id => <input id={id} type='email' required value={email} onChange={e => setEmail(e.target.value)} />}</Field>
        <Field label={t('award.name')}>{id => <input id={id} value={name} onChange={e => setName(e.target.value)} />}</Field>
        <Field label={t('award.evidence')} hint={t('award.evidenceHint')}>{(id, hint) => <input id={id} aria-describedby={hint} type='url' value={evidence} onChange={e => setEvidence(e.target.value)} />}</Field>
        <button type='submit'>{t('award.submit')}</button>
      </form>
    </Page>
  )
}
