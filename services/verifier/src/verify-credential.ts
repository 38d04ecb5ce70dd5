// The verification pipeline for one credential. The generic checks run for every VCDM 2.0 / 1.1 credential
// (structure, proof, issuer binding, validity, status); the Open Badges checks of OB 3.0 §9.1 (schema,
// endorsements, recipient, the issuer's standing in the network) run when it claims an OB type, and the report
// names the profile that was checked. Every step reports {check, status, message}; a later step that depends on a
// failed one, or one the caller left out of `options.checks` (VCALM), is reported as skipped. Endorsements are
// reported but never decide the verdict (./checks/endorsements.ts).
import { issuerDependentTerms } from '@obp/signing'
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
import type { CheckEntry, CheckName, Json, NetworkSummary, VerificationReport, VerifyOptions } from './types.js'

export interface CredentialInput {
  credential: Json
  options?: VerifyOptions
  /** the proof outcome when the proof is not embedded (VC-JWT, see ./jwt.ts) */
  externalProof?: ProofOutcome
  /** a further validity finding (a VC-JWT's exp / nbf) */
  extraValidity?: CheckEntry
  /** findings about how the credential was carried (a baked image's rules, a presentation's holder binding) */
  carrier?: CheckEntry[]
  depth?: number
}

function skipped (check: CheckName, message: string): CheckEntry {
  return { check, status: 'skipped', message }
}

const NOT_ASKED = 'not requested in options.checks'
const NO_PROOF: ProofOutcome = { signatureValid: false, signatureMessage: 'the credential has no proof', bindingValid: false, bindingMessage: 'not checked: no proof' }

export async function verifyCredentialDocument (deps: VerifierDeps, input: CredentialInput): Promise<VerificationReport> {
  const doc = input.credential
  const depth = input.depth ?? 0
  const options = input.options ?? {}
  const wanted = (name: CheckName): boolean => options.checks === undefined || options.checks.includes(name)
  const structure = checkStructure(doc, depth > 0 ? ['EndorsementCredential'] : undefined)
  const { profile } = structure
  const ob = profile === 'openbadges'
  const checks: CheckEntry[] = [structure.entry, ...(input.carrier ?? [])]
  if (structure.model === undefined) {
    for (const name of [...(ob ? ['schema'] as const : []), 'proof', 'issuer', 'validity', 'status'] as const) checks.push(skipped(name, 'not checked: the structure check failed'))
    const report = toReport(checks, structure.warnings, summarize(doc), profile)
    return depth > 0 ? report : await withTrust(deps, doc, report, false)
  }
  const warnings = [...structure.warnings]
  // VCDM 2.0 §5.2: terms only the v2 @vocab defines are valid, and named. Only for generic credentials: an Open
  // Badge's terms come from the OB context, and its hot path is not slowed by a second JSON-LD expansion.
  if (!ob && structure.model === 'v2') {
    const terms = await issuerDependentTerms(doc, { documentLoader: deps.loader })
    if (terms.length > 0) warnings.push(`issuer-dependent terms (defined only by the VC v2 context's @vocab, VCDM 2.0 §5.2): ${terms.join(', ')}`)
  }
  if (ob) {
    const schema = wanted('schema') ? checkSchema(doc) : { entry: skipped('schema', NOT_ASKED), warnings: [] }
    checks.push(schema.entry)
    warnings.push(...schema.warnings)
  }
  const issuerId = idOf(doc.issuer) as string
  const proof = input.externalProof ?? (asArray(doc.proof).length === 0 ? NO_PROOF : await checkProofs(deps, doc, issuerId))
  // The key-to-issuer binding is the issuer check's (VCALM); OB 3.0 requires it, so it is on unless left out.
  const trusted = proof.signatureValid && (proof.bindingValid || !wanted('issuer'))
  checks.push(wanted('proof') ? { check: 'proof', status: proof.signatureValid ? 'success' : 'failure', message: proof.signatureMessage } : skipped('proof', NOT_ASKED))
  checks.push(wanted('issuer') ? { check: 'issuer', status: proof.bindingValid ? 'success' : 'failure', message: proof.bindingMessage } : skipped('issuer', NOT_ASKED))
  const validity = checkValidity(doc, structure.model, deps.now(), deps.clockSkewMs, input.externalProof === undefined)
  checks.push(!wanted('validity') ? skipped('validity', NOT_ASKED) : validity.status === 'success' && input.extraValidity !== undefined ? input.extraValidity : validity)
  // A status list is fetched only for a credential whose signature (and, when asked, issuer) has been confirmed:
  // nobody can make this service fetch a URL by sending an unsigned or forged document.
  if (!wanted('status')) checks.push(skipped('status', NOT_ASKED))
  else checks.push(...(trusted ? await checkStatus(deps, doc, issuerId) : [skipped('status', 'not checked: the proof or issuer check failed')]))
  const endorsements = ob && wanted('endorsement')
    ? await checkEndorsements(async (item, d) => await verifyCredentialDocument(deps, { credential: item, depth: d }), doc, depth)
    : { entries: ob ? [skipped('endorsement', NOT_ASKED)] : [], summaries: [] }
  checks.push(...endorsements.entries)
  if (options.recipient !== undefined) checks.push(wanted('recipient') ? checkRecipient(doc, options.recipient)! : skipped('recipient', NOT_ASKED))
  // The network's view of the issuer comes last and is informational; asked only about a confirmed issuer.
  const network = !ob || depth > 0
    ? undefined
    : !wanted('network') ? { entry: skipped('network', NOT_ASKED) } : trusted ? await checkNetwork(deps, doc, issuerId) : { entry: skipped('network', 'not checked: the proof or issuer check failed') }
  if (network !== undefined) checks.push(network.entry)
  const report = toReport(checks, warnings, summarize(doc, endorsements.summaries, network?.network), profile)
  return depth > 0 ? report : await withTrust(deps, doc, report, trusted, network?.network)
}

/** `trust` and the revocation details, computed beside the checks (docs: ARCHITECTURE.md, trust): they never change `verified`. */
async function withTrust (deps: VerifierDeps, doc: Json, report: VerificationReport, confirmed: boolean, network?: NetworkSummary): Promise<VerificationReport> {
  const [trust, revocation] = await Promise.all([assessTrust(deps, doc, { confirmed, network }), revocationDetails(deps, doc, report.checks)])
  return { ...report, trust, ...(revocation !== undefined ? { revocation } : {}) }
}
