// One past batch (GET /batches/:batchId): progress while it runs, then every row's outcome, "download results",
// and for failed rows still waiting "retry failed rows" (POST .../retry: addresses are not kept, so rows sent to
// an email need it typed again; DID rows are retried as kept) or dismiss them (POST .../dismiss).
import { useEffect, useMemo, useState } from 'react'
import type { ApiError } from '../api/client'
import { get, issuerPath, post } from '../api/client'
import { useI18n } from '../i18n/i18n'
import { ErrorMessage, Field, Page, Status } from '../layout/ui'
import type { PageProps } from '../issuer/profile'
import { toCsv } from './csv'
import { when } from './past-batches'

interface Row {
  row: number; state: 'succeeded' | 'failed' | 'pending'; credentialId?: string; code?: string; error?: string
  input?: { recipient?: { name?: string; did?: string; recipientHash?: string } & Record<string, unknown> } & Record<string, unknown>
  resolution?: 'waiting' | 'retried' | 'dismissed'
}
interface Batch { batchId: string; state: string; total: number; succeeded: number; failed: number; createdAt: string; results?: Row[] }
interface Retried { batchId: string; retried: number[]; needsInput: number[] }

/** Rows are numbered from 0 by the API; people count from 1. */
const shown = (row: number) => row + 1

function useBatch (batchId: string, tick: number): { batch: Batch | null; error: ApiError | null } {
  const [batch, setBatch] = useState<Batch | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  useEffect(() => {
    let live = true
    const poll = async () => {
      try {
        const path = `/batches/${encodeURIComponent(batchId)}`
        const progress = await get<Batch>(`${path}?results=false`)
        if (!live) return
        if (progress.state === 'completed') { const full = await get<Batch>(path); if (live) setBatch(full); return }
        setBatch(progress)
      } catch (err) { if (live) { setError(err as ApiError); return } }
      if (live) setTimeout(() => { void poll() }, 1000)
    }
    void poll()
    return () => { live = false }
  }, [batchId, tick])
  return { batch, error }
}

export function BatchResults ({ issuerId, batchId }: PageProps & { batchId: string }) {
  const { t, lang } = useI18n()
  const [tick, setTick] = useState(0)
  const { batch, error: loadError } = useBatch(batchId, tick)
  const [emails, setEmails] = useState<Record<number, string>>({})
  const [retried, setRetried] = useState<Retried | null>(null)
  const [dismissed, setDismissed] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const rows = batch?.results ?? []
  const failed = rows.filter(r => r.state === 'failed')
  const waiting = failed.filter(r => r.resolution === 'waiting')
  const byDid = waiting.filter(r => typeof r.input?.recipient?.did === 'string')
  const download = useMemo(() => rows.length === 0
    ? undefined
    : URL.createObjectURL(new Blob([toCsv([['row', 'state', 'credentialId', 'code', 'error', 'resolution'], ...rows.map(r => [String(shown(r.row)), r.state, r.credentialId ?? '', r.code ?? '', r.error ?? '', r.resolution ?? ''])])], { type: 'text/csv' })), [rows])

  async function retry () {
    setError(null); setRetried(null); setDismissed(false)
    const awards = waiting.flatMap(r => {
      const email = emails[r.row]?.trim()
      if (!email || !r.input) return []
      const { recipientHash: _, ...recipient } = r.input.recipient ?? {}
      return [{ ...r.input, row: r.row, recipient: { ...recipient, email } }]
    })
    const body = { rows: byDid.map(r => r.row).filter(row => !awards.some(a => a.row === row)), awards }
    const missing = waiting.filter(r => !byDid.includes(r) && !awards.some(a => a.row === r.row)).map(r => r.row)
    if (body.rows.length + awards.length === 0) { setRetried({ batchId: '', retried: [], needsInput: missing }); return }
    try {
      const r = await post<Retried>(issuerPath(issuerId, `/batches/${encodeURIComponent(batchId)}/retry`), body)
      setRetried({ ...r, needsInput: missing }); setEmails({}); setTick(n => n + 1)
    } catch (err) { setError(err as ApiError) }
  }
  async function dismiss () {
    setError(null); setRetried(null)
    try { await post(issuerPath(issuerId, `/batches/${encodeURIComponent(batchId)}/dismiss`), {}); setDismissed(true); setTick(n => n + 1) } catch (err) { setError(err as ApiError) }
  }

  const done = batch ? batch.succeeded + batch.failed : 0
  return (
    <Page title={batch ? t('batchResults.title', { date: when(batch.createdAt, lang) }) : t('nav.pastBatches')}>
      <p><a href='#/past-batches'>{t('batchResults.back')}</a></p>
      <ErrorMessage error={error ?? loadError} />
      {batch && (
        <section aria-labelledby='progress-title'>
          <h2 id='progress-title'>{t('batch.progressTitle')}</h2>
          <progress aria-labelledby='progress-title' max={batch.total} value={done}>{done}/{batch.total}</progress>
          <Status>{t(batch.state === 'completed' ? 'batch.done' : 'batch.running', { done, total: batch.total, succeeded: batch.succeeded, failed: batch.failed })}</Status>
          {download && <p><a href={download} download={`batch-${batchId}.csv`}>{t('batch.download')}</a></p>}
        </section>
      )}
      {retried && (
        <Status>
          {retried.retried.length > 0 && <>{t('batchResults.retried.ok', { count: retried.retried.length })} <a href={`#/past-batches/${encodeURIComponent(retried.batchId)}`}>{t('batchResults.openRetry')}</a> </>}
          {retried.needsInput.length > 0 && t('batchResults.needsInput', { rows: retried.needsInput.map(shown).join(', ') })}
        </Status>
      )}
      {dismissed && <Status>{t('batchResults.dismissed.ok')}</Status>}
      {failed.length > 0 && (
        <div className='scroll'>
          <table>
            <caption>{t('batchResults.failedCaption')}</caption>
            <thead>
              <tr><th scope='col'>{t('batchResults.row')}</th><th scope='col'>{t('batchResults.recipient')}</th><th scope='col'>{t('batch.error')}</th><th scope='col'>{t('batchResults.resolution')}</th></tr>
            </thead>
            <tbody>
              {failed.map(r => (
                <tr key={r.row}>
                  <td>{shown(r.row)}</td>
                  <td>
                    {r.input?.recipient?.name ?? r.input?.recipient?.did ?? '—'}
                    {r.resolution === 'waiting' && !byDid.includes(r) && (
                      <Field label={t('batchResults.email', { row: shown(r.row) })}>{id => <input id={id} type='email' autoComplete='off' value={emails[r.row] ?? ''} onChange={e => setEmails({ ...emails, [r.row]: e.target.value })} />}</Field>
                    )}
                  </td>
                  <td>{r.error ?? r.code ?? ''}</td>
                  <td>{t(`batchResults.${r.resolution ?? 'waiting'}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {waiting.length > 0 && (
        <p>
          <button type='button' onClick={() => { void retry() }}>{t('batch.retry')}</button>
          <button type='button' className='link' onClick={() => { void dismiss() }}>{t('batchResults.dismiss')}</button>
        </p>
      )}
    </Page>
  )
}
