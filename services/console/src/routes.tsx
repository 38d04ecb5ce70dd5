// Signed-in pages by route; a page the role may not use is not linked, and the API refuses it anyway.
import type { Session } from './api/client'
import { Profile } from './issuer/profile'
import { ApiKeys } from './issuer/api-keys'
import { Members } from './issuer/members'
import { Achievements } from './achievements/achievements'
import { AchievementForm } from './achievements/achievement-form'
import { AwardOne } from './awards/award-one'
import { BatchUpload } from './awards/batch-upload'
import { PastBatches } from './awards/past-batches'
import { BatchResults } from './awards/batch-results'
import { Credentials } from './credentials/credentials'
import { Network } from './network/network'
import { Admin } from './admin/admin'

export function Routes ({ route, session }: { route: string[]; session: Session }) {
  const issuerId = session.issuerId
  if (!issuerId) return session.operator ? <Admin /> : <NoIssuer />
  const props = { issuerId, role: session.role ?? 'viewer' } as const
  switch (route[0]) {
    case 'achievements': return route[1] ? <AchievementForm {...props} achievementId={route[1] === 'new' ? undefined : route[1]} /> : <Achievements {...props} />
    case 'award': return <AwardOne {...props} />
    case 'batches': return <BatchUpload {...props} />
    case 'past-batches': return route[1] ? <BatchResults key={route[1]} {...props} batchId={decodeURIComponent(route[1])} /> : <PastBatches {...props} />
    case 'credentials': return <Credentials {...props} />
    case 'network': return <Network {...props} />
    case 'members': return <Members {...props} />
    case 'api-keys': return <ApiKeys {...props} />
    default: return <Profile {...props} />
  }
}

function NoIssuer () {
  return null
}
