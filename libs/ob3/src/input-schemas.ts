// The project's own schemas for what the API accepts (STYLE.md §6: one schema, many uses). Every value
// that passes these builds, through the builders, a credential that passes the official OB 3.0 schema
// (pinned by test/input-schemas.test.ts). Objects reject unknown properties; the recipient and criteria
// "one of" rules are `oneOf`/`anyOf` of `required` only, so they behave the same with ajv's removeAdditional.
import { Type, type Static } from '@sinclair/typebox'
import type { Recipient } from './types.js'
import { ACHIEVEMENT_TYPES, ALIGNMENT_TARGET_TYPES, DID_PATTERN, EXT_TERM_PATTERN, RESULT_STATUSES, RESULT_TYPES } from './vocab.js'

const closed = { additionalProperties: false } as const
// Not blank: the builders refuse whitespace-only names, so the schema does too.
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' })
const Name = Text(512)
const LongText = Text(20_000)
/** An absolute URI (RFC 3986); data: URIs included, hence the larger bound. */
const Uri = Type.String({ format: 'uri', maxLength: 2_000_000 })
const UrlLike = Type.String({ format: 'uri', maxLength: 4096 })
const enumExt = (values: readonly string[], title: string) =>
  Type.Union([Type.Union(values.map((v) => Type.Literal(v))), Type.String({ pattern: EXT_TERM_PATTERN })], { title })

/** An image: a URI (or data: URI), or `{ id, caption? }`. Built into an OB 3.0 Image object. */
export const imageInput = Type.Union([Uri, Type.Object({ id: Uri, caption: Type.Optional(Text(2048)) }, closed)])

/** OB 3.0 Criteria: a criteria page `id`, a Markdown `narrative`, or both. */
export const criteriaInput = Type.Object({
  id: Type.Optional(UrlLike),
  narrative: Type.Optional(LongText)
}, { ...closed, title: 'Criteria', anyOf: [{ required: ['id'] }, { required: ['narrative'] }] })

export const alignmentInput = Type.Object({
  targetName: Name,
  targetUrl: UrlLike,
  targetDescription: Type.Optional(LongText),
  targetFramework: Type.Optional(Name),
  targetCode: Type.Optional(Name),
  targetType: Type.Optional(enumExt(ALIGNMENT_TARGET_TYPES, 'AlignmentTargetType'))
}, { ...closed, title: 'Alignment' })

export const rubricCriterionLevelInput = Type.Object({
  id: Type.Optional(UrlLike),
  name: Name,
  description: Type.Optional(LongText),
  level: Type.Optional(Name),
  points: Type.Optional(Name),
  alignment: Type.Optional(Type.Array(alignmentInput, { maxItems: 100 }))
}, closed)

/** A possible result. Without `id`, the builder derives one from the achievement id. */
export const resultDescriptionInput = Type.Object({
  id: Type.Optional(UrlLike),
  name: Name,
  resultType: enumExt(RESULT_TYPES, 'ResultType'),
  allowedValue: Type.Optional(Type.Array(Name, { maxItems: 1000 })),
  requiredLevel: Type.Optional(UrlLike),
  requiredValue: Type.Optional(Name),
  valueMax: Type.Optional(Name),
  valueMin: Type.Optional(Name),
  rubricCriterionLevel: Type.Optional(Type.Array(rubricCriterionLevelInput, { maxItems: 100 })),
  alignment: Type.Optional(Type.Array(alignmentInput, { maxItems: 100 }))
}, closed)

/** `POST /issuers/:issuerId/achievements` body. */
export const achievementInput = Type.Object({
  name: Name,
  description: LongText,
  criteria: criteriaInput,
  image: Type.Optional(imageInput),
  achievementType: Type.Optional(enumExt(ACHIEVEMENT_TYPES, 'AchievementType')),
  alignment: Type.Optional(Type.Array(alignmentInput, { maxItems: 100 })),
  resultDescription: Type.Optional(Type.Array(resultDescriptionInput, { maxItems: 100 })),
  tag: Type.Optional(Type.Array(Text(256), { maxItems: 100 }))
}, { ...closed, title: 'AchievementInput' })

/**
 * A recipient: exactly one of `email`, `did`, `sourcedId`, and an optional display `name`.
 * Typed as the `Recipient` union; the schema is one closed object with a `oneOf` of `required`.
 */
export const recipient = Type.Unsafe<Recipient>({
  type: 'object',
  properties: {
    email: { type: 'string', format: 'email', maxLength: 320 },
    did: { type: 'string', pattern: DID_PATTERN, maxLength: 4096 },
    sourcedId: { type: 'string', minLength: 1, maxLength: 512, pattern: '\\S' },
    name: { type: 'string', minLength: 1, maxLength: 512, pattern: '\\S' }
  },
  additionalProperties: false,
  title: 'Recipient',
  oneOf: [{ required: ['email'] }, { required: ['did'] }, { required: ['sourcedId'] }]
})

export const evidenceInput = Type.Object({
  id: Type.Optional(Uri),
  name: Type.Optional(Name),
  description: Type.Optional(LongText),
  narrative: Type.Optional(LongText),
  genre: Type.Optional(Name),
  audience: Type.Optional(Name)
}, { ...closed, title: 'Evidence', minProperties: 1 })

export const resultInput = Type.Object({
  resultDescription: Type.Optional(UrlLike),
  value: Type.Optional(Name),
  status: Type.Optional(Type.Union(RESULT_STATUSES.map((s) => Type.Literal(s)))),
  achievedLevel: Type.Optional(UrlLike),
  alignment: Type.Optional(Type.Array(alignmentInput, { maxItems: 100 }))
}, { ...closed, title: 'Result', minProperties: 1 })

/** `POST /issuers` profile fields (the issuer adds its own, e.g. `didMethod`). */
export const profileInput = Type.Object({
  name: Name,
  url: Type.Optional(UrlLike),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
  description: Type.Optional(LongText),
  image: Type.Optional(imageInput)
}, { ...closed, title: 'ProfileInput' })

const DateTime = Type.String({ format: 'date-time' })

/** `POST /issuers/:issuerId/credentials` body. */
export const issueRequest = Type.Object({
  achievementId: Type.String({ minLength: 1, maxLength: 4096 }),
  recipient,
  validFrom: Type.Optional(DateTime),
  validUntil: Type.Optional(DateTime),
  evidence: Type.Optional(Type.Array(evidenceInput, { maxItems: 100 })),
  result: Type.Optional(Type.Array(resultInput, { maxItems: 100 })),
  /** Award it even when the recipient already holds this achievement from this issuer (otherwise 409). */
  allowDuplicate: Type.Optional(Type.Boolean()),
  /** delivery, not credential content: `false` sends no message to an email recipient */
  notify: Type.Optional(Type.Boolean()),
  /** the message's language, overriding the issuer's default */
  language: Type.Optional(Type.Union([Type.Literal('fr'), Type.Literal('en')])),
  /** the issuer's own short text in the message, overriding the issuer's default */
  notificationText: Type.Optional(Text(1000))
}, { ...closed, title: 'IssueRequest' })

/** The project's own input schemas, for route validation, types and the OpenAPI document. */
export const schemas = {
  achievementInput,
  criteria: criteriaInput,
  image: imageInput,
  alignment: alignmentInput,
  resultDescription: resultDescriptionInput,
  rubricCriterionLevel: rubricCriterionLevelInput,
  recipient,
  evidence: Type.Array(evidenceInput, { maxItems: 100 }),
  evidenceItem: evidenceInput,
  result: Type.Array(resultInput, { maxItems: 100 }),
  resultItem: resultInput,
  profileInput,
  issueRequest
} as const

export type AchievementInput = Static<typeof achievementInput>
export type CriteriaInput = Static<typeof criteriaInput>
export type ImageInput = Static<typeof imageInput>
export type AlignmentInput = Static<typeof alignmentInput>
export type ResultDescriptionInput = Static<typeof resultDescriptionInput>
export type EvidenceInput = Static<typeof evidenceInput>
export type ResultInput = Static<typeof resultInput>
export type ProfileInput = Static<typeof profileInput>
export type IssueRequest = Static<typeof issueRequest>
