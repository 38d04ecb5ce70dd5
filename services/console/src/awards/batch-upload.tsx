// CSV upload: preview of the first rows with the column mapping, a dry run listing errors by spreadsheet line,
// then the batch with a live progress bar (polling), its results, "retry failed rows" (after fixing them here)
// and "download results"; earlier batches are listed in past-batches.tsx.
import { useEffect, useState } from 'react'
import type { ApiError} from '../api/client';
import { get, issuerPath, post } from '../api/client'
import { useI18n } from '../i18n/i18n'
import { useLoad } from '../layout/hooks'
import { ErrorMessage, Field, Page, Status } from '../layout/ui'
import type { PageProps } from '../issuer/profile'
import type { Achievement } from '../achievements/achievements'
import { guessTarget, parseCsv, TARGETS, toAward, toCsv, type Target } from './csv'

interface RowProblem { row: number; code: string; error: string }
interface Batch { state: string; total: number; succeeded: number; failed: number; results?: Array<{ row: number; state?: string; credentialId?: string; error?: { code?: string; message?: string } | string }> }

/** Spreadsheet line of a data row: the header is line 1. */
const line = (row: number) => row + 2

export function BatchUpload ({ issuerId }: PageProps) {
  const { t } = useI18n()
  const achievements = useLoad(() => get<Achievement[]>(issuerPath(issuerId, '/achievements')), [issuerId])
  const [header, setHeader] = useState<string[]>([])
  const [rows, setRows] = useState<string[][]>([])
  const [mapping, setMapping] = useState<Target[]>([])
  const [achievementId, setAchievementId] = useState('')
  const [dry, setDry] = useState<{ valid: number; invalid: number; errors: RowProblem[] } | null>(null)
  const [batchId, setBatchId] = useState<string | null>(null)
  const [sentRows, setSentRows] = useState<string[][]>([])
  const [batch, setBatch] = useState<Batch | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const chosen = achievementId || achievements.data?.[0]?.id || ''

  async function load (file: File | undefined) {
    if (!file) return
    const [head = [], ...body] = parseCsv(await file.text())
    setHeader(head); setRows(body); setMapping(head.map(guessTarget)); setDry(null); setBatch(null); setBatchId(null)
  }
  const awards = (of: string[][]) => of.map(r => toAward(r, mapping, chosen))

  async function dryRun () {
    setError(null)
    try { setDry(await post(issuerPath(issuerId, '/batches'), { awards: awards(rows), dryRun: true })) } catch (err) { setError(err as ApiError) }
  }
  async function start (of: string[][]) {
    setError(null)
    try {
      const r = await post<{ batchId: string }>(issuerPath(issuerId, '/batches'), { awards: awards(of), allowPartial: true })
      setSentRows(of); setBatch(null); setBatchId(r.batchId)
    } catch (err) { setError(err as ApiError) }
  }
  /** The corrected failed rows as a retry of the batch (so its rows show as retried in the past batches). */
  async function retry (rowsOf: number[]) {
    if (!batchId) return
    setError(null)
    try {
      const body = { awards: rowsOf.map(row => ({ row, ...toAward(sentRows[row], mapping, chosen) })) }
      const r = await post<{ batchId: string; retried: number[] }>(issuerPath(issuerId, `/batches/${encodeURIComponent(batchId)}/retry`), body)
      // the new batch's row i is retried[i] of this one
      setSentRows(r.retried.map(row => sentRows[row])); setBatch(null); setBatchId(r.batchId)
    } catch (err) { setError(err as ApiError) }
  }

  useEffect(() => {
    if (!batchId) return
    let live = true
    const poll = async () => {
      try {
        const progress = await get<Batch>(`/batches/${encodeURIComponent(batchId)}?results=false`)
        if (!live) return
        if (progress.state === 'completed') { setBatch(await get<Batch>(`/batches/${encodeURIComponent(batchId)}`)); return }
        setBatch(progress)
      } catch (err) { if (live) setError(err as ApiError) }
      if (live) setTimeout(() => { void poll() }, 1000)
    }
    void poll()
    return () => { live = false }
  }, [batchId])

  const failed = batch?.state === 'completed' ? (batch.results ?? []).filter(r => r.state === 'failed' || (r.error && !r.credentialId)) : []
  const errorText = (e: unknown) => typeof e === 'string' ? e : (e as { message?: string; code?: string } | undefined)?.message ?? (e as { code?: string } | undefined)?.code ?? ''
  function edit (row: number, col: number, value: string) {
    setSentRows(sentRows.map((r, i) => i === row ? r.map((c, j) => j === col ? value : c) : r))
  }
  const resultsUrl = batch?.state === 'completed'
    ? URL.createObjectURL(new Blob([toCsv([['line', ...header, 'credentialId', 'error'], ...(batch.results ?? []).map(r => [String(line(r.row)), ...(sentRows[r.row] ?? []), r.credentialId && !r.error ? r.credentialId : '', errorText(r.error)])])], { type: 'text/csv' }))
    : undefined

  return (
    <Page title={t('nav.batches')}>
      <p><a href='#/past-batches'>{t('batch.pastLink')}</a></p>
      <ErrorMessage error={error ?? achievements.error} />
      <Field label={t('batch.file')} hint={t('batch.fileHint')}>{(id, hint) => <input id={id} aria-describedby={hint} type='file' accept='.csv,text/csv' onChange={e => { void load(e.target.files?.[0]) }} />}</Field>
      {header.length > 0 && (
        <>
          <Field label={t('award.achievement')}>{id => (
            <select id={id} value={chosen} onChange={e => setAchievementId(e.target.value)}>
              {achievements.data?.map(a => <option key={a.id} value={a.id}>{a.name}</option>)}
            </select>
          )}</Field>
          <div className='scroll'>
            <table>
              <caption>{t('batch.preview', { count: rows.length })}</caption>
              <thead>
                <tr><th scope='col'>{t('batch.line')}</th>{header.map((h, i) => <th scope='col' key={i}>{h}</th>)}</tr>
                <tr>
                  <td />
                  {header.map((h, i) => (
                    <td key={i}>
                      <select aria-label={t('batch.mapColumn', { column: h })} value={mapping[i]} onChange={e => setMapping(mapping.map((m, j) => j === i ? e.target.value as Target : m))}>
                        <option value=''>{t('batch.ignore')}</option>
                        {TARGETS.map(x => <option key={x} value={x}>{t(`batch.target.${x}`)}</option>)}
                      </select>
                    </td>
                  ))}
                </tr>
              </thead>
              <tbody>{rows.slice(0, 5).map((r, i) => <tr key={i}><td>{line(i)}</td>{header.map((_, j) => <td key={j}>{r[j]}</td>)}</tr>)}</tbody>
            </table>
          </div>
          <button type='button' onClick={() => { void dryRun() }}>{t('batch.dryRun')}</button>
        </>
      )}
      {dry && (
        <section aria-labelledby='dry-title'>
          <h2 id='dry-title'>{t('batch.dryTitle')}</h2>
          <Status>{t('batch.drySummary', { valid: dry.valid, invalid: dry.invalid })}</Status>
          {dry.errors.length > 0 && <ul>{dry.errors.map(e => <li key={e.row}>{t('batch.lineError', { line: line(e.row), error: e.error })}</li>)}</ul>}
          <button type='button' onClick={() => { void start(rows) }}>{dry.invalid > 0 ? t('batch.startValid', { count: dry.valid }) : t('batch.start')}</button>
        </section>
      )}
      {batch && (
        <section aria-labelledby='progress-title'>
          <h2 id='progress-title'>{t('batch.progressTitle')}</h2>
          <progress aria-labelledby='progress-title' max={batch.total} value={batch.succeeded + batch.failed}>{batch.succeeded + batch.failed}/{batch.total}</progress>
          <Status>{t(batch.state === 'completed' ? 'batch.done' : 'batch.running', { done: batch.succeeded + batch.failed, total: batch.total, succeeded: batch.succeeded, failed: batch.failed })}</Status>
          {resultsUrl && <p><a href={resultsUrl} download='batch-results.csv'>{t('batch.download')}</a></p>}
          {failed.length > 0 && (
            <>
              <table>
                <caption>{t('batch.failedRows')}</caption>
                <thead><tr><th scope='col'>{t('batch.line')}</th>{header.map((h, i) => <th scope='col' key={i}>{h}</th>)}<th scope='col'>{t('batch.error')}</th></tr></thead>
                <tbody>
                  {failed.map(r => (
                    <tr key={r.row}>
                      <td>{line(r.row)}</td>
                      {header.map((h, j) => <td key={j}><input aria-label={t('batch.cell', { column: h, line: line(r.row) })} value={sentRows[r.row]?.[j] ?? ''} onChange={e => edit(r.row, j, e.target.value)} /></td>)}
                      <td>{errorText(r.error)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <button type='button' onClick={() => { void retry(failed.map(r => r.row)) }}>{t('batch.retry')}</button>
            </>
          )}
        </section>
      )}
    </Page>
  )
}
