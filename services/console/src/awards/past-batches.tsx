// The issuer's past batches, newest first (GET /issuers/:issuerId/batches, CONTRACT.md "Records"), each with its
// rows' outcomes and a link to its results (batch-results.tsx), where failed rows are retried or dismissed.
import { useState } from 'react'
import { get, issuerPath } from '../api/client'
import { useI18n, type MessageKey } from '../i18n/i18n'
import { useLoad } from '../layout/hooks'
import { ErrorMessage, Page } from '../layout/ui'
import type { PageProps } from '../issuer/profile'

export interface ListedBatch {
  batchId: string; state: string; total: number; succeeded: number; failed: number; pending?: number
  unresolved?: number; createdAt: string; completedAt?: string; retryOf?: string
}

/** A date and time a person reads: the browser's own format, in the console's language. */
export const when = (iso: string, lang: string): string => new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' })
export const stateKey = (state: string): MessageKey => (['queued', 'running', 'completed'].includes(state) ? `batches.state.${state}` : 'batches.state.running') as MessageKey

export function PastBatches ({ issuerId }: PageProps) {
  const { t, lang } = useI18n()
  // pages already shown stay on screen; "Older batches" appends the next one
  const [cursors, setCursors] = useState<string[]>([''])
  return (
    <Page title={t('nav.pastBatches')}>
      <p><a href='#/batches'>{t('nav.batches')}</a></p>
      <table>
        <caption>{t('batches.caption')}</caption>
        <thead>
          <tr><th scope='col'>{t('batches.started')}</th><th scope='col'>{t('batches.rows')}</th><th scope='col'>{t('credentials.status')}</th><th scope='col'>{t('batches.outcome')}</th></tr>
        </thead>
        {cursors.map((cursor, i) => (
          <BatchPage key={cursor} issuerId={issuerId} cursor={cursor} lang={lang} last={i === cursors.length - 1} more={next => setCursors([...cursors, next])} />
        ))}
      </table>
    </Page>
  )
}

function BatchPage ({ issuerId, cursor, lang, last, more }: { issuerId: string; cursor: string; lang: string; last: boolean; more: (next: string) => void }) {
  const { t } = useI18n()
  const page = useLoad(() => get<{ items: ListedBatch[]; next?: string }>(issuerPath(issuerId, `/batches?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)), [issuerId, cursor])
  const items = page.data?.items ?? []
  const next = page.data?.next
  return (
    <tbody>
      {page.error && <tr><td colSpan={4}><ErrorMessage error={page.error} /></td></tr>}
      {page.data && items.length === 0 && cursor === '' && <tr><td colSpan={4}>{t('batches.none')}</td></tr>}
      {items.map(b => (
        <tr key={b.batchId}>
          <td>
            <a href={`#/past-batches/${encodeURIComponent(b.batchId)}`} aria-label={t('batches.openNamed', { date: when(b.createdAt, lang), total: b.total })}>{when(b.createdAt, lang)}</a>
            {b.retryOf && <><br /><small>{t('batches.retryOf')}</small></>}
          </td>
          <td>{b.total}</td>
          <td>{t(stateKey(b.state))}</td>
          <td>
            {t('batches.outcomeText', { succeeded: b.succeeded, failed: b.failed, pending: b.pending ?? 0 })}
            {(b.unresolved ?? 0) > 0 && <><br /><strong>{t('batches.unresolved', { count: b.unresolved ?? 0 })}</strong></>}
          </td>
        </tr>
      ))}
      {last && next && <tr><td colSpan={4}><button type='button' onClick={() => more(next)}>{t('batches.more')}</button></td></tr>}
    </tbody>
  )
}
