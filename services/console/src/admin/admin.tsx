// The network operator's area: issuers (create one, invite its first owner), network membership.
import { useState, type FormEvent } from 'react'
import type { ApiError} from '../api/client';
import { get, post } from '../api/client'
import { useI18n } from '../i18n/i18n'
import { useLoad } from '../layout/hooks'
import { ErrorMessage, Field, Page, Status } from '../layout/ui'
import { InviteForm } from '../issuer/members'

interface IssuerRow { id: string; did: string; profile: { name: string; url?: string }; createdAt?: string }
interface Member { issuerId: string }

export function Admin () {
  const { t } = useI18n()
  const issuers = useLoad(() => get<IssuerRow[]>('/issuers'), [])
  const members = useLoad(() => get<Member[]>('/network/members'), [])
  const [name, setName] = useState('')
  const [url, setUrl] = useState('')
  const [email, setEmail] = useState('')
  const [done, setDone] = useState<string | null>(null)
  const [inviteFor, setInviteFor] = useState<string | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  async function create (e: FormEvent) {
    e.preventDefault()
    setError(null)
    try {
      const created = await post<{ id: string }>('/issuers', { name, ...(url ? { url } : {}), ...(email ? { email } : {}) })
      setDone(t('admin.created', { name })); setName(''); setUrl(''); setEmail(''); setInviteFor(created.id); issuers.reload()
    } catch (err) { setError(err as ApiError) }
  }
  async function join (issuerId: string) {
    try { await post('/network/members', { issuerId }); members.reload() } catch (err) { setError(err as ApiError) }
  }
  const isMember = (id: string) => members.data?.some(m => m.issuerId === id) ?? false
  return (
    <Page title={t('nav.admin')}>
      <ErrorMessage error={error ?? issuers.error} />
      {done && <Status>{done}</Status>}
      <h2>{t('admin.createTitle')}</h2>
      <form onSubmit={e => { void create(e) }}>
        <Field label={t('admin.name')}>{id => <input id={id} required value={name} onChange={e => setName(e.target.value)} />}</Field>
        <Field label={t('profile.website')}>{id => <input id={id} type='url' value={url} onChange={e => setUrl(e.target.value)} />}</Field>
        <Field label={t('profile.email')}>{id => <input id={id} type='email' value={email} onChange={e => setEmail(e.target.value)} />}</Field>
        <button type='submit'>{t('admin.create')}</button>
      </form>
      <table>
        <caption>{t('admin.issuers')}</caption>
        <thead><tr><th scope='col'>{t('admin.name')}</th><th scope='col'>{t('admin.network')}</th><th scope='col'>{t('common.actions')}</th></tr></thead>
        <tbody>
          {issuers.data?.map(i => (
            <tr key={i.id}>
              <td>{i.profile.name}</td>
              <td>{isMember(i.id) ? t('admin.member') : <button type='button' onClick={() => { void join(i.id) }} aria-label={t('admin.addMemberNamed', { name: i.profile.name })}>{t('admin.addMember')}</button>}</td>
              <td><button type='button' onClick={() => setInviteFor(i.id)} aria-label={t('admin.inviteNamed', { name: i.profile.name })}>{t('admin.invite')}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {inviteFor && (
        <section aria-labelledby='invite-title'>
          <h2 id='invite-title'>{t('admin.inviteTitle', { name: issuers.data?.find(i => i.id === inviteFor)?.profile.name ?? '' })}</h2>
          <InviteForm issuerId={inviteFor} onInvited={() => {}} roles={['owner', 'issuer', 'viewer']} />
        </section>
      )}
    </Page>
  )
}
