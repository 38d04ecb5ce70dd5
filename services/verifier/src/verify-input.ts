// Entry points shared by the routes and the bench: a parsed input in, a report out.
import type { VerifierDeps } from './deps.js'
import type { ParsedCredential } from './input.js'
import { checkJwtProof, checkJwtTimes } from './jwt.js'
import { profileOf } from './checks/structure.js'
import { errorMessage } from './json.js'
import { toReport } from './report.js'
import { summarize } from './summary.js'
import type { CheckEntry, VerificationReport, VerifyOptions } from './types.js'
import { verifyCredentialDocument } from './verify-credential.js'

/** `carrier`: findings about how the credential came (a baked image's rules, a presentation's holder binding). */
export async function verifyParsed (deps: VerifierDeps, parsed: ParsedCredential, options: VerifyOptions = {}, carrier: CheckEntry[] = []): Promise<VerificationReport> {
  try {
    const externalProof = parsed.jwt !== undefined ? await checkJwtProof(deps, parsed.jwt) : undefined
    const jwtValidity = parsed.jwt !== undefined ? checkJwtTimes(parsed.jwt, deps.now(), deps.clockSkewMs) : undefined
    return await verifyCredentialDocument(deps, { credential: parsed.credential, options, externalProof, extraValidity: jwtValidity, carrier: [...(parsed.baking ?? []), ...carrier] })
  } catch (err) {
    // A library that throws on odd input (a TypeError on a malformed URI, say) has met a credential-shaped document
    // it cannot process: that is a failed verification (422), never a 500 (issue 13 "No 500 from any input").
    const entry: CheckEntry = { check: 'structure', status: 'failure', message: `the credential could not be processed: ${errorMessage(err)}` }
    return toReport([entry], [], summarize(parsed.credential), profileOf(parsed.credential))
  }
}
