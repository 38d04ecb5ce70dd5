// Issue 13 "No 500 from any input": whatever is posted to the verifier (random credential-shaped JSON with
// malformed URIs, dates, proofs and status entries; random bodies, images and multipart uploads) gets a 200, 400,
// 413, 415 or 422 with a body, never a 5xx. Property-based (fast-check), against the real app.
import fc from 'fast-check'
import t from 'tap'
import { build } from './helper.js'
import { createTestIssuer } from './helpers/issuer.js'

const V2 = 'https://www.w3.org/ns/credentials/v2'
const V1 = 'https://www.w3.org/2018/credentials/v1'
const OB = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'

// URI-ish strings, many of them malformed in the ways libraries choke on
const uri = fc.oneof(
  fc.constantFrom('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', 'did:key:z', 'did:web:', 'did:web:%zz', 'http://[', 'https://', 'urn:uuid:', '::', '#frag', 'http://a b', 'https://example.com/x#z6Mk', 'did:jwk:eyJ9', '\u0000', 'did:example:123', 'https://127.0.0.1/list', 'data:,x'),
  fc.webUrl(),
  fc.string()
)
const date = fc.oneof(fc.constantFrom('2024-01-01T00:00:00Z', '2024-13-45T99:99:99Z', '1e9', '', '2999-01-01T00:00:00+25:00'), fc.string(), fc.integer(), fc.date({ noInvalidDate: true }).map(d => d.toISOString()))
const types = fc.oneof(fc.constantFrom('VerifiableCredential', 'OpenBadgeCredential', 'EndorsementCredential', 'AchievementCredential', 'VerifiablePresentation'), fc.string())
const typeValue = fc.oneof(types, fc.array(types, { maxLength: 4 }), fc.anything({ maxDepth: 1 }))
const proof = fc.record({
  type: fc.constantFrom('DataIntegrityProof', 'Ed25519Signature2020', 'JsonWebSignature2020', 'x'),
  cryptosuite: fc.constantFrom('eddsa-rdfc-2022', 'ecdsa-rdfc-2019', 'eddsa-2022', 'bbs-2023', 'x'),
  verificationMethod: fc.oneof(uri, fc.record({ id: uri })),
  proofPurpose: fc.constantFrom('assertionMethod', 'authentication', 'x'),
  proofValue: fc.oneof(fc.constantFrom('z', 'z3FXQ', 'u'), fc.string()),
  created: date,
  id: uri,
  previousProof: fc.oneof(uri, fc.array(uri, { maxLength: 2 }), fc.integer())
}, { requiredKeys: [] })
const status = fc.record({
  type: fc.constantFrom('BitstringStatusListEntry', 'StatusList2021Entry', '1EdTechRevocationList', 'x'),
  statusPurpose: fc.constantFrom('revocation', 'suspension', 'message', 'x'),
  statusListIndex: fc.oneof(fc.string(), fc.integer(), fc.constant('99999999999999999999')),
  statusListCredential: uri,
  statusSize: fc.oneof(fc.integer(), fc.string()),
  id: uri
}, { requiredKeys: [] })
const json = fc.jsonValue({ maxDepth: 3 })

const credential = fc.record({
  '@context': fc.oneof(fc.constant([V2]), fc.constant([V2, OB]), fc.constant([V1]), fc.array(fc.oneof(uri, fc.constant(V2), fc.dictionary(fc.string(), json, { maxKeys: 3 })), { maxLength: 3 }), json),
  id: fc.oneof(uri, json),
  type: typeValue,
  issuer: fc.oneof(uri, fc.record({ id: uri, name: fc.string() }, { requiredKeys: [] }), json),
  validFrom: date,
  validUntil: date,
  issuanceDate: date,
  expirationDate: date,
  credentialSubject: fc.oneof(fc.dictionary(fc.string(), json, { maxKeys: 4 }), fc.record({ id: uri, achievement: fc.record({ id: uri, name: fc.string(), endorsement: json }, { requiredKeys: [] }), identifier: json }, { requiredKeys: [] }), json),
  credentialStatus: fc.oneof(status, fc.array(status, { maxLength: 2 }), json),
  proof: fc.oneof(proof, fc.array(proof, { maxLength: 3 }), json),
  endorsement: json,
  evidence: json
}, { requiredKeys: ['@context', 'type'] })

const options = fc.oneof(fc.constant(undefined), fc.record({
  checks: fc.oneof(fc.array(fc.string(), { maxLength: 3 }), json),
  challenge: fc.oneof(fc.string(), json),
  domain: fc.oneof(fc.string(), json),
  recipient: fc.oneof(fc.string(), fc.record({ email: fc.oneof(fc.string(), json), did: fc.oneof(uri, json) }, { requiredKeys: [] }), json),
  requireHolderBinding: json
}, { requiredKeys: [] }))

type App = Awaited<ReturnType<typeof build>>['app']
async function statusOf (app: App, payload: string | Buffer, contentType: string, url = '/credentials/verify'): Promise<number> {
  const res = await app.inject({ method: 'POST', url, headers: { 'content-type': contentType }, payload })
  if (res.statusCode >= 500) throw new Error(`${url} answered ${res.statusCode} for ${String(payload).slice(0, 500)}: ${res.body}`)
  if (res.statusCode >= 400 && res.statusCode !== 422) {
    const body = res.json() as { code?: unknown }
    if (typeof body.code !== 'string') throw new Error(`a ${res.statusCode} without a code: ${res.body}`)
  }
  return res.statusCode
}

t.test('no 500 from any input: random credential-ish JSON, presentations, bodies and uploads', async t => {
  const { app } = await build(t)
  const issuer = await createTestIssuer()
  const seen = new Set<number>()
  await fc.assert(fc.asyncProperty(credential, options, async (vc, opts) => {
    seen.add(await statusOf(app, JSON.stringify({ verifiableCredential: vc, options: opts }), 'application/json'))
  }), { numRuns: 150 })
  // the same, signed for real and then broken: the proof libraries get a well-formed proof over odd content
  await fc.assert(fc.asyncProperty(credential, async vc => {
    let signed: unknown = vc
    try {
      signed = await issuer.sign({ ...vc, proof: undefined })
    } catch {
      // the signing library refused it: post it unsigned
    }
    seen.add(await statusOf(app, JSON.stringify({ verifiableCredential: signed }), 'application/json'))
  }), { numRuns: 40 })
  await fc.assert(fc.asyncProperty(credential, options, fc.option(uri), async (vc, opts, holder) => {
    const vp = { '@context': [V2], type: ['VerifiablePresentation'], ...(holder !== null ? { holder } : {}), verifiableCredential: [vc, JSON.stringify(vc)], proof: vc.proof }
    seen.add(await statusOf(app, JSON.stringify({ verifiablePresentation: vp, options: opts }), 'application/json', '/presentations/verify'))
  }), { numRuns: 60 })
  await fc.assert(fc.asyncProperty(fc.oneof(fc.string(), json.map(v => JSON.stringify(v))), fc.constantFrom('application/json', 'application/jwt', 'text/plain', 'image/png', 'image/svg+xml', 'application/ld+json'), async (body, type) => {
    seen.add(await statusOf(app, body, type))
  }), { numRuns: 100 })
  await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 256 }), async bytes => {
    seen.add(await statusOf(app, Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from(bytes)]), 'image/png'))
  }), { numRuns: 50 })
  // malformed multipart: missing boundary, truncated bodies, a part with no end
  const multipart: Array<[string, string]> = [
    ['multipart/form-data', '--x\r\ncontent-disposition: form-data; name="file"\r\n\r\nabc'],
    ['multipart/form-data; boundary=x', '--x\r\ncontent-disposition: form-data; name="file"; filename="a.png"\r\n\r\n\x89PNG'],
    ['multipart/form-data; boundary=x', '--x\r\ncontent-disposition: form-data; name="options"\r\n\r\n{"a":\r\n--x--\r\n'],
    ['multipart/form-data; boundary=x', 'garbage'],
    ['multipart/form-data; boundary=x', '--x\r\ncontent-disposition: form-data; name="verifiableCredential"\r\n\r\n"{}"\r\n--x--\r\n']
  ]
  for (const [type, body] of multipart) seen.add(await statusOf(app, body, type))
  t.ok([...seen].every(s => s < 500), `statuses seen: ${[...seen].sort().join(', ')}`)
  t.ok(seen.has(422) && seen.has(400), 'both refusals were exercised')
  t.equal((await app.inject('/health/live')).statusCode, 200, 'the service is still up')
})
