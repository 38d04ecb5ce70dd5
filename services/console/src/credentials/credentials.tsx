// Credentials: search and filter (CONTRACT.md "Records"), open, revoke with a reason and restore. Revocation lives
// in the revocation service; the console reaches it through the issuer's /revocation/ proxy with the same session.
// Each row can also resend the learner's notification (resend.tsx).
import { useState, type FormEvent } from 'react'
import type { ApiError} from '../api/client';
import { get, issuerPath, lastSegment, post } from '../api/client'
import { useI18n } from '../i18n/i18n'
import { useLoad } from '../layout/hooks'
import { ErrorMessage, Field, Page, Status } from '../layout/ui'
import type { PageProps } from '../issuer/profile'
import { Resend } from './resend'

interface Item { id: string; achievementId: string; recipientName?: string; issuedAt: string; revoked: boolean; revokedAt?: string; batchId?: string; row?: number }
interface Filters { recipient: string; achievementId: string; batchId: string; status: string }

const query = (f: Filters, cursor?: string) => new URLSearchParams(Object.entries({ ...f, limit: '50', ...(cursor ? { cursor } : {}) }).filter(([, v]) => v !== '')).toString()

export function Credentials ({ issuerId, role }: PageProps) {
  const { t } = useI18n()
  const [filters, setFilters] = useState<Filters>({ recipient: '', achievementId: '', batchId: '', status: '' })
  const [applied, setApplied] = useState(filters)
  const [cursor, setCursor] = useState<string | undefined>()
  const list = useLoad(() => get<{ items: Item[]; next?: string }>(issuerPath(issuerId, `/credentials?${query(applied, cursor)}`)), [issuerId, applied, cursor])
  const [reasonFor, setReasonFor] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const [done, setDone] = useState<string | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const mayRevoke = role !== 'viewer'

  function search (e: FormEvent) { e.preventDefault(); setCursor(undefined); setApplied(filters) }
  async function revoke (e: FormEvent, id: string) {
    e.preventDefault()
    try {
      await post(`/revocation${issuerPath(issuerId, `/credentials/${encodeURIComponent(lastSegment(id))}/revoke`)}`, { reason })
      setDone(t('credentials.revokedOne')); setReasonFor(null); setReason(''); list.reload()
    } catch (err) { setError(err as ApiError) }
  }
  async function restore (id: string) {
    try {
      await post('/revocation/credentials/status', { credentialId: id, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' }, status: false })
      setDone(t('credentials.restoredOne')); list.reload()
    } catch (err) { setError(err as ApiError) }
  }
  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setFilters({ ...filters, [k]: e.target.value })
  return (
    <Page title={t('nav.credentials')}>
      <form className='filters' role='search' onSubmit={search}>
        <Field label={t('credentials.recipient')}>{id => <input id={id} value={filters.recipient} onChange={set('recipient')} />}</Field>
        <Field label={t('credentials.achievement')}>{id => <input id={id} value={filters.achievementId} onChange={set('achievementId')} />}</Field>
        <Field label={t('credentials.batch')}>{id => <input id={id} value={filters.batchId} onChange={set('batchId')} />}</Field>
        <Field label={t('credentials.status')}>{id => (
          <select id={id} value={filters.status} onChange={set('status')}>
            <option value=''>{t('credentials.any')}</option>
            <option value='active'>{t('credentials.active')}</option>
            <option value='revoked'>{t('credentials.revoked')}</option>
            <option value='expired'>{t('credentials.expired')}</option>
          </select>
        )}</Field>
        <button type='submit'>{t('credentials.search')}</button>
      </form>
      <ErrorMessage error={error ?? list.error} />
      {done && <Status>{done}</Status>}
      <table aria-busy={list.loading}>
        <caption>{t('credentials.results')}</caption>
        <thead><tr><th scope='col'>{t('credentials.recipient')}</th><th scope='col'>{t('credentials.issued')}</th><th scope='col'>{t('credentials.status')}</th><th scope='col'>{t('common.actions')}</th></tr></thead>
        <tbody>
          {list.data?.items.map(c => (
            <tr key={c.id}>
              <td>{c.recipientName ?? '—'}{c.batchId !== undefined && c.row !== undefined ? ` (${t('credentials.line', { line: c.row + 2 })})` : ''}</td>
              <td>{c.issuedAt.slice(0, 10)}</td>
              <td>{c.revoked ? t('credentials.revoked') : t('credentials.active')}</td>
              <td className='actions'>
                <a href={new URL(c.id, window.location.href).pathname} aria-label={t('credentials.openNamed', { name: c.recipientName ?? c.id })}>{t('credentials.open')}</a>
                {mayRevoke && !c.revoked && reasonFor !== c.id && <button type='button' onClick={() => setReasonFor(c.id)} aria-label={t('credentials.revokeNamed', { name: c.recipientName ?? c.id })}>{t('credentials.revoke')}</button>}
                {mayRevoke && c.revoked && <button type='button' onClick={() => { void restore(c.id) }} aria-label={t('credentials.restoreNamed', { name: c.recipientName ?? c.id })}>{t('credentials.restore')}</button>}
                {mayRevoke && !c.revoked && <Resend issuerId={issuerId} credentialId={c.id} name={c.recipientName ?? c.id} />}
                {reasonFor === c.id && (
                  <form onSubmit={e => { void revoke(e, c.id) }}>
                    <Field label={t('credentials.reason')}>{id => <input id={id} required value={reason} onChange={e => setReason(e.target.value)} />}</Field>
                    <button type='submit'>{t('credentials.confirmRevoke')}</button>
                    <button type='button' className='link' onClick={() => setReasonFor(null)}>{t('common.cancel')}</button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data?.next && <button type='button' onClick={() => setCursor(list.data?.next)}>{t('credentials.more')}</button>}
    </Page>
  )
}
