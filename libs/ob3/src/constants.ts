// Context and schema URLs an OB 3.0 credential names (OB 3.0 §"Serialization", VCDM 2.0 §4.3).

/** VCDM 2.0 base context; MUST be first (VCDM 2.0 §4.3). */
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2'
/** Legacy VCDM 1.1 base context, only recognised when validating older credentials. */
export const VC_V1_CONTEXT = 'https://www.w3.org/2018/credentials/v1'
/** OB 3.0 context, version 3.0.3; MUST be second (OB 3.0 §B.1 JSON-LD, official JSON Schema `@context`). */
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
/** Unversioned OB 3.0 context used by VCDM 1.1-era OB credentials. */
export const OB_V3_CONTEXT_LEGACY = 'https://purl.imsglobal.org/spec/ob/v3p0/context.json'
/**
 * OB extensions context: the only context defining `1EdTechJsonSchemaValidator2019`,
 * `1EdTechRevocationList` and `1EdTechCredentialRefresh`. Without it JSON-LD safe mode refuses a
 * credential whose `credentialSchema.type` is `1EdTechJsonSchemaValidator2019`.
 */
export const OB_EXTENSIONS_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'

/** The OB 3.0 AchievementCredential JSON Schema, as named in `credentialSchema` (OB 3.0 §"Data Model" examples). */
export const OB_SCHEMA_URL = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json'
/** The OB 3.0 EndorsementCredential JSON Schema, as named in `credentialSchema`. */
export const OB_ENDORSEMENT_SCHEMA_URL = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential_schema.json'
/** `credentialSchema.type` of the 1EdTech JSON Schema validator (defined in OB_EXTENSIONS_CONTEXT). */
export const OB_SCHEMA_VALIDATOR_TYPE = '1EdTechJsonSchemaValidator2019'

/** The contexts, in order, of every credential this platform issues. */
export const OB_CREDENTIAL_CONTEXTS = [VC_V2_CONTEXT, OB_V3_CONTEXT, OB_EXTENSIONS_CONTEXT] as const

/** PNG iTXt keyword and SVG namespace of baked OB 3.0 badges (OB 3.0 §"Baked Badge"). */
export const PNG_ITXT_KEYWORD = 'openbadgecredential'
export const SVG_OB_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0'
