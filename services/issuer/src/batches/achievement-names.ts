// CSV rows may name an achievement by its exact name within the issuer (issue 16), as well as by its id or the
// id's last segment. Names are resolved once per distinct value; a name two achievements share is refused.
import type { IssuerContext } from '../context.js'
import { achievementKey } from '../awards/issue-award.js'
import type { RowProblem } from './validate-rows.js'

export interface NamedAchievements {
  awards: unknown[]
  /** rows whose achievement is named ambiguously or not at all: sentences listing the allowed names */
  problems: RowProblem[]
}

export async function resolveAchievementNames (ctx: IssuerContext, issuerId: string, awards: unknown[]): Promise<NamedAchievements> {
  const refs = new Set(awards.map(a => (a as { achievementId?: unknown })?.achievementId).filter((r): r is string => typeof r === 'string'))
  if (refs.size === 0) return { awards, problems: [] }
  const list = await ctx.achievements.list(issuerId)
  const ids = new Set(list.map(a => a._id))
  const names = list.map(a => String(a.achievement.name))
  const resolved = new Map<string, string | { error: string }>()
  for (const ref of refs) {
    const key = achievementKey(ctx, issuerId, ref)
    if (key !== undefined && ids.has(key)) continue
    const byName = list.filter(a => a.achievement.name === ref.trim())
    const loose = byName.length > 0 ? byName : list.filter(a => String(a.achievement.name).toLowerCase() === ref.trim().toLowerCase())
    if (loose.length === 1) resolved.set(ref, loose[0].achievement.id as string)
    else if (loose.length > 1) resolved.set(ref, { error: `Achievement "${ref}" names ${loose.length} achievements of this issuer: use its id instead (${loose.map(a => a.achievement.id).join(', ')}).` })
    else {
      const known = names.length === 0 ? 'this issuer has no achievement yet' : `its achievements are: ${names.slice(0, 30).join('; ')}${names.length > 30 ? ' ...' : ''}`
      resolved.set(ref, { error: `Achievement "${ref}" is not one of this issuer's achievements (give its id or its exact name; ${known}).` })
    }
  }
  const problems: RowProblem[] = []
  const out = awards.map((a, row) => {
    const ref = (a as { achievementId?: unknown })?.achievementId
    const r = typeof ref === 'string' ? resolved.get(ref) : undefined
    if (r === undefined) return a
    if (typeof r === 'string') return { ...(a as object), achievementId: r }
    problems.push({ row, code: 'OBP_ISSUER_ACHIEVEMENT_NOT_FOUND', error: r.error })
    return a
  })
  return { awards: out, problems }
}
