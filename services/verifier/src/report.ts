// Turning the step log into the response (CONTRACT.md "Verifier service"; VC-API problemDetails with the
// VCDM 2.0 §7.1 / Bitstring Status List v1.0 §3.3 error types).
import type { CheckEntry, CheckName, DisplaySummary, ProblemEntry, Profile, VerificationReport } from './types.js'

const VCDM = 'https://www.w3.org/TR/vc-data-model#'
const PROBLEM_TYPES: Partial<Record<CheckName, string>> = {
  structure: VCDM + 'PARSING_ERROR',
  baking: VCDM + 'PARSING_ERROR',
  schema: VCDM + 'MALFORMED_VALUE_ERROR',
  proof: VCDM + 'CRYPTOGRAPHIC_SECURITY_ERROR',
  issuer: VCDM + 'CRYPTOGRAPHIC_SECURITY_ERROR',
  presentation: VCDM + 'CRYPTOGRAPHIC_SECURITY_ERROR',
  holder: VCDM + 'CRYPTOGRAPHIC_SECURITY_ERROR',
  validity: VCDM + 'RANGE_ERROR',
  status: 'https://www.w3.org/ns/credentials/status-list#STATUS_VERIFICATION_ERROR'
}

const TITLES: Partial<Record<CheckName, string>> = {
  structure: 'Not a well-formed verifiable credential',
  schema: 'Does not conform to the OB 3.0 schema',
  proof: 'Invalid proof',
  issuer: 'The signing key is not the issuer\'s',
  validity: 'Outside its validity period',
  status: 'Status check failed',
  endorsement: 'An endorsement did not verify',
  recipient: 'Not issued to this recipient',
  presentation: 'Invalid presentation',
  holder: 'The presentation\'s key is not its holder\'s',
  credential: 'A credential in the presentation did not verify',
  baking: 'The badge image breaks the OB 3.0 baking rules',
  'holder-binding': 'The credential is not bound to the presentation\'s holder'
}

export function toReport (checks: CheckEntry[], warnings: string[], summary: DisplaySummary, profile?: Profile): VerificationReport {
  const failures = checks.filter(c => c.status === 'failure')
  const verified = failures.length === 0 && checks.some(c => c.status === 'success')
  const allWarnings = [...warnings, ...checks.filter(c => c.status === 'warning').map(c => `${c.check}: ${c.message}`)]
  const report: VerificationReport = {
    verified,
    ...(profile !== undefined ? { profile } : {}),
    checks,
    warnings: allWarnings,
    errors: failures.map(c => `${c.check}: ${c.message}`),
    summary
  }
  if (!verified) {
    report.problemDetails = failures.map((c): ProblemEntry => ({
      type: PROBLEM_TYPES[c.check] ?? `urn:obp:verifier:${c.check}`,
      title: TITLES[c.check] ?? `The ${c.check} check failed`,
      detail: c.message
    }))
  }
  return report
}
