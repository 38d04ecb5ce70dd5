// The network: endorsements received (accept or hide) and given, endorsing another member's achievement with a
// comment, the directory of members and the public graph.
import { useState, type FormEvent } from 'react'
import type { ApiError} from '../api/client';
import { get, issuerPath, post } from '../api/client'
import { useI18n } from '../i18n/i18n'
import { useLoad } from '../layout/hooks'
import { ErrorMessage, Field, Page, Status } from '../layout/ui'
import type { PageProps } from '../issuer/profile'

interface Endorsement { endorsementId: string; state: string; endorserIssuerId: string; subjectId: string; subjectIssuerId: string; revoked: boolean; message?: string; createdAt: string }
interface Member { issuerId: string; did: string; profile: { name: string; url?: string }; since: string }
interface Found { id: string; name: string; issuer?: { id?: string; name?: string } | string }

export function Network ({ issuerId, role }: PageProps) {
  const { t } = useI18n()
  const received = useLoad(() => get<Endorsement[]>(issuerPath(issuerId, '/endorsements?role=received')), [issuerId])
  const given = useLoad(() => get<Endorsement[]>(issuerPath(issuerId, '/endorsements?role=given')), [issuerId])
  const members = useLoad(() => get<Member[]>('/network/members'), [])
  const [q, setQ] = useState('')
  const [found, setFound] = useState<Found[] | null>(null)
  const [subjectId, setSubjectId] = useState('')
  const [comment, setComment] = useState('')
  const [done, setDone] = useState<string | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const manage = role === 'owner'
  const nameOf = (id: string) => members.data?.find(m => m.issuerId === id)?.profile.name ?? id

  async function search (e: FormEvent) {
    e.preventDefault()
    try { setFound(await get<Found[]>(`/network/achievements?q=${encodeURIComponent(q)}`)) } catch (err) { setError(err as ApiError) }
  }
  async function endorse (e: FormEvent) {
    e.preventDefault()
    try { await post(issuerPath(issuerId, '/endorsements'), { subjectId, comment }); setDone(t('network.endorsed')); setComment(''); given.reload() } catch (err) { setError(err as ApiError) }
  }
  async function act (id: string, action: 'accept' | 'hide') {
    try { await post(issuerPath(issuerId, `/endorsements/${encodeURIComponent(id)}/${action}`)); setDone(t(action === 'accept' ? 'network.accepted' : 'network.hidden')); received.reload() } catch (err) { setError(err as ApiError) }
  }
  const list = Array.isArray(found) ? found : []
  return (
    <Page title={t('nav.network')}>
      <ErrorMessage error={error ?? received.error} />
      {done && <Status>{done}</Status>}
      <h2>{t('network.inbox')}</h2>
      {received.data?.length === 0 && <p>{t('network.noneReceived')}</p>}
      <ul className='cards'>
        {received.data?.map(e => (
          <li key={e.endorsementId} className='card'>
            <p>{t('network.endorsedBy', { name: nameOf(e.endorserIssuerId) })}</p>
            {e.message && <blockquote>{e.message}</blockquote>}
            <p>{t(`network.state.${e.state}` as 'network.state.issued')}</p>
            {manage && e.state === 'issued' && <button type='button' onClick={() => { void act(e.endorsementId, 'accept') }}>{t('network.accept')}</button>}
            {manage && e.state === 'accepted' && <button type='button' onClick={() => { void act(e.endorsementId, 'hide') }}>{t('network.hide')}</button>}
          </li>
        ))}
      </ul>
      <h2>{t('network.given')}</h2>
      <ul>{given.data?.map(e => <li key={e.endorsementId}>{t('network.gaveTo', { name: nameOf(e.subjectIssuerId) })} — {t(`network.state.${e.state}` as 'network.state.issued')}</li>)}</ul>
      {manage && (
        <>
          <h2>{t('network.endorseTitle')}</h2>
          <form role='search' onSubmit={e => { void search(e) }}>
            <Field label={t('network.searchAchievements')}>{id => <input id={id} value={q} onChange={e => setQ(e.target.value)} />}</Field>
            <button type='submit'>{t('credentials.search')}</button>
          </form>
          {found && (
            <form onSubmit={e => { void endorse(e) }}>
              <Field label={t('network.subject')}>{id => (
                <select id={id} required value={subjectId} onChange={e => setSubjectId(e.target.value)}>
                  <option value=''>{t('network.choose')}</option>
                  {list.map(a => <option key={a.id} value={a.id}>{a.name}{typeof a.issuer === 'object' && a.issuer?.name ? ` — ${a.issuer.name}` : ''}</option>)}
                </select>
              )}</Field>
              <Field label={t('network.comment')}>{id => <textarea id={id} required rows={3} value={comment} onChange={e => setComment(e.target.value)} />}</Field>
              <button type='submit'>{t('network.endorse')}</button>
            </form>
          )}
        </>
      )}
      <h2>{t('network.directory')}</h2>
      <ul>{members.data?.map(m => <li key={m.issuerId}>{m.profile.name} — {t('network.since', { date: m.since.slice(0, 10) })}</li>)}</ul>
      <p><a href='/network/graph'>{t('network.graph')}</a> · <a href='/network'>{t('network.publicPage')}</a></p>
    </Page>
  )
}
