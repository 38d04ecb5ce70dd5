// The step log of a verification (CONTRACT.md "Verifier service": `checks`).
export type CheckName = 'structure' | 'schema' | 'proof' | 'issuer' | 'validity' | 'status' | 'endorsement' |
'network' | 'recipient' | 'presentation' | 'holder' | 'credential' | 'baking' | 'holder-binding'
/** `vc`: the generic VCDM checks only; `openbadges`: the credential claims an OB type, so the OB 3.0 checks ran too. */
export type Profile = 'vc' | 'openbadges'
export type CheckStatus = 'success' | 'failure' | 'warning' | 'skipped'

export interface CheckEntry { check: CheckName; status: CheckStatus; message: string }

export type Json = Record<string, unknown>

export interface EndorsementSummary {
  id?: string
  issuer: { id?: string; name?: string }
  name?: string
  comment?: string
  /** what the endorsement is about (its credentialSubject.id) */
  subjectId?: string
  /** where it was embedded */
  on: 'credential' | 'achievement' | 'issuer' | 'creator'
  /** its own verification passed */
  verified: boolean
  /** verified and about this credential, its issuer or its achievement: it counts as an endorsement */
  counted: boolean
  /** why it is (not) counted: revoked / bad proof / issuer not bound / expired / ... */
  reason: string
  checks: CheckEntry[]
}

/** A network member endorsing the issuer or the achievement (the issuer service's GET /network/trust). */
export interface NetworkEndorser {
  /** the endorser's Profile id (DID) */
  id: string
  issuerId?: string
  name?: string
  endorsementId?: string
  /** the EndorsementCredential's id */
  url?: string
  subjectId?: string
  subjectKind: 'achievement' | 'profile'
  since?: string
  accepted: boolean
}

export interface NetworkSummary { member: boolean; since?: string; endorsedBy: NetworkEndorser[]; /** the network's name */ name?: string }

/** What a person needs to see (the page shows it; integrations may too). */
export interface DisplaySummary {
  id?: string
  type?: string[]
  name?: string
  achievement?: { id?: string; name?: string; description?: string; criteria?: string; image?: string }
  issuer?: { id?: string; name?: string; url?: string; image?: string }
  recipient?: { id?: string; name?: string; identifiers?: Array<{ identityType?: string; hashed?: boolean; value?: string }> }
  validFrom?: string
  validUntil?: string
  image?: string
  endorsements: EndorsementSummary[]
  /** the issuer's standing in the platform's network, when the issuer service answered */
  network?: NetworkSummary
}

export interface ProblemEntry { type: string; title: string; detail: string }

export interface VerificationReport {
  verified: boolean
  /** absent on a presentation's own report (its credentialResults carry theirs) */
  profile?: Profile
  checks: CheckEntry[]
  warnings: string[]
  errors: string[]
  summary: DisplaySummary
  problemDetails?: ProblemEntry[]
  /** who stands behind the issuer (./trust/assess.ts), apart from `verified` */
  trust?: Trust
  /** when the status check found the credential revoked: what its issuer published (./trust/revocation.ts) */
  revocation?: RevocationDetails
}

/** CONTRACT.md "Verifier service": `trust`. `domainLinkage` says why the website is (not) confirmed. */
export interface Trust {
  level: 'network-member' | 'endorsed' | 'unknown'
  network?: { name: string; memberSince: string }
  endorsedBy?: Array<{ id: string; name: string; subject: 'achievement' | 'profile'; since?: string }>
  issuer: { id: string; name: string; url?: string; domainLinked: boolean; domainLinkage: string }
}

/** The revocation service's public record of a set bit: when, and the reason when the issuer published one. */
export interface RevocationDetails { revokedAt?: string; reason?: string }

export interface RecipientOption { email?: string; did?: string; sourcedId?: string; url?: string; phone?: string }
export interface VerifyOptions {
  recipient?: RecipientOption
  challenge?: string
  domain?: string
  /** VCALM `options.checks`: only these run (structure always does); the others are reported as skipped */
  checks?: CheckName[]
  /** presentations: a credential not bound to the presentation's holder key fails instead of warning */
  requireHolderBinding?: boolean
}
