// OpenBadgeCredential and EndorsementCredential builders (OB 3.0 §B.1.2 AchievementCredential,
// §B.2.1 EndorsementCredential; VCDM 2.0 §4). They return unsigned credentials; @obp/signing adds `proof`.
import { buildAlignment } from './build-achievement.js'
import { optionalArray, pick, requireObject, requireString, validityPeriod } from './build-util.js'
import {
  OB_CREDENTIAL_CONTEXTS, OB_ENDORSEMENT_SCHEMA_URL, OB_SCHEMA_URL, OB_SCHEMA_VALIDATOR_TYPE
} from './constants.js'
import { InvalidArgumentError } from './errors.js'
import { DID_PATTERN } from './vocab.js'
import { recipientIdentity } from './identity.js'
import type { EvidenceInput, ResultInput } from './input-schemas.js'
import type {
  Achievement, AchievementSubject, CredentialStatus, EndorsementCredential, Evidence, OpenBadgeCredential,
  Profile, Recipient, Result
} from './types.js'

const DID = new RegExp(DID_PATTERN)

export interface BuildOpenBadgeCredentialOptions {
  id: string
  issuer: Profile
  achievement: Achievement
  recipient: Recipient
  validFrom?: string
  validUntil?: string
  /** Defaults to the achievement's name. */
  name?: string
  evidence?: Array<EvidenceInput | Evidence>
  result?: Array<ResultInput | Result>
  credentialStatus?: object
  /** Signed EndorsementCredentials to embed (OB 3.0 AchievementCredential `endorsement`). */
  endorsement?: object[]
  /** Salt for the hashed recipient identity; a fresh random one by default. */
  salt?: string
}

function buildSubject (recipient: Recipient, achievement: Achievement, salt: string | undefined): AchievementSubject {
  requireObject(recipient, 'recipient')
  const subject: AchievementSubject = { type: ['AchievementSubject'], achievement }
  if ('did' in recipient && recipient.did !== undefined) {
    // OB 3.0 §B.1.3: the recipient's DID is the subject `id`.
    if (typeof recipient.did !== 'string' || !DID.test(recipient.did)) throw new InvalidArgumentError('"recipient.did" must be a DID.')
    subject.id = recipient.did
  } else {
    const identity = recipientIdentity(recipient, salt)
    if (identity === undefined) throw new InvalidArgumentError('"recipient" needs one of "email", "did", "sourcedId".')
    subject.identifier = [identity]
  }
  if (recipient.name !== undefined) subject.name = requireString(recipient.name, 'recipient.name')
  return subject
}

const RESULT_KEYS = ['resultDescription', 'value', 'status', 'achievedLevel'] as const

/** Results, checked against the achievement's ResultDescriptions (OB 3.0 §B.1.19: the link must resolve). */
function buildResults (list: Array<ResultInput | Result>, achievement: Achievement): Result[] {
  const descriptions = new Map((achievement.resultDescription ?? []).map((rd) => [rd.id, rd]))
  return list.map((input, i) => {
    requireObject(input, `result[${i}]`)
    const result: Result = { type: ['Result'], ...pick(input as ResultInput, RESULT_KEYS) } as Result
    if (result.resultDescription !== undefined) {
      const rd = descriptions.get(result.resultDescription)
      if (rd === undefined) throw new InvalidArgumentError(`"result[${i}].resultDescription" is not a resultDescription of the achievement.`)
      // OB 3.0 §B.1.19 status: "Required if resultType of the linked ResultDescription is Status".
      if (rd.resultType === 'Status' && result.status === undefined) throw new InvalidArgumentError(`"result[${i}].status" is required by its resultDescription.`)
      if (rd.allowedValue !== undefined && result.value !== undefined && !rd.allowedValue.includes(result.value)) {
        throw new InvalidArgumentError(`"result[${i}].value" is not an allowedValue of its resultDescription.`)
      }
    }
    const alignment = optionalArray(input.alignment, `result[${i}].alignment`)
    if (alignment !== undefined) result.alignment = alignment.map((a, j) => buildAlignment(a, `result[${i}].alignment[${j}]`))
    return result
  })
}

const EVIDENCE_KEYS = ['id', 'name', 'description', 'narrative', 'genre', 'audience'] as const

function buildEvidence (list: Array<EvidenceInput | Evidence>): Evidence[] {
  return list.map((input, i) => ({ type: ['Evidence'], ...pick(requireObject(input, `evidence[${i}]`) as EvidenceInput, EVIDENCE_KEYS) }))
}

function checkStatus (status: object | undefined): CredentialStatus | undefined {
  if (status === undefined) return undefined
  requireObject(status, 'credentialStatus')
  requireString((status as { type?: unknown }).type, 'credentialStatus.type')
  return status as CredentialStatus
}

/**
 * An unsigned OpenBadgeCredential: contexts VCDM 2.0, OB 3.0.3, OB extensions (in that order), `credentialSchema`
 * as an array naming the official schema, and the recipient as a DID or a salted, hashed IdentityObject.
 */
export function buildOpenBadgeCredential (opts: BuildOpenBadgeCredentialOptions): OpenBadgeCredential {
  requireObject(opts, 'opts')
  const issuer = requireObject(opts.issuer, 'issuer')
  requireString(issuer.id, 'issuer.id')
  const achievement = requireObject(opts.achievement, 'achievement')
  requireString(achievement.id, 'achievement.id')
  const credentialSubject = buildSubject(opts.recipient, achievement, opts.salt)
  const results = optionalArray(opts.result, 'result')
  if (results !== undefined) credentialSubject.result = buildResults(results, achievement)
  const credential: OpenBadgeCredential = {
    '@context': [...OB_CREDENTIAL_CONTEXTS],
    id: requireString(opts.id, 'id'),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: opts.name === undefined ? requireString(achievement.name, 'achievement.name') : requireString(opts.name, 'name'),
    issuer,
    ...validityPeriod(opts.validFrom, opts.validUntil),
    credentialSubject,
    credentialSchema: [{ id: OB_SCHEMA_URL, type: OB_SCHEMA_VALIDATOR_TYPE }]
  }
  const evidence = optionalArray(opts.evidence, 'evidence')
  if (evidence !== undefined) credential.evidence = buildEvidence(evidence)
  const credentialStatus = checkStatus(opts.credentialStatus)
  if (credentialStatus !== undefined) credential.credentialStatus = credentialStatus
  const endorsement = optionalArray(opts.endorsement, 'endorsement')
  if (endorsement !== undefined) credential.endorsement = endorsement.map((e, i) => requireObject(e, `endorsement[${i}]`) as EndorsementCredential)
  return credential
}

export interface BuildEndorsementCredentialOptions {
  id: string
  issuer: Profile
  /** The endorsed Achievement or Profile id. */
  subjectId: string
  comment?: string
  /** Defaults to "Endorsement by <issuer name>". */
  name?: string
  validFrom?: string
  validUntil?: string
  credentialStatus?: object
}

/** An unsigned EndorsementCredential (OB 3.0 §B.2.1) with an EndorsementSubject `{id, type, endorsementComment}`. */
export function buildEndorsementCredential (opts: BuildEndorsementCredentialOptions): EndorsementCredential {
  requireObject(opts, 'opts')
  const issuer = requireObject(opts.issuer, 'issuer')
  requireString(issuer.id, 'issuer.id')
  const credential: EndorsementCredential = {
    '@context': [...OB_CREDENTIAL_CONTEXTS],
    id: requireString(opts.id, 'id'),
    type: ['VerifiableCredential', 'EndorsementCredential'],
    name: opts.name === undefined ? `Endorsement by ${issuer.name ?? issuer.id}` : requireString(opts.name, 'name'),
    issuer,
    ...validityPeriod(opts.validFrom, opts.validUntil),
    credentialSubject: { id: requireString(opts.subjectId, 'subjectId'), type: ['EndorsementSubject'] },
    credentialSchema: [{ id: OB_ENDORSEMENT_SCHEMA_URL, type: OB_SCHEMA_VALIDATOR_TYPE }]
  }
  if (opts.comment !== undefined) credential.credentialSubject.endorsementComment = requireString(opts.comment, 'comment')
  const credentialStatus = checkStatus(opts.credentialStatus)
  if (credentialStatus !== undefined) credential.credentialStatus = credentialStatus
  return credential
}
