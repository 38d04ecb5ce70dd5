// The verification pipeline for one credential, in the order of OB 3.0 §9.1 (Verification):
// structure, schema, proof, issuer binding, validity, status, endorsements, recipient, then the issuer's
// standing in the network (informational). Every step reports
// {check, status, message}; a later step that depends on a failed one is reported as skipped. Endorsements are
// reported but never decide the verdict (./checks/endorsements.ts).
import type { VerifierDeps } from './deps.js'
import { asArray, idOf } from './json.js'
import { checkEndorsements } from './checks/endorsements.js'
import { checkNetwork } from './checks/network.js'
import { checkProofs, type ProofOutcome } from './checks/proof.js'
import { checkRecipient } from './checks/recipient.js'
import { checkSchema } from './checks/schema.js'
import { checkStatus } from './checks/status.js'
import { checkStructure } from './checks/structure.js'
import { checkValidity } from './checks/validity.js'
import { toReport } from './report.js'
import { revocationDetails } from './revocation-details.js'
import { summarize } from './summary.js'
import { assessTrust } from './trust/assess.js'
import type { CheckEntry, Json, NetworkSummary, VerificationReport, VerifyOptions } from './types.js'

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

export async function verifyCredentialDocument (deps: VerifierDeps, input: CredentialInput): Promise<VerificationReport> {
  const doc = input.credential
  const depth = input.depth ?? 0
  const structure = checkStructure(doc, depth > 0 ? ['EndorsementCredential'] : undefined)
  const checks: CheckEntry[] = [structure.entry]
  if (structure.model === undefined) {
    for (const name of ['schema', 'proof', 'issuer', 'validity', 'status'] as const) checks.push(skipped(name, 'not checked: the structure check failed'))
    const report = toReport(checks, structure.warnings, summarize(doc))
    return depth > 0 ? report : await withTrust(deps, doc, report, false)
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
  const endorsements = await checkEndorsements(async (item, d) => await verifyCredentialDocument(deps, { credential: item, depth: d }), doc, depth)
  checks.push(...endorsements.entries)
  const recipient = checkRecipient(doc, input.options?.recipient)
  if (recipient !== undefined) checks.push(recipient)
  // The network's view of the issuer comes last and is informational; asked only about a confirmed issuer.
  const network = depth > 0 ? undefined : trusted ? await checkNetwork(deps, doc, issuerId) : { entry: skipped('network', 'not checked: the proof or issuer check failed') }
  if (network !== undefined) checks.push(network.entry)
  const report = toReport(checks, [...structure.warnings, ...schema.warnings], summarize(doc, endorsements.summaries, network?.network))
  return depth > 0 ? report : await withTrust(deps, doc, report, trusted, network?.network)
}

/** `trust` and the revocation details, computed beside the checks (issue 18): they never change `verified`. */
async function withTrust (deps: VerifierDeps, doc: Json, report: VerificationReport, confirmed: boolean, network?: NetworkSummary): Promise<VerificationReport> {
  const [trust, revocation] = await Promise.all([assessTrust(deps, doc, { confirmed, network }), revocationDetails(deps, doc, report.checks)])
  return { ...report, trust, ...(revocation !== undefined ? { revocation } : {}) }
}
