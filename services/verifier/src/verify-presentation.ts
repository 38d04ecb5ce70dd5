// Presentations (VC-API POST /presentations/verify; VCDM 2.0 §4.13; VC-DATA-INTEGRITY §2.1 challenge/domain):
// the holder's proof (authentication purpose, bound to the verifier's challenge and domain), then every
// credential inside through the full credential pipeline.
import { bundledContexts, errors as documentErrors, type DocumentLoader } from '@obp/documents'
import { verifyPresentation } from '@obp/signing'
import type { VerifierDeps } from './deps.js'
import { NotAPresentationError } from './errors.js'
import { asArray, errorMessage, idOf, isObject, typesOf } from './json.js'
import { parseCredentialValue } from './input.js'
import { proofMethods } from './checks/proof.js'
import { confirmKey } from './checks/issuer.js'
import { dataModelOf, unknownContexts } from './checks/structure.js'
import { toReport } from './report.js'
import type { CheckEntry, Json, VerificationReport, VerifyOptions } from './types.js'
import { verifyParsed } from './verify-input.js'

function withoutFragment (url: string): string {
  return url.includes('#') ? url.slice(0, url.indexOf('#')) : url
}

/**
 * The loader the signing library gets for a presentation: network resolution only for the holder's own key
 * documents. Every other URL (a context above all) is refused without a request (STYLE.md §10).
 */
function holderLoader (deps: VerifierDeps, allowed: Set<string>): DocumentLoader {
  return async (url: string) => {
    if (/^https?:/i.test(url) && !bundledContexts.has(url) && !allowed.has(withoutFragment(url))) throw new documentErrors.UnknownContextError(url)
    return await deps.loader(url)
  }
}

export function readPresentation (value: unknown): Json {
  if (!isObject(value)) throw new NotAPresentationError('expected {verifiablePresentation, options?}')
  if (!('@context' in value) || !('type' in value)) throw new NotAPresentationError('no @context or type')
  return value
}

async function holderProof (deps: VerifierDeps, vp: Json, options: VerifyOptions): Promise<CheckEntry[]> {
  const holder = idOf(vp.holder)
  const methods = proofMethods(vp)
  if (methods.length === 0) return [{ check: 'presentation', status: 'failure', message: 'the presentation has no proof' }]
  if (options.challenge === undefined) return [{ check: 'presentation', status: 'failure', message: 'options.challenge is required to verify a presentation' }]
  const bindings = await Promise.all(methods.map(vm => confirmKey(deps, vm, holder, 'authentication')))
  const unbound = bindings.find(b => !b.ok)
  const binding: CheckEntry = unbound !== undefined && !unbound.ok
    ? { check: 'issuer', status: 'failure', message: `holder: ${unbound.message}` }
    : { check: 'issuer', status: 'success', message: `the presentation key is the holder ${holder ?? ''}'s` }
  const allowed = new Set([...methods.map(withoutFragment), ...(holder !== undefined ? [holder] : [])])
  try {
    // The holder's proof only: the credentials inside are each verified by the full pipeline below.
    const result = await verifyPresentation({ presentation: vp, challenge: options.challenge, domain: options.domain, documentLoader: holderLoader(deps, allowed) })
    const own = (result.results as Array<{ kind?: string; verified?: boolean; error?: { message?: string } }>).filter(r => r.kind === 'presentation')
    const ok = own.length === methods.length && own.every(r => r.verified === true)
    const reason = own.find(r => r.verified !== true)?.error?.message ?? result.error?.message ?? 'no proof matched a supported suite'
    return [{ check: 'presentation', status: ok ? 'success' : 'failure', message: ok ? 'the holder\'s proof is valid for this challenge and domain' : `the holder's proof is not valid: ${reason}` }, binding]
  } catch (err) {
    return [{ check: 'presentation', status: 'failure', message: `the holder's proof could not be checked: ${errorMessage(err)}` }, binding]
  }
}

export async function verifyPresentationDocument (deps: VerifierDeps, vp: Json, options: VerifyOptions): Promise<VerificationReport & { credentialResults: VerificationReport[] }> {
  const checks: CheckEntry[] = []
  const model = dataModelOf(vp)
  const unknown = unknownContexts(vp)
  if (model === undefined || !typesOf(vp).includes('VerifiablePresentation')) {
    checks.push({ check: 'structure', status: 'failure', message: 'a presentation needs the VC @context first and type VerifiablePresentation' })
  } else if (unknown.length > 0) {
    checks.push({ check: 'structure', status: 'failure', message: `unknown @context ${unknown.join(', ')}: contexts are never fetched` })
  } else {
    checks.push({ check: 'structure', status: 'success', message: 'a VerifiablePresentation' })
    checks.push(...await holderProof(deps, vp, options))
  }
  const credentialResults: VerificationReport[] = []
  for (const item of asArray(vp.verifiableCredential)) {
    let report: VerificationReport
    try {
      report = await verifyParsed(deps, parseCredentialValue(isObject(item) && item.type === 'EnvelopedVerifiableCredential' ? String(item.id ?? '').replace(/^data:[^,]*,/, '') : item), { recipient: options.recipient })
    } catch (err) {
      report = toReport([{ check: 'structure', status: 'failure', message: errorMessage(err) }], [], { endorsements: [] })
    }
    credentialResults.push(report)
    const name = report.summary.name ?? report.summary.id ?? 'a credential'
    checks.push(report.verified
      ? { check: 'credential', status: 'success', message: `${name} verified` }
      : { check: 'credential', status: 'failure', message: `${name} did not verify: ${report.errors.join('; ')}` })
  }
  if (credentialResults.length === 0) checks.push({ check: 'credential', status: 'warning', message: 'the presentation carries no credential' })
  const first = credentialResults[0]?.summary ?? { endorsements: [] }
  return { ...toReport(checks, [], first), credentialResults }
}
