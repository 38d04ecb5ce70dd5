// The issuer's OB 3.0 Profile and DID (public data, as verifiers see it).
import { get, issuerPath } from '../api/client'
import { useI18n } from '../i18n/i18n'
import { useLoad } from '../layout/hooks'
import { ErrorMessage, Page } from '../layout/ui'

export interface PageProps { issuerId: string; role: 'owner' | 'issuer' | 'viewer' }
interface ProfileDoc { id: string; name: string; url?: string; email?: string; description?: string; image?: string | { id: string } }

export function Profile ({ issuerId }: PageProps) {
  const { t } = useI18n()
  const profile = useLoad(() => get<ProfileDoc>(issuerPath(issuerId)), [issuerId])
  const p = profile.data
  return (
    <Page title={p?.name ?? t('nav.profile')}>
      <ErrorMessage error={profile.error} />
      {p && (
        <dl className='facts'>
          <dt>{t('profile.did')}</dt><dd><code>{p.id}</code></dd>
          <dt>{t('profile.website')}</dt><dd>{p.url ?? '—'}</dd>
          <dt>{t('profile.email')}</dt><dd>{p.email ?? '—'}</dd>
          <dt>{t('profile.description')}</dt><dd>{p.description ?? '—'}</dd>
          <dt>{t('profile.publicProfile')}</dt><dd><a href={issuerPath(issuerId)}>{issuerPath(issuerId)}</a></dd>
        </dl>
      )}
    </Page>
  )
}
