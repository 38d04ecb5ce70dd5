// @obp/ob3: the Open Badges 3.0 model (types, schemas, builders, identity hashing, validation, baking).
export {
  VC_V2_CONTEXT, VC_V1_CONTEXT, OB_V3_CONTEXT, OB_V3_CONTEXT_LEGACY, OB_EXTENSIONS_CONTEXT, OB_SCHEMA_URL,
  OB_ENDORSEMENT_SCHEMA_URL, OB_SCHEMA_VALIDATOR_TYPE, OB_CREDENTIAL_CONTEXTS, PNG_ITXT_KEYWORD, SVG_OB_NAMESPACE
} from './constants.js'
export type {
  Profile, Achievement, AchievementSubject, IdentityObject, Result, ResultDescription, RubricCriterionLevel,
  Alignment, Evidence, Criteria, Image, OpenBadgeCredential, EndorsementCredential, EndorsementSubject,
  CredentialSchema, CredentialStatus, Proof, Recipient
} from './types.js'
export * from './errors.js'
export { ACHIEVEMENT_TYPES, ALIGNMENT_TARGET_TYPES, RESULT_TYPES, RESULT_STATUSES } from './vocab.js'
export {
  schemas, achievementInput, recipient as recipientSchema, evidenceInput, resultInput, profileInput, issueRequest
} from './input-schemas.js'
export type {
  AchievementInput, CriteriaInput, ImageInput, AlignmentInput, ResultDescriptionInput, EvidenceInput, ResultInput,
  ProfileInput, IssueRequest
} from './input-schemas.js'
export { buildProfile, type BuildProfileOptions } from './build-profile.js'
export { buildAchievement, type BuildAchievementOptions } from './build-achievement.js'
export {
  buildOpenBadgeCredential, buildEndorsementCredential,
  type BuildOpenBadgeCredentialOptions, type BuildEndorsementCredentialOptions
} from './build-credential.js'
export { hashIdentity, matchesIdentity, normalizeIdentity, newSalt } from './identity.js'
export { validateOb3Credential, validateOb3Profile, type Ob3ValidationResult } from './validate.js'
export { loadOfficialSchema, preloadOb3Schemas, type OfficialSchemaName, type SchemaError } from './official-schemas.js'
export { bakePng, unbakePng } from './bake-png.js'
export { bakeSvg, unbakeSvg } from './bake-svg.js'
export { isCompactJws } from './bake-text.js'
export { readBakedPng, readBakedSvg } from './read-baked.js'
export type { BakedReading } from './read-baked.js'
export { defaultBadgeImage } from './default-image.js'
