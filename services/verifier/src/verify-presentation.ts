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
import { confirmKey, HOLDER_ROLE } from './checks/issuer.js'
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

interface HolderOutcome { entries: CheckEntry[]; /** the controllers of the proof keys, when the proof verified */ controllers?: string[] }

const failed = (message: string): HolderOutcome => ({ entries: [{ check: 'presentation', status: 'failure', message }] })

/**
 * The presentation's own proof (authentication purpose, bound to challenge and domain). `holder` is optional
 * (VCDM 2.0 §4.13): without it the proof key must still be listed by its own controller; with it, the holder must
 * be that controller (the `holder` step).
 */
async function holderProof (deps: VerifierDeps, vp: Json, options: VerifyOptions): Promise<HolderOutcome> {
  const holder = idOf(vp.holder)
  const methods = proofMethods(vp)
  if (methods.length === 0) return failed('the presentation has no proof')
  if (options.challenge === undefined) return failed('options.challenge is required to verify a presentation')
  const bindings = await Promise.all(methods.map(vm => confirmKey(deps, vm, holder, 'authentication', HOLDER_ROLE)))
  const unbound = bindings.find(b => !b.ok)
  const binding: CheckEntry = unbound !== undefined && !unbound.ok
    ? { check: 'holder', status: 'failure', message: `the presentation's key is not confirmed: ${unbound.message}` }
    : holder !== undefined
      ? { check: 'holder', status: 'success', message: `the presentation's key is its holder ${holder}'s` }
      : { check: 'holder', status: 'success', message: 'the presentation names no holder; its key is listed by its controller' }
  const allowed = new Set([...methods.map(withoutFragment), ...(holder !== undefined ? [holder] : [])])
  try {
    // The presentation's proof only: the credentials inside are each verified by the full pipeline below.
    const result = await verifyPresentation({ presentation: vp, challenge: options.challenge, domain: options.domain, documentLoader: holderLoader(deps, allowed) })
    const own = (result.results as Array<{ kind?: string; verified?: boolean; error?: { message?: string } }>).filter(r => r.kind === 'presentation')
    const ok = own.length === methods.length && own.every(r => r.verified === true)
    const reason = own.find(r => r.verified !== true)?.error?.message ?? result.error?.message ?? 'no proof matched a supported suite'
    const entry: CheckEntry = { check: 'presentation', status: ok ? 'success' : 'failure', message: ok ? 'the presentation\'s proof is valid for this challenge and domain' : `the presentation's proof is not valid: ${reason}` }
    const controllers = bindings.map(b => (b.ok ? b.controller : undefined)).filter((c): c is string => c !== undefined)
    return { entries: [entry, binding], ...(ok && binding.status === 'success' ? { controllers } : {}) }
  } catch (err) {
    return { entries: [{ check: 'presentation', status: 'failure', message: `the presentation's proof could not be checked: ${errorMessage(err)}` }, binding] }
  }
}

/**
 * Holder binding of one credential: does a subject's DID control the presentation's proof key? A subject with no
 * DID (a hashed email, say) cannot be bound. A warning, or a failure with `options.requireHolderBinding`.
 */
function holderBinding (credential: unknown, controllers: string[] | undefined, require: boolean): CheckEntry {
  const status = require ? 'failure' : 'warning'
  const subjects = isObject(credential) ? asArray(credential.credentialSubject).filter(isObject) : []
  const dids = subjects.map(s => s.id).filter((id): id is string => typeof id === 'string' && id.startsWith('did:'))
  if (dids.length === 0) {
    const hashed = subjects.some(s => asArray(s.identifier).length > 0)
    return { check: 'holder-binding', status, message: `the credential's subject has no DID${hashed ? ' (only a hashed identity)' : ''}: it cannot be bound to the presentation's key` }
  }
  if (controllers === undefined) return { check: 'holder-binding', status, message: `not bound: the presentation's proof did not verify, so ${dids.join(', ')} cannot be shown to hold it` }
  const holderDid = dids.find(did => controllers.includes(did))
  return holderDid !== undefined
    ? { check: 'holder-binding', status: 'success', message: `the subject ${holderDid} controls the presentation's key` }
    : { check: 'holder-binding', status, message: `the credential's subject ${dids.join(', ')} does not control the presentation's key (controlled by ${controllers.join(', ')})` }
}

/** A credential inside a presentation, as an object or a JWS; an EnvelopedVerifiableCredential carries it in a data: URL. */
function innerCredential (item: unknown): unknown {
  return isObject(item) && item.type === 'EnvelopedVerifiableCredential' ? String(item.id ?? '').replace(/^data:[^,]*,/, '') : item
}

export async function verifyPresentationDocument (deps: VerifierDeps, vp: Json, options: VerifyOptions): Promise<VerificationReport & { credentialResults: VerificationReport[] }> {
  const checks: CheckEntry[] = []
  const model = dataModelOf(vp)
  const unknown = unknownContexts(vp)
  if (model === undefined || !typesOf(vp).includes('VerifiablePresentation')) {
    checks.push({ check: 'structure', status: 'failure', message: 'the presentation needs the VC @context first and type VerifiablePresentation' })
  } else if (unknown.length > 0) {
    checks.push({ check: 'structure', status: 'failure', message: `the presentation has an unknown @context ${unknown.join(', ')}: contexts are never fetched` })
  } else {
    checks.push({ check: 'structure', status: 'success', message: 'a VerifiablePresentation' })
  }
  const holder: HolderOutcome = checks[0]?.status === 'success' ? await holderProof(deps, vp, options) : { entries: [] }
  checks.push(...holder.entries)
  const credentialResults: VerificationReport[] = []
  for (const item of asArray(vp.verifiableCredential)) {
    let report: VerificationReport
    const inner = innerCredential(item)
    try {
      const parsed = parseCredentialValue(inner)
      const binding = holderBinding(parsed.credential, holder.controllers, options.requireHolderBinding === true)
      report = await verifyParsed(deps, parsed, { recipient: options.recipient, checks: options.checks }, [binding])
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
  const warnings = credentialResults.flatMap((r, i) => r.warnings.filter(w => w.startsWith('holder-binding:')).map(w => `credential ${i + 1}: ${w}`))
  return { ...toReport(checks, warnings, first), credentialResults }
}
