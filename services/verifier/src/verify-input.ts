// Entry points shared by the routes and the bench: a parsed input in, a report out.
import type { VerifierDeps } from './deps.js'
import type { ParsedCredential } from './input.js'
import { checkJwtProof, checkJwtTimes } from './jwt.js'
import type { CheckEntry, VerificationReport, VerifyOptions } from './types.js'
import { verifyCredentialDocument } from './verify-credential.js'

/** `carrier`: findings about how the credential came (a baked image's rules, a presentation's holder binding). */
export async function verifyParsed (deps: VerifierDeps, parsed: ParsedCredential, options: VerifyOptions = {}, carrier: CheckEntry[] = []): Promise<VerificationReport> {
  const externalProof = parsed.jwt !== undefined ? await checkJwtProof(deps, parsed.jwt) : undefined
  const jwtValidity = parsed.jwt !== undefined ? checkJwtTimes(parsed.jwt, deps.now(), deps.clockSkewMs) : undefined
  return await verifyCredentialDocument(deps, { credential: parsed.credential, options, externalProof, extraValidity: jwtValidity, carrier: [...(parsed.baking ?? []), ...carrier] })
}
