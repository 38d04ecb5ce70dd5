// The issuer's people: members with roles, pending invitations; owners invite, change roles and remove.
import { useState, type FormEvent } from 'react'
import type { ApiError} from '../api/client';
import { del, get, issuerPath, post, put } from '../api/client'
import { useI18n } from '../i18n/i18n'
import { useLoad } from '../layout/hooks'
import { ErrorMessage, Field, Page, Status } from '../layout/ui'
import type { PageProps } from './profile'

const ROLES = ['owner', 'issuer', 'viewer'] as const
type Role = typeof ROLES[number]
interface Members { members: Array<{ email: string; role: Role; since: string }>; invitations: Array<{ email: string; role: Role; expiresAt: string }> }

export function InviteForm ({ issuerId, onInvited, roles = ROLES }: { issuerId: string; onInvited: () => void; roles?: readonly Role[] }) {
  const { t } = useI18n()
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<Role>(roles[0])
  const [sent, setSent] = useState<string | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  async function invite (e: FormEvent) {
    e.preventDefault()
    setError(null)
    try { await post(issuerPath(issuerId, '/invitations'), { email, role }); setSent(email); setEmail(''); onInvited() } catch (err) { setError(err as ApiError) }
  }
  return (
    <form onSubmit={e => { void invite(e) }}>
      <ErrorMessage error={error} />
      {sent && <Status>{t('members.invited', { email: sent })}</Status>}
      <Field label={t('members.email')}>{id => <input id={id} type='email' required value={email} onChange={e => setEmail(e.target.value)} />}</Field>
      {roles.length > 1 && <Field label={t('members.role')}>{id => <select id={id} value={role} onChange={e => setRole(e.target.value as Role)}>{roles.map(r => <option key={r} value={r}>{t(`role.${r}`)}</option>)}</select>}</Field>}
      <button type='submit'>{t('members.invite')}</button>
    </form>
  )
}

export function Members ({ issuerId, role }: PageProps) {
  const { t } = useI18n()
  const list = useLoad(() => get<Members>(issuerPath(issuerId, '/members')), [issuerId])
  const [error, setError] = useState<ApiError | null>(null)
  const owner = role === 'owner'
  async function change (email: string, next: Role) {
    try { await put(issuerPath(issuerId, `/members/${encodeURIComponent(email)}`), { role: next }); list.reload() } catch (err) { setError(err as ApiError) }
  }
  async function remove (email: string) {
    try { await del(issuerPath(issuerId, `/members/${encodeURIComponent(email)}`)); list.reload() } catch (err) { setError(err as ApiError) }
  }
  return (
    <Page title={t('nav.members')}>
      <ErrorMessage error={error ?? list.error} />
      <table>
        <caption>{t('members.list')}</caption>
        <thead><tr><th scope='col'>{t('members.email')}</th><th scope='col'>{t('members.role')}</th>{owner && <th scope='col'>{t('common.actions')}</th>}</tr></thead>
        <tbody>
          {list.data?.members.map(m => (
            <tr key={m.email}>
              <td>{m.email}</td>
              <td>{owner
                ? <select aria-label={t('members.roleOf', { email: m.email })} value={m.role} onChange={e => { void change(m.email, e.target.value as Role) }}>{ROLES.map(r => <option key={r} value={r}>{t(`role.${r}`)}</option>)}</select>
                : t(`role.${m.role}`)}</td>
              {owner && <td><button type='button' onClick={() => { void remove(m.email) }} aria-label={t('members.removeNamed', { email: m.email })}>{t('members.remove')}</button></td>}
            </tr>
          ))}
          {list.data?.invitations.map(i => <tr key={'i' + i.email}><td>{i.email}</td><td>{t(`role.${i.role}`)} — {t('members.pending')}</td>{owner && <td />}</tr>)}
        </tbody>
      </table>
      {owner && <><h2>{t('members.inviteTitle')}</h2><InviteForm issuerId={issuerId} onInvited={list.reload} /></>}
    </Page>
  )
}
