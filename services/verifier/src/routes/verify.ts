// POST /credentials/verify (also `{credentialUrl}`), POST /credentials/verify-url (CONTRACT.md "Verifier service"): the route only reads
// the input; the pipeline decides. verified → 200, not verified → 422, not a credential → 400 (thrown).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { VerifierDeps } from '../deps.js'
import { fetchCredentialLink } from '../credential-link.js'
import { docSchema } from './doc-schema.js'
import { answer, problems } from '@obp/service-kit'
import { OPTIONS_DOC, REPORT_EXAMPLE, VerificationReportSchema } from './report-schema.js'
import { NotACredentialError } from '../errors.js'
import { parseBadgeImage, parseCredentialValue, parseJsonText, parseUpload, type ParsedCredential } from '../input.js'
import { errorMessage, isObject, stringOf } from '../json.js'
import { readOptions } from '../options.js'
import type { VerificationReport, VerifyOptions } from '../types.js'
import { countOutcome } from '../outcome-metrics.js'

/** Runs the pipeline on a parsed input: in a verification thread (../verify-pool.ts) or on this one. */
export type VerifyParsed = (parsed: ParsedCredential, options: VerifyOptions) => Promise<VerificationReport>
export interface VerifyRoutesOptions { deps: VerifierDeps; bodyLimit: number; verify: VerifyParsed }

const REPORT_DOC = 'Any VCDM 2.0 or 1.1 credential is verified; the Open Badges checks are added when it claims an OB type (`profile`). ' +
  'The answer: the step log (`checks`), `warnings`, `errors`, a display `summary`, `trust` (who stands behind the issuer, apart from `verified`), `revocation` (date and published reason of a revoked credential) and, when not verified, VC-API `problemDetails`. ' +
  '400 only when the input is not a credential at all (not JSON, a JSON string instead of an object, no @context or type, an image with no baked credential); ' +
  'anything credential-shaped that fails a check is 422. ' + OPTIONS_DOC
const REPORT_RESPONSES = {
  200: answer('Verified: the report, `verified: true`', { ...VerificationReportSchema, examples: [REPORT_EXAMPLE] }),
  422: answer('Credential-shaped but not verified (a check failed): the same report with `verified: false` and `problemDetails`', VerificationReportSchema),
  ...problems([400, 413, 415], {
    400: 'Not a credential at all (not JSON, no @context or type, an image with no baked credential): OBP_VERIFIER_NOT_A_CREDENTIAL',
    413: 'The body or the fetched document is larger than VERIFY_BODY_LIMIT',
    415: 'A media type other than JSON, JWT, PNG, SVG or multipart'
  })
}

// The accepted bodies, described without constraints: the handler reads each shape itself (a bare credential
// object is accepted too), so validation here would only refuse what the pipeline reports better.
const VERIFY_OPTIONS = { description: OPTIONS_DOC, examples: [{ checks: ['proof', 'status'], recipient: { email: 'ada@example.org' } }] }
const VERIFY_BODY = {
  content: {
    'application/json': {
      schema: {
        description: 'VC-API `{verifiableCredential, options?}`, `{credentialUrl, options?}`, or a bare credential object',
        properties: {
          verifiableCredential: { description: 'the credential: an object (Data Integrity proof) or a compact JWS string (VC-JWT)' },
          credentialUrl: { description: 'a link to a credential (JSON, JWT or baked image), fetched through the SSRF-guarded fetcher' },
          options: VERIFY_OPTIONS
        }
      }
    },
    'application/jwt': { schema: { description: 'a compact JWS (VC-JWT); also application/vc+jwt', contentMediaType: 'application/jwt' } },
    'image/png': { schema: { description: 'a baked badge: the credential in an iTXt chunk `openbadgecredential` (OB 3.0 §5.3.1)', contentMediaType: 'image/png' } },
    'image/svg+xml': { schema: { description: 'a baked badge: the credential in `<openbadges:credential>` (OB 3.0 §5.3.2)', contentMediaType: 'image/svg+xml' } },
    'multipart/form-data': {
      schema: {
        description: 'an upload: the file (JSON, JWT, PNG or SVG) in any file field, or the credential in field `verifiableCredential`; `options` as a JSON field',
        properties: { file: { description: 'the credential file', contentMediaType: 'application/octet-stream' }, verifiableCredential: {}, options: { description: 'JSON text of the options' } }
      }
    }
  }
}

export function send (reply: FastifyReply, report: VerificationReport): FastifyReply {
  countOutcome(reply.server, report)
  return reply.code(report.verified ? 200 : 422).send(report)
}

/** A multipart body the parser cannot read (truncated, no boundary, too many parts) is the client's 400. */
async function readMultipart (request: FastifyRequest): Promise<{ parsed: ParsedCredential; options: VerifyOptions }> {
  try {
    return await readParts(request)
  } catch (err) {
    const status = (err as { statusCode?: unknown }).statusCode
    if (typeof status === 'number' && status >= 400 && status < 500) throw err
    throw new NotACredentialError(`the multipart upload could not be read: ${errorMessage(err)}`)
  }
}

async function readParts (request: FastifyRequest): Promise<{ parsed: ParsedCredential; options: VerifyOptions }> {
  let parsed: ParsedCredential | undefined
  let options: VerifyOptions = {}
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      parsed ??= parseUpload(await part.toBuffer(), part.mimetype)
    } else if (part.fieldname === 'options' && typeof part.value === 'string' && part.value.trim() !== '') {
      options = readOptions(parseJsonText(part.value))
    } else if (part.fieldname === 'verifiableCredential' && typeof part.value === 'string' && part.value.trim() !== '') {
      parsed ??= parseUpload(Buffer.from(part.value))
    }
  }
  if (parsed === undefined) throw new NotACredentialError('the upload carries no file and no verifiableCredential field')
  return { parsed, options }
}

/** Every accepted body shape, to one parsed credential. */
async function readBody (deps: VerifierDeps, bodyLimit: number, request: FastifyRequest): Promise<{ parsed: ParsedCredential; options: VerifyOptions }> {
  const type = request.headers['content-type'] ?? ''
  if (request.isMultipart()) return await readMultipart(request)
  const body = request.body
  if (Buffer.isBuffer(body)) return { parsed: parseBadgeImage(body, /svg/.test(type) ? 'svg' : 'png'), options: {} }
  if (typeof body === 'string') return { parsed: parseCredentialValue(body), options: {} }
  if (!isObject(body)) throw new NotACredentialError('expected {verifiableCredential, options?}')
  // VC-API shape; a bare credential object is accepted too
  if ('verifiableCredential' in body) return { parsed: parseCredentialValue(body.verifiableCredential), options: readOptions(body.options) }
  if ('credentialUrl' in body) return { parsed: await fetchCredentialLink(deps, stringOf(body.credentialUrl) ?? '', bodyLimit), options: readOptions(body.options) }
  return { parsed: parseCredentialValue(body), options: {} }
}

export default async function verifyRoutes (app: FastifyInstance, opts: VerifyRoutesOptions): Promise<void> {
  const { deps, bodyLimit, verify } = opts

  app.post('/credentials/verify', {
    bodyLimit,
    schema: {
      ...docSchema({
        summary: 'Verify a credential (VC-API)',
        description: 'Body: `{verifiableCredential, options?}` (an object or a compact JWS), `{credentialUrl, options?}` (a link to fetch: JSON, JWT or a baked image), a baked badge (`image/png`, `image/svg+xml`, read strictly by the OB 3.0 baking rules: the `baking` check) or a multipart upload. ' + REPORT_DOC,
        tags: ['verify']
      }),
      body: VERIFY_BODY,
      response: REPORT_RESPONSES
    }
  }, async (request, reply) => {
    const { parsed, options } = await readBody(deps, bodyLimit, request)
    return send(reply, await verify(parsed, options))
  })

  app.post('/credentials/verify-url', {
    bodyLimit: 16 * 1024,
    schema: {
      ...docSchema({
        summary: 'Fetch a credential link (through the SSRF-guarded fetcher) and verify it; the same as `POST /credentials/verify` `{credentialUrl}`',
        description: 'Body: `{url, options?}`. The link may answer JSON, a compact JWS, or a baked PNG/SVG. ' + REPORT_DOC,
        tags: ['verify']
      }),
      body: { properties: { url: { description: 'the credential link (https, public address; or this platform\'s own URLs)' }, options: VERIFY_OPTIONS }, examples: [{ url: 'https://issuer.example/credentials/6b1e4f0a-7c41-4b7e-9d4a-2f3c8e1b5a90' }] },
      response: REPORT_RESPONSES
    }
  }, async (request, reply) => {
    const body = request.body
    const parsed = await fetchCredentialLink(deps, (isObject(body) ? stringOf(body.url) : undefined) ?? '', bodyLimit)
    return send(reply, await verify(parsed, readOptions(isObject(body) ? body.options : undefined)))
  })
}
