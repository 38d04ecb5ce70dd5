// Enumerated vocabularies of OB 3.0 §B.3 (as in the official JSON Schemas). "EnumExt" vocabularies
// also accept extension terms `ext:<name>`.

/** OB 3.0 §B.3.1 AchievementType. */
export const ACHIEVEMENT_TYPES = [
  'Achievement', 'ApprenticeshipCertificate', 'Assessment', 'Assignment', 'AssociateDegree', 'Award', 'Badge',
  'BachelorDegree', 'Certificate', 'CertificateOfCompletion', 'Certification', 'CommunityService', 'Competency',
  'Course', 'CoCurricular', 'Degree', 'Diploma', 'DoctoralDegree', 'Fieldwork', 'GeneralEducationDevelopment',
  'JourneymanCertificate', 'LearningProgram', 'License', 'Membership', 'ProfessionalDoctorate',
  'QualityAssuranceCredential', 'MasterCertificate', 'MasterDegree', 'MicroCredential', 'ResearchDoctorate',
  'SecondarySchoolDiploma'
] as const

/** OB 3.0 §B.3.2 AlignmentTargetType. */
export const ALIGNMENT_TARGET_TYPES = [
  'ceasn:Competency', 'ceterms:Credential', 'CFItem', 'CFRubric', 'CFRubricCriterion', 'CFRubricCriterionLevel', 'CTDL'
] as const

/** OB 3.0 §B.3.4 ResultType. */
export const RESULT_TYPES = [
  'GradePointAverage', 'LetterGrade', 'Percent', 'PerformanceLevel', 'PredictedScore', 'RawScore', 'Result',
  'RubricCriterion', 'RubricCriterionLevel', 'RubricScore', 'ScaledScore', 'Status'
] as const

/** OB 3.0 §B.3.5 ResultStatusType. */
export const RESULT_STATUSES = ['Completed', 'Enrolled', 'Failed', 'InProgress', 'OnHold', 'Provisional', 'Withdrew'] as const

/**
 * An extension term `ext:<name>`. The official pattern `(ext:)[a-z|A-Z|0-9|.|-|_]+` is unanchored and its
 * class holds `|-|` (a range from `|` to `|`), so a hyphen is not allowed right after `ext:`; this stricter,
 * anchored form only accepts values the official `oneOf` accepts too (no enum value starts with `ext:`).
 */
export const EXT_TERM_PATTERN = '^ext:[A-Za-z0-9._][A-Za-z0-9._-]*$'

/** A DID (DID-CORE §3.1 did-syntax) without path, query or fragment: what names a recipient. */
export const DID_PATTERN = '^did:[a-z0-9]+:(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2}|:)*(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})$'
