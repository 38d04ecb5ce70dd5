// OB 3.0 conformance of a credential against the official JSON Schemas, for the verifier's "schema" check.
//
// Design for VCDM 1.1 credentials (OB 3.0 before the move to VCDM 2.0: `@context` v1 + OB `context.json`,
// `issuanceDate`/`expirationDate`): the credential is validated through a *view* that maps the 1.1 names onto
// the 2.0 ones (v1 context -> v2 context, issuanceDate -> validFrom, expirationDate -> validUntil); errors on
// the mapped names are reported under the original names, and the result says `legacy: true` so the caller
// adds its "legacy data model" warning. The credential itself is never modified.
//
// VCDM 2.0 §4.12 lets `proof` and `credentialSchema` be a single object; the official schema wants arrays.
// What the platform verifies may have either form (CONTRACT.md), so a single object is validated as a
// one-element array and reported in `warnings`.
import { OB_EXTENSIONS_CONTEXT, OB_SCHEMA_VALIDATOR_TYPE, VC_V1_CONTEXT, VC_V2_CONTEXT } from './constants.js'
import { officialValidator, toSchemaErrors, type OfficialSchemaName, type SchemaError } from './official-schemas.js'

export interface Ob3ValidationResult {
  valid: boolean
  errors: SchemaError[]
  /** The official schema applied. */
  schema: OfficialSchemaName
  /** A VCDM 1.1 credential, validated through the mapped view described above. */
  legacy: boolean
  /** Accepted deviations (single-object `proof`, ...), for the caller to show as warnings. */
  warnings: string[]
}

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v)
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v])

/** Single `proof`/`credentialSchema` objects as arrays, here and in the embedded endorsements the schema checks. */
function normalize (credential: Json, where: string, warnings: string[]): Json {
  const out: Json = { ...credential }
  for (const key of ['proof', 'credentialSchema']) {
    if (isObject(out[key])) {
      out[key] = [out[key]]
      warnings.push(`${where}${key} is a single object, not an array (accepted; the OB 3.0 schema wants an array)`)
    }
  }
  if (Array.isArray(out.endorsement)) {
    out.endorsement = out.endorsement.map((e, i) => (isObject(e) ? normalize(e, `${where}endorsement/${i}/`, warnings) : e))
  }
  return out
}

function legacyView (credential: Json, errors: SchemaError[]): Json {
  const view: Json = { ...credential, '@context': [VC_V2_CONTEXT, ...asArray(credential['@context']).slice(1)] }
  // VCDM 1.1 §4.6/§4.7: issuanceDate is required, expirationDate optional.
  if (credential.issuanceDate === undefined) errors.push({ path: '', message: "must have required property 'issuanceDate'" })
  if (view.validFrom === undefined && credential.issuanceDate !== undefined) view.validFrom = credential.issuanceDate
  if (view.validUntil === undefined && credential.expirationDate !== undefined) view.validUntil = credential.expirationDate
  delete view.issuanceDate
  delete view.expirationDate
  return view
}

/** Reports errors on mapped names under the credential's own (VCDM 1.1) names. */
function legacyPath (path: string, credential: Json): string {
  if (credential.validFrom === undefined) path = path.replace(/^\/validFrom(?=\/|$)/, '/issuanceDate')
  if (credential.validUntil === undefined) path = path.replace(/^\/validUntil(?=\/|$)/, '/expirationDate')
  return path
}

/**
 * Validates a credential against the official OB 3.0 JSON Schema for its type (EndorsementCredential or
 * AchievementCredential/OpenBadgeCredential). Never throws; `valid` is false for anything not an object.
 */
export function validateOb3Credential (json: unknown): Ob3ValidationResult {
  const warnings: string[] = []
  if (!isObject(json)) {
    return { valid: false, errors: [{ path: '', message: 'must be a JSON object' }], schema: 'achievementcredential', legacy: false, warnings }
  }
  const schema: OfficialSchemaName = asArray(json.type).includes('EndorsementCredential') ? 'endorsementcredential' : 'achievementcredential'
  const legacy = asArray(json['@context'])[0] === VC_V1_CONTEXT
  const errors: SchemaError[] = []
  let view = normalize(json, '', warnings)
  if (legacy) view = legacyView(view, errors)
  const validate = officialValidator(schema)
  if (!validate(view)) {
    for (const e of toSchemaErrors(validate.errors)) errors.push(legacy ? { ...e, path: legacyPath(e.path, json) } : e)
  }
  // OB 3.0 §B.1.3 AchievementSubject: "Either id or at least one identifier MUST be supplied" (not in the schema).
  const subject = json.credentialSubject
  if (schema === 'achievementcredential' && isObject(subject) && subject.id === undefined && asArray(subject.identifier).length === 0) {
    errors.push({ path: '/credentialSubject', message: 'must have an id or at least one identifier' })
  }
  const usesValidatorType = asArray(json.credentialSchema).some((s) => isObject(s) && s.type === OB_SCHEMA_VALIDATOR_TYPE)
  if (usesValidatorType && !asArray(json['@context']).includes(OB_EXTENSIONS_CONTEXT)) {
    warnings.push(`credentialSchema type ${OB_SCHEMA_VALIDATOR_TYPE} is defined only in ${OB_EXTENSIONS_CONTEXT}, which is not in @context`)
  }
  return { valid: errors.length === 0, errors, schema, legacy, warnings }
}

/** Validates a Profile against the official OB 3.0 profile schema. */
export function validateOb3Profile (json: unknown): { valid: boolean; errors: SchemaError[] } {
  const validate = officialValidator('profile')
  return validate(json) ? { valid: true, errors: [] } : { valid: false, errors: toSchemaErrors(validate.errors) }
}
