// Achievement builder (OB 3.0 §B.1.1 Achievement, §B.1.20 ResultDescription, §B.1.21 RubricCriterionLevel).
import { childId, optionalArray, pick, requireObject, requireString, toImage } from './build-util.js'
import { InvalidArgumentError } from './errors.js'
import type { AchievementInput, AlignmentInput, ResultDescriptionInput } from './input-schemas.js'
import type { Achievement, Alignment, Criteria, Image, Profile, ResultDescription, RubricCriterionLevel } from './types.js'

export interface BuildAchievementOptions extends Omit<AchievementInput, 'image'> {
  /** The achievement's URI (e.g. `ISSUER_PUBLIC_URL/achievements/<uuid>`). */
  id: string
  /** The issuer that defined it (OB 3.0 `creator`). */
  creator?: Profile
  image?: string | Image | { id: string; caption?: string }
}

const ALIGNMENT_KEYS = ['targetName', 'targetUrl', 'targetDescription', 'targetFramework', 'targetCode', 'targetType'] as const

export function buildAlignment (input: AlignmentInput | Alignment, name = 'alignment'): Alignment {
  requireObject(input, name)
  requireString(input.targetName, `${name}.targetName`)
  requireString(input.targetUrl, `${name}.targetUrl`)
  return { type: ['Alignment'], ...pick(input as AlignmentInput, ALIGNMENT_KEYS) } as Alignment
}

function buildAlignments (list: Array<AlignmentInput | Alignment> | undefined, name: string): Alignment[] | undefined {
  return optionalArray(list, name)?.map((a, i) => buildAlignment(a, `${name}[${i}]`))
}

function buildCriteria (input: Criteria): Criteria {
  requireObject(input, 'criteria')
  const criteria: Criteria = pick(input, ['id', 'narrative'] as const)
  if (criteria.id === undefined && criteria.narrative === undefined) {
    throw new InvalidArgumentError('"criteria" needs an "id" or a "narrative".')
  }
  return criteria
}

const RD_KEYS = ['allowedValue', 'requiredLevel', 'requiredValue', 'valueMax', 'valueMin'] as const
const LEVEL_KEYS = ['description', 'level', 'points'] as const

/** A ResultDescription; one without `id` gets `<achievementId>#result-<n>` (the schema requires an id). */
function buildResultDescription (input: ResultDescriptionInput, achievementId: string, i: number): ResultDescription {
  const name = `resultDescription[${i}]`
  requireObject(input, name)
  const id = input.id ?? childId(achievementId, `result-${i + 1}`)
  const rd: ResultDescription = {
    id,
    type: ['ResultDescription'],
    name: requireString(input.name, `${name}.name`),
    resultType: requireString(input.resultType, `${name}.resultType`),
    ...pick(input, RD_KEYS)
  }
  const levels = optionalArray(input.rubricCriterionLevel, `${name}.rubricCriterionLevel`)
  if (levels !== undefined) {
    rd.rubricCriterionLevel = levels.map((level, j): RubricCriterionLevel => {
      const out: RubricCriterionLevel = {
        id: level.id ?? childId(id, `level-${j + 1}`),
        type: ['RubricCriterionLevel'],
        name: requireString(level.name, `${name}.rubricCriterionLevel[${j}].name`),
        ...pick(level, LEVEL_KEYS)
      }
      const alignment = buildAlignments(level.alignment, `${name}.rubricCriterionLevel[${j}].alignment`)
      if (alignment !== undefined) out.alignment = alignment
      return out
    })
  }
  const alignment = buildAlignments(input.alignment, `${name}.alignment`)
  if (alignment !== undefined) rd.alignment = alignment
  return rd
}

/** An OB 3.0 Achievement from an achievement definition (the `achievementInput` schema) and its id. */
export function buildAchievement (opts: BuildAchievementOptions): Achievement {
  requireObject(opts, 'opts')
  const id = requireString(opts.id, 'id')
  const achievement: Achievement = {
    id,
    type: ['Achievement'],
    name: requireString(opts.name, 'name'),
    description: requireString(opts.description, 'description'),
    criteria: buildCriteria(opts.criteria)
  }
  if (opts.image !== undefined) achievement.image = toImage(opts.image, 'image')
  if (opts.achievementType !== undefined) achievement.achievementType = requireString(opts.achievementType, 'achievementType')
  if (opts.creator !== undefined) achievement.creator = requireObject(opts.creator, 'creator')
  const alignment = buildAlignments(opts.alignment, 'alignment')
  if (alignment !== undefined) achievement.alignment = alignment
  const rds = optionalArray(opts.resultDescription, 'resultDescription')
  if (rds !== undefined) {
    achievement.resultDescription = rds.map((rd, i) => buildResultDescription(rd, id, i))
    const ids = achievement.resultDescription.map((rd) => rd.id)
    if (new Set(ids).size !== ids.length) throw new InvalidArgumentError('"resultDescription" ids must be unique.')
  }
  const tag = optionalArray(opts.tag, 'tag')
  if (tag !== undefined) achievement.tag = tag.map((t, i) => requireString(t, `tag[${i}]`))
  return achievement
}
