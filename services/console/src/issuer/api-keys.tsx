// API keys: created with scopes no wider than the person's role (the server checks too), shown once, revocable.
import { useState, type FormEvent } from 'react'
import type { ApiError} from '../api/client';
import { del, get, issuerPath, post } from '../api/client'
import { useI18n } from '../i18n/i18n'
import { useLoad } from '../layout/hooks'
import { ErrorMessage, Field, Page, Status } from '../layout/ui'
import type { PageProps } from './profile'

const ROLE_SCOPES = { owner: ['issue', 'revoke', 'manage'], issuer: ['issue', 'revoke'], viewer: [] } as const
interface Key { id: string; name?: string; scopes: string[]; createdAt: string; revokedAt?: string }

export function ApiKeys ({ issuerId, role }: PageProps) {
  const { t } = useI18n()
  const keys = useLoad(() => get<Key[]>(issuerPath(issuerId, '/api-keys')), [issuerId])
  const allowed: readonly string[] = ROLE_SCOPES[role]
  const [name, setName] = useState('')
  const [scopes, setScopes] = useState<string[]>([])
  const [token, setToken] = useState<string | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  async function create (e: FormEvent) {
    e.preventDefault()
    try {
      const created = await post<{ token: string }>(issuerPath(issuerId, '/api-keys'), { scopes, ...(name ? { name } : {}) })
      setToken(created.token)
      keys.reload()
    } catch (err) { setError(err as ApiError) }
  }
  async function revoke (id: string) {
    try { await del(issuerPath(issuerId, `/api-keys/${encodeURIComponent(id)}`)); keys.reload() } catch (err) { setError(err as ApiError) }
  }
  return (
    <Page title={t('nav.apiKeys')}>
      <ErrorMessage error={error ?? keys.error} />
      {token && <Status>{t('keys.shownOnce')} <code>{token}</code></Status>}
      <form onSubmit={e => { void create(e) }}>
        <Field label={t('keys.name')}>{id => <input id={id} value={name} onChange={e => setName(e.target.value)} />}</Field>
        <fieldset>
          <legend>{t('keys.scopes')}</legend>
          {allowed.map(s => (
            <label key={s} className='check'>
              <input type='checkbox' checked={scopes.includes(s)} onChange={e => setScopes(e.target.checked ? [...scopes, s] : scopes.filter(x => x !== s))} /> {s}
            </label>
          ))}
        </fieldset>
        <button type='submit' disabled={scopes.length === 0}>{t('keys.create')}</button>
      </form>
      <table>
        <caption>{t('keys.list')}</caption>
        <thead><tr><th scope='col'>{t('keys.name')}</th><th scope='col'>{t('keys.scopes')}</th><th scope='col'>{t('common.created')}</th><th scope='col'>{t('common.actions')}</th></tr></thead>
        <tbody>
          {keys.data?.map(k => (
            <tr key={k.id}>
              <td>{k.name ?? k.id}</td><td>{k.scopes.join(', ')}</td><td>{k.createdAt.slice(0, 10)}</td>
              <td>{k.revokedAt ? t('keys.revoked') : <button type='button' onClick={() => { void revoke(k.id) }} aria-label={t('keys.revokeNamed', { name: k.name ?? k.id })}>{t('keys.revoke')}</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  )
}
