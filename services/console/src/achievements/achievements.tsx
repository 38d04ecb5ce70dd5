// The issuer's achievements with how many were awarded (counted through the credentials listing, up to 100+).
import { get, issuerPath, lastSegment } from '../api/client'
import { useI18n } from '../i18n/i18n'
import { useLoad } from '../layout/hooks'
import { ErrorMessage, Page } from '../layout/ui'
import type { PageProps } from '../issuer/profile'

export interface Achievement { id: string; name: string; description: string; criteria: { narrative?: string; id?: string }; image?: { id: string } | string; tag?: string[]; alignment?: Array<{ targetName: string; targetUrl: string }> }

export const imageOf = (a: Achievement): string | undefined => typeof a.image === 'string' ? a.image : a.image?.id
/** An image URL of this platform, made relative so it loads from this origin under the console's CSP. */
export const localImage = (url: string | undefined): string | undefined => {
  if (!url) return undefined
  if (url.startsWith('data:')) return url
  const m = /\/images\/[^/]+$/.exec(url)
  return m ? m[0] : undefined
}

function AwardCount ({ issuerId, achievementId }: { issuerId: string; achievementId: string }) {
  const { t } = useI18n()
  const count = useLoad(() => get<{ items: unknown[]; next?: string }>(issuerPath(issuerId, `/credentials?achievementId=${encodeURIComponent(achievementId)}&limit=100`)), [issuerId, achievementId])
  if (!count.data) return <>—</>
  return <>{t('achievements.awarded', { count: count.data.next ? '100+' : count.data.items.length })}</>
}

export function Achievements ({ issuerId, role }: PageProps) {
  const { t } = useI18n()
  const list = useLoad(() => get<Achievement[]>(issuerPath(issuerId, '/achievements')), [issuerId])
  return (
    <Page title={t('nav.achievements')}>
      <ErrorMessage error={list.error} />
      {role === 'owner' && <p><a className='button' href='#/achievements/new'>{t('achievements.new')}</a></p>}
      {list.data?.length === 0 && <p>{t('achievements.none')}</p>}
      <ul className='cards'>
        {list.data?.map(a => (
          <li key={a.id} className='card'>
            {localImage(imageOf(a)) && <img src={localImage(imageOf(a))} alt='' width={64} height={64} />}
            <h2>{a.name}</h2>
            <p>{a.description}</p>
            {a.tag && a.tag.length > 0 && <p className='tags'>{a.tag.join(' · ')}</p>}
            <p><AwardCount issuerId={issuerId} achievementId={a.id} /></p>
            {role === 'owner' && <a href={`#/achievements/${lastSegment(a.id)}`} aria-label={t('achievements.editNamed', { name: a.name })}>{t('achievements.edit')}</a>}
          </li>
        ))}
      </ul>
    </Page>
  )
}
