// The verification pipeline for one credential, in the order of OB 3.0 §9.1 (Verification):
// structure, schema, proof, issuer binding, validity, status, endorsements, recipient. Every step reports
// {check, status, message}; a later step that depends on a failed one is reported as skipped.
import type { VerifierDeps } from './deps.js'
import { asArray, idOf, isObject, stringOf } from './json.js'
import { checkProofs, type ProofOutcome } from './checks/proof.js'
import { checkRecipient } from './checks/recipient.js'
import { checkSchema } from './checks/schema.js'
import { checkStatus } from './checks/status.js'
import { checkStructure } from './checks/structure.js'
import { checkValidity } from './checks/validity.js'
import { toReport } from './report.js'
import { summarize } from './summary.js'
import type { CheckEntry, EndorsementSummary, Json, VerificationReport, VerifyOptions } from './types.js'

// Endorsements may carry endorsements; two levels is all a page shows and bounds the work.
const MAX_ENDORSEMENT_DEPTH = 2

export interface CredentialInput {
  credential: Json
  options?: VerifyOptions
  /** the proof outcome when the proof is not embedded (VC-JWT, see ./jwt.ts) */
  externalProof?: ProofOutcome
  /** a further validity finding (a VC-JWT's exp / nbf) */
  extraValidity?: CheckEntry
  depth?: number
}

function skipped (check: CheckEntry['check'], message: string): CheckEntry {
  return { check, status: 'skipped', message }
}

/** Embedded EndorsementCredentials (OB 3.0 §B.1.6): on the credential, its achievement and its issuer profile. */
function embeddedEndorsements (doc: Json): unknown[] {
  const subject = asArray(doc.credentialSubject).find(isObject)
  const achievement = isObject(subject?.achievement) ? subject.achievement : undefined
  const issuer = isObject(doc.issuer) ? doc.issuer : undefined
  const creator = isObject(achievement?.creator) ? achievement.creator : undefined
  return [doc, achievement, issuer, creator].flatMap(node => (isObject(node) ? asArray(node.endorsement) : []))
}

async function checkEndorsements (deps: VerifierDeps, doc: Json, depth: number): Promise<{ entries: CheckEntry[]; summaries: EndorsementSummary[] }> {
  const found = embeddedEndorsements(doc)
  if (found.length === 0) return { entries: [], summaries: [] }
  if (depth >= MAX_ENDORSEMENT_DEPTH) return { entries: [skipped('endorsement', 'endorsements nested this deep are not checked')], summaries: [] }
  const summaries = await Promise.all(found.map(async (item): Promise<EndorsementSummary> => {
    if (!isObject(item)) return { issuer: {}, verified: false, checks: [{ check: 'structure', status: 'failure', message: 'an endorsement is not an object' }] }
    const report = await verifyCredentialDocument(deps, { credential: item, depth: depth + 1 })
    const subject = asArray(item.credentialSubject).find(isObject)
    const issuer = isObject(item.issuer) ? item.issuer : {}
    return {
      id: stringOf(item.id),
      issuer: { id: idOf(item.issuer), name: stringOf(issuer.name) },
      name: stringOf(item.name),
      comment: stringOf(subject?.endorsementComment),
      verified: report.verified,
      checks: report.checks
    }
  }))
  const entries = summaries.map((s): CheckEntry => {
    const who = `endorsement ${s.id ?? ''} by ${s.issuer.name ?? s.issuer.id ?? 'an unknown issuer'}`
    const failed = s.checks.find(c => c.status === 'failure')
    return s.verified
      ? { check: 'endorsement', status: 'success', message: `${who} verified` }
      : { check: 'endorsement', status: 'failure', message: `${who} did not verify: ${failed ? `${failed.check}: ${failed.message}` : 'no check passed'}` }
  })
  return { entries, summaries }
}

export async function verifyCredentialDocument (deps: VerifierDeps, input: CredentialInput): Promise<VerificationReport> {
  const doc = input.credential
  const depth = input.depth ?? 0
  const structure = checkStructure(doc, depth > 0 ? ['EndorsementCredential'] : undefined)
  const checks: CheckEntry[] = [structure.entry]
  if (structure.model === undefined) {
    for (const name of ['schema', 'proof', 'issuer', 'validity', 'status'] as const) checks.push(skipped(name, 'not checked: the structure check failed'))
    return toReport(checks, structure.warnings, summarize(doc))
  }
  const schema = checkSchema(doc)
  checks.push(schema.entry)
  const issuerId = idOf(doc.issuer) as string
  const proof = input.externalProof ?? (asArray(doc.proof).length === 0
    ? { signatureValid: false, signatureMessage: 'the credential has no proof', bindingValid: false, bindingMessage: 'not checked: no proof' }
    : await checkProofs(deps, doc, issuerId))
  const trusted = proof.signatureValid && proof.bindingValid
  checks.push({ check: 'proof', status: proof.signatureValid ? 'success' : 'failure', message: proof.signatureMessage })
  checks.push({ check: 'issuer', status: proof.bindingValid ? 'success' : 'failure', message: proof.bindingMessage })
  const validity = checkValidity(doc, structure.model, deps.now(), deps.clockSkewMs)
  checks.push(validity.status === 'success' && input.extraValidity !== undefined ? input.extraValidity : validity)
  // A status list is fetched only for a credential whose issuer has been confirmed: nobody can make this
  // service fetch a URL by sending an unsigned or forged document.
  const status = trusted ? await checkStatus(deps, doc, issuerId) : [skipped('status', 'not checked: the proof or issuer check failed')]
  checks.push(...status)
  const endorsements = await checkEndorsements(deps, doc, depth)
  checks.push(...endorsements.entries)
  const recipient = checkRecipient(doc, input.options?.recipient)
  if (recipient !== undefined) checks.push(recipient)
  return toReport(checks, [...structure.warnings, ...schema.warnings], summarize(doc, endorsements.summaries))
}
