// OB 3.0 data model types (OB 3.0 §B "Data Models"), for what this platform builds and reads.
// Only the properties the platform uses or shows are typed; credentials may carry more, and code that
// handles foreign credentials works on `unknown` JSON checked with validateOb3Credential.

/** OB 3.0 §B.1.14 Image. The official JSON Schema requires an object with `id` and `type` (no bare string). */
export interface Image {
  id: string
  type: 'Image'
  caption?: string
}

/** OB 3.0 §B.1.9 Criteria: `id` (a criteria page) and/or `narrative` (Markdown). */
export interface Criteria {
  id?: string
  narrative?: string
}

/** OB 3.0 §B.1.4 Alignment to a node in an educational framework. */
export interface Alignment {
  type: ['Alignment', ...string[]]
  targetName: string
  targetUrl: string
  targetDescription?: string
  targetFramework?: string
  targetCode?: string
  targetType?: string
}

/** OB 3.0 §B.1.21 RubricCriterionLevel. */
export interface RubricCriterionLevel {
  id: string
  type: ['RubricCriterionLevel', ...string[]]
  name: string
  description?: string
  level?: string
  points?: string
  alignment?: Alignment[]
}

/** OB 3.0 §B.1.20 ResultDescription: a possible result of an achievement. */
export interface ResultDescription {
  id: string
  type: ['ResultDescription', ...string[]]
  name: string
  resultType: string
  allowedValue?: string[]
  requiredLevel?: string
  requiredValue?: string
  valueMax?: string
  valueMin?: string
  rubricCriterionLevel?: RubricCriterionLevel[]
  alignment?: Alignment[]
}

/** OB 3.0 §B.1.19 Result: a recipient's result; `resultDescription` is the id of a ResultDescription. */
export interface Result {
  type: ['Result', ...string[]]
  resultDescription?: string
  value?: string
  status?: 'Completed' | 'Enrolled' | 'Failed' | 'InProgress' | 'OnHold' | 'Provisional' | 'Withdrew'
  achievedLevel?: string
  alignment?: Alignment[]
}

/** OB 3.0 §B.1.11 Evidence. */
export interface Evidence {
  type: ['Evidence', ...string[]]
  id?: string
  name?: string
  description?: string
  narrative?: string
  genre?: string
  audience?: string
}

/**
 * OB 3.0 §B.1.15 IdentityObject. `identityHash` is `<alg>$<hex>` (alg `sha256` or `md5`) over the UTF-8
 * identity value followed by `salt`, or the plain value when `hashed` is false.
 */
export interface IdentityObject {
  type: 'IdentityObject'
  hashed: boolean
  identityHash: string
  identityType: string
  salt?: string
}

/** OB 3.0 §B.1.13 Profile: an issuer, endorser or other entity. */
export interface Profile {
  id: string
  type: ['Profile', ...string[]]
  name?: string
  url?: string
  email?: string
  phone?: string
  description?: string
  image?: Image
  endorsement?: EndorsementCredential[]
}

/** OB 3.0 §B.1.1 Achievement. */
export interface Achievement {
  id: string
  type: ['Achievement', ...string[]]
  name: string
  description: string
  criteria: Criteria
  image?: Image
  achievementType?: string
  creator?: Profile
  alignment?: Alignment[]
  resultDescription?: ResultDescription[]
  tag?: string[]
  endorsement?: EndorsementCredential[]
}

/**
 * OB 3.0 §B.1.3 AchievementSubject: the recipient. Either `id` (a DID) or at least one `identifier`
 * MUST be supplied. `name` is the VC-EDU display convention (`name` is a global term of context 3.0.3).
 */
export interface AchievementSubject {
  type: ['AchievementSubject', ...string[]]
  achievement: Achievement
  id?: string
  identifier?: IdentityObject[]
  name?: string
  result?: Result[]
}

/** OB 3.0 §B.1.8 CredentialSchema entry. */
export interface CredentialSchema {
  id: string
  type: string
}

/** VCDM 2.0 §4.10 status entry (BitstringStatusListEntry or 1EdTechRevocationList). */
export interface CredentialStatus {
  id?: string
  type: string
  [property: string]: unknown
}

/** A Data Integrity / Linked Data proof (VC-DATA-INTEGRITY §2.1). */
export interface Proof {
  type: string
  created?: string
  cryptosuite?: string
  proofPurpose?: string
  proofValue?: string
  verificationMethod?: string
  [property: string]: unknown
}

interface CredentialBase {
  '@context': string[]
  id: string
  name: string
  description?: string
  issuer: Profile
  validFrom: string
  validUntil?: string
  credentialSchema?: CredentialSchema[]
  credentialStatus?: CredentialStatus
  proof?: Proof[]
}

/** OB 3.0 §B.1.2 AchievementCredential, a.k.a. OpenBadgeCredential. */
export interface OpenBadgeCredential extends CredentialBase {
  type: ['VerifiableCredential', 'OpenBadgeCredential' | 'AchievementCredential', ...string[]]
  credentialSubject: AchievementSubject
  evidence?: Evidence[]
  endorsement?: EndorsementCredential[]
  image?: Image
}

/** OB 3.0 §B.2.2 EndorsementSubject. */
export interface EndorsementSubject {
  id: string
  type: ['EndorsementSubject', ...string[]]
  endorsementComment?: string
}

/** OB 3.0 §B.2.1 EndorsementCredential. */
export interface EndorsementCredential extends CredentialBase {
  type: ['VerifiableCredential', 'EndorsementCredential', ...string[]]
  credentialSubject: EndorsementSubject
}

/** A badge recipient as the API accepts it: one identity, and an optional display name. */
export type Recipient =
  | { email: string; name?: string }
  | { did: string; name?: string }
  | { sourcedId: string; name?: string }
