// Generators of the credential shapes the platform produces (differential tests, docs/decisions/0002-compiled-canonicalization.md): OB 3.0 credentials from
// @obp/ob3's builders, EndorsementCredentials, and BitstringStatusListCredentials (the exact output of
// @obp/status buildStatusListCredential, rebuilt here because @obp/status depends on this package).
import fc from 'fast-check'
import { buildAchievement, buildEndorsementCredential, buildOpenBadgeCredential, buildProfile, ACHIEVEMENT_TYPES, type Recipient } from '@obp/ob3'

// Every string may carry N-Quads escapes (RDF 1.1 N-Quads §2.4: quote, backslash, newline, CR, tab, control
// characters), surrogate pairs, lone surrogates, and texts that look like IRIs, compact IRIs, keywords or blank nodes.
const special = fc.constantFrom('"', '\\', '\n', '\r', '\t', '\u0000', '\u0008', '\u000c', '\u001f', '\u007f', '\u2028',
  '😀', '\ud800', '\udfff', 'é', 'e\u0301', 'urn:x', 'xsd:string', 'schema:name', '@id', '_:b0', 'https://x.example/a b', '<>')
export const text = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 5 }), special), { maxLength: 5 }).map(parts => 'x' + parts.join(''))

const host = fc.constantFrom('example.edu', 'issuer.example', 'localhost:3001', 'xn--bcher-kva.example')
const path = fc.array(fc.constantFrom('a', 'b-c', '%20', '~x', 'q?y=1', 'f#g', '(1)', "it's"), { maxLength: 3 }).map(p => p.join('/'))
/** Mostly IRIs of the safe forms, rarely one the fast path must refuse (test 'values expansion could treat specially' has more). */
export const iri = fc.oneof(
  { weight: 40, arbitrary: fc.tuple(fc.constantFrom('https', 'http'), host, path).map(([s, h, p]) => `${s}://${h}/${p}`) },
  { weight: 20, arbitrary: fc.uuid().map(u => `urn:uuid:${u}`) },
  { weight: 5, arbitrary: fc.constantFrom('did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi', 'did:web:issuer.example%3A3001:issuers:1') },
  { weight: 2, arbitrary: fc.constantFrom('data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'data:image/svg+xml,%3Csvg%20xmlns=%22http://www.w3.org/2000/svg%22/%3E') },
  { weight: 1, arbitrary: fc.constantFrom('ex:thing', 'urn:isbn:123', 'data:text/plain,a b', 'data:,x#y') }
)
export const date = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2025, 0, 1) }).map(ms => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'))

const profile = fc.record({ id: iri, name: text, url: fc.option(iri, { nil: undefined }), email: fc.option(text, { nil: undefined }), description: fc.option(text, { nil: undefined }) })
  .map(p => buildProfile(p))
const alignment = fc.record({ targetName: text, targetUrl: iri, targetDescription: fc.option(text, { nil: undefined }), targetCode: fc.option(text, { nil: undefined }), targetType: fc.option(fc.constantFrom('ceasn:Competency', 'CFItem', 'ext:Custom'), { nil: undefined }) })
const achievement = fc.record({
  id: iri,
  name: text,
  description: text,
  narrative: text,
  image: fc.option(iri, { nil: undefined }),
  achievementType: fc.option(fc.constantFrom(...ACHIEVEMENT_TYPES), { nil: undefined }),
  alignment: fc.option(fc.array(alignment, { minLength: 1, maxLength: 2 }), { nil: undefined }),
  tag: fc.option(fc.array(text, { minLength: 1, maxLength: 3 }), { nil: undefined })
}).map(a => buildAchievement({ id: a.id, name: a.name, description: a.description, criteria: { narrative: a.narrative }, image: a.image, achievementType: a.achievementType, alignment: a.alignment, tag: a.tag }))
const recipient: fc.Arbitrary<Recipient> = fc.oneof(
  fc.record({ email: text, name: fc.option(text, { nil: undefined }) }),
  fc.record({ did: fc.constantFrom('did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi', 'did:web:learner.example', 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', 'did:example:ebfeb1f712ebc6f1c276e12ec21'), name: fc.option(text, { nil: undefined }) }),
  fc.record({ sourcedId: text, name: fc.option(text, { nil: undefined }) })
).map(r => JSON.parse(JSON.stringify(r)) as Recipient)
const evidence = fc.record({ id: fc.option(iri, { nil: undefined }), name: fc.option(text, { nil: undefined }), narrative: fc.option(text, { nil: undefined }), description: fc.option(text, { nil: undefined }), genre: fc.option(text, { nil: undefined }) })
const result = fc.record({ value: fc.option(text, { nil: undefined }), alignment: fc.option(fc.array(alignment, { maxLength: 1 }), { nil: undefined }) })
const status = fc.tuple(iri, fc.nat({ max: 131071 })).map(([list, i]) => ({ id: `${list}#${i}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(i), statusListCredential: list }))

export const endorsementCredential = fc.record({ id: iri, issuer: profile, subjectId: iri, comment: fc.option(text, { nil: undefined }), validFrom: date, name: fc.option(text, { nil: undefined }) })
  .map(e => buildEndorsementCredential(JSON.parse(JSON.stringify(e))))

/** OB 3.0 credentials; `endorsements` are signed EndorsementCredentials to embed (0 or more of them). */
export function openBadgeCredential (endorsements: object[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.record({
    id: iri,
    issuer: profile,
    achievement,
    recipient,
    validFrom: date,
    validUntil: fc.option(fc.constant('2041-01-01T00:00:00Z'), { nil: undefined }),
    name: fc.option(text, { nil: undefined }),
    evidence: fc.option(fc.array(evidence, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    result: fc.option(fc.array(result, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    credentialStatus: fc.option(status, { nil: undefined }),
    endorsement: endorsements.length === 0 ? fc.constant(undefined) : fc.option(fc.subarray(endorsements, { minLength: 1 }), { nil: undefined }),
    salt: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 32, maxLength: 32 })
  }).map(o => buildOpenBadgeCredential(JSON.parse(JSON.stringify(o))) as unknown as Record<string, unknown>)
}

/** What @obp/status buildStatusListCredential returns (libs/status/src/credential.ts). */
export const statusListCredential = fc.record({ id: iri, issuer: iri, encodedList: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 40 }), validFrom: date })
  .map(s => ({
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: s.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: s.issuer,
    validFrom: s.validFrom,
    validUntil: '2041-01-01T00:00:00Z',
    credentialSubject: { id: `${s.id}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: s.encodedList }
  }))
