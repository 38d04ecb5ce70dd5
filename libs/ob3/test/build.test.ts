// Builders: what they make passes the official OB 3.0 schemas, with the shape the platform promises.
import t from 'tap'
import {
  buildAchievement, buildEndorsementCredential, buildOpenBadgeCredential, buildProfile, hashIdentity, matchesIdentity,
  OB_EXTENSIONS_CONTEXT, OB_SCHEMA_URL, OB_V3_CONTEXT, VC_V2_CONTEXT
} from '../src/index.js'
import { ISSUER_ID, officialSchema, sampleAchievement, sampleCredential, sampleIssuer } from './helpers/fixtures.js'

const achievementSchema = officialSchema('achievementcredential')

t.test('an OpenBadgeCredential for an email recipient passes the official schema', async (t) => {
  const vc = sampleCredential()
  t.ok(achievementSchema(vc), JSON.stringify(achievementSchema.errors))
  t.strictSame(vc['@context'], [VC_V2_CONTEXT, OB_V3_CONTEXT, OB_EXTENSIONS_CONTEXT], 'contexts in order')
  t.equal(OB_V3_CONTEXT, 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json')
  t.strictSame(vc.type, ['VerifiableCredential', 'OpenBadgeCredential'])
  t.strictSame(vc.credentialSchema, [{ id: OB_SCHEMA_URL, type: '1EdTechJsonSchemaValidator2019' }])
  t.equal(vc.name, 'Teamwork', 'name defaults to the achievement name')
  t.equal(vc.validFrom, '2026-01-01T00:00:00Z')
  t.equal(vc.validUntil, '2030-01-01T00:00:00Z')
  t.equal(vc.credentialSubject.id, undefined, 'no subject id for an email recipient')
  t.equal(vc.credentialSubject.name, 'Jane Doe')
  const [identity] = vc.credentialSubject.identifier ?? []
  t.equal(identity.type, 'IdentityObject')
  t.equal(identity.identityType, 'emailAddress')
  t.equal(identity.hashed, true)
  t.match(identity.salt, /^[0-9a-f]{32}$/)
  t.equal(identity.identityHash, hashIdentity('jane@example.com', identity.salt ?? ''))
  t.equal(vc.proof, undefined, 'unsigned')
  t.equal(vc.credentialStatus?.type, 'BitstringStatusListEntry')
  t.strictSame(vc.evidence?.[0].type, ['Evidence'])
  t.strictSame(vc.credentialSubject.result?.map((r) => r.type[0]), ['Result', 'Result'])
})

t.test('recipients: DID as subject id, sourcedId hashed, email normalised', async (t) => {
  const did = sampleCredential({ did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' })
  t.ok(achievementSchema(did), JSON.stringify(achievementSchema.errors))
  t.equal(did.credentialSubject.id, 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK')
  t.equal(did.credentialSubject.identifier, undefined)

  const sis = sampleCredential({ sourcedId: 'STU-00042' })
  t.ok(achievementSchema(sis), JSON.stringify(achievementSchema.errors))
  const [id] = sis.credentialSubject.identifier ?? []
  t.equal(id.identityType, 'sourcedId')
  t.ok(matchesIdentity(id, 'STU-00042'))
  t.notOk(matchesIdentity(id, 'stu-00042'), 'sourcedIds stay case-sensitive')

  const mixed = sampleCredential({ email: '  Jane.Doe@Example.COM ' })
  t.ok(matchesIdentity(mixed.credentialSubject.identifier![0], 'jane.doe@example.com'))
  t.equal(mixed.credentialSubject.name, undefined, 'no name when none is given')
})

t.test('a fresh salt per credential, or the given one', async (t) => {
  const a = sampleCredential().credentialSubject.identifier![0]
  const b = sampleCredential().credentialSubject.identifier![0]
  t.not(a.salt, b.salt)
  t.not(a.identityHash, b.identityHash, 'the same email does not link two credentials')
  const vc = buildOpenBadgeCredential({
    id: 'urn:uuid:1', issuer: sampleIssuer(), achievement: sampleAchievement(), recipient: { email: 'a@example.com' }, salt: 'Kosher'
  })
  t.equal(vc.credentialSubject.identifier![0].identityHash, 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399')
})

t.test('minimal inputs: validFrom defaults to now, no optional members', async (t) => {
  const issuer = buildProfile({ id: 'did:web:issuer.example', name: 'Minimal' })
  const achievement = buildAchievement({ id: 'urn:uuid:a', name: 'A', description: 'B', criteria: { id: 'https://criteria.example' } })
  const before = Date.now() - 1000
  const vc = buildOpenBadgeCredential({ id: 'urn:uuid:c', issuer, achievement, recipient: { did: 'did:example:123' }, name: 'Custom' })
  t.ok(achievementSchema(vc), JSON.stringify(achievementSchema.errors))
  t.match(vc.validFrom, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
  t.ok(Date.parse(vc.validFrom) >= before && Date.parse(vc.validFrom) <= Date.now())
  t.equal(vc.name, 'Custom')
  t.notOk('validUntil' in vc || 'evidence' in vc || 'credentialStatus' in vc || 'endorsement' in vc, 'absent, not undefined')
  t.strictSame(Object.keys(achievement).sort(), ['criteria', 'description', 'id', 'name', 'type'])
})

t.test('achievement: images become Image objects, result descriptions get ids', async (t) => {
  const a = sampleAchievement()
  t.strictSame(a.image, { id: 'https://issuer.example/achievements/teamwork.png', type: 'Image', caption: 'Teamwork badge' })
  t.strictSame(a.resultDescription?.map((rd) => rd.id), [
    'https://issuer.example/achievements/teamwork#result-1',
    'https://issuer.example/achievements/teamwork#result-2',
    'https://issuer.example/achievements/teamwork#result-3'
  ])
  t.equal(a.resultDescription?.[2].rubricCriterionLevel?.[0].id, 'https://issuer.example/achievements/teamwork#result-3-level-1')
  t.strictSame(a.alignment?.[0].type, ['Alignment'])
  t.equal(a.creator?.id, ISSUER_ID)
  t.throws(() => buildAchievement({ id: 'urn:x', name: 'n', description: 'd', criteria: {} }), { code: 'OBP_OB3_INVALID_ARGUMENT' })
  t.throws(() => buildAchievement({
    id: 'urn:x', name: 'n', description: 'd', criteria: { narrative: 'x' },
    resultDescription: [{ id: 'urn:rd', name: 'a', resultType: 'Result' }, { id: 'urn:rd', name: 'b', resultType: 'Result' }]
  }), /unique/)
})

t.test('results must link to the achievement and respect it', async (t) => {
  const issuer = sampleIssuer()
  const achievement = sampleAchievement(issuer)
  const [grade, status] = achievement.resultDescription ?? []
  const build = (result: object[]) => buildOpenBadgeCredential({ id: 'urn:uuid:r', issuer, achievement, recipient: { did: 'did:example:1' }, result })
  t.throws(() => build([{ resultDescription: 'https://elsewhere.example/rd', value: 'A' }]), { code: 'OBP_OB3_INVALID_ARGUMENT' })
  t.throws(() => build([{ resultDescription: status.id }]), /status/)
  t.throws(() => build([{ resultDescription: grade.id, value: 'Z' }]), /allowedValue/)
  t.ok(achievementSchema(build([{ value: 'free text', alignment: [{ targetName: 'x', targetUrl: 'https://x.example' }] }])))
})

t.test('bad arguments throw TypeErrors with codes', async (t) => {
  const issuer = sampleIssuer()
  const achievement = sampleAchievement(issuer)
  const base = { id: 'urn:uuid:x', issuer, achievement, recipient: { email: 'a@example.com' } }
  t.throws(() => buildOpenBadgeCredential({ ...base, id: '' }), { code: 'OBP_OB3_INVALID_ARGUMENT', message: '"id" is required.' })
  try {
    buildOpenBadgeCredential({ ...base, issuer: undefined as never })
    t.fail('should throw')
  } catch (err) {
    t.ok(err instanceof TypeError, 'argument errors are TypeErrors (STYLE.md §9)')
    t.equal((err as { statusCode?: number }).statusCode, 400)
  }
  t.throws(() => buildOpenBadgeCredential({ ...base, recipient: { did: 'not-a-did' } }), /recipient.did/)
  t.throws(() => buildOpenBadgeCredential({ ...base, recipient: {} as never }), /recipient/)
  t.throws(() => buildOpenBadgeCredential({ ...base, recipient: { email: '   ' } }), /empty/)
  t.throws(() => buildOpenBadgeCredential({ ...base, validFrom: '2026-01-01' }), /validFrom/)
  t.throws(() => buildOpenBadgeCredential({ ...base, validFrom: '2026-01-02T00:00:00Z', validUntil: '2026-01-01T00:00:00Z' }), { code: 'OBP_OB3_INVALID_VALIDITY' })
  t.throws(() => buildOpenBadgeCredential({ ...base, credentialStatus: { id: 'x' } }), /credentialStatus.type/)
  t.throws(() => buildProfile({ id: 'x', name: '' }), /"name" is required/)
})

t.test('EndorsementCredential passes the official endorsement schema', async (t) => {
  const schema = officialSchema('endorsementcredential')
  const endorser = buildProfile({ id: 'https://other.example/issuers/9', name: 'Other Org' })
  const e = buildEndorsementCredential({ id: 'urn:uuid:e1', issuer: endorser, subjectId: sampleAchievement().id, comment: 'Rigorous.', validFrom: '2026-02-01T00:00:00Z' })
  t.ok(schema(e), JSON.stringify(schema.errors))
  t.strictSame(e.type, ['VerifiableCredential', 'EndorsementCredential'])
  t.strictSame(e.credentialSubject, { id: 'https://issuer.example/achievements/teamwork', type: ['EndorsementSubject'], endorsementComment: 'Rigorous.' })
  t.equal(e.name, 'Endorsement by Other Org')
  t.equal(e['@context'][2], OB_EXTENSIONS_CONTEXT)
  const plain = buildEndorsementCredential({ id: 'urn:uuid:e2', issuer: endorser, subjectId: ISSUER_ID, name: 'Partner' })
  t.ok(schema(plain), JSON.stringify(schema.errors))
  t.notOk('endorsementComment' in plain.credentialSubject)
  // An endorsement embedded in a badge keeps the badge valid.
  const vc = buildOpenBadgeCredential({
    id: 'urn:uuid:x', issuer: sampleIssuer(), achievement: sampleAchievement(), recipient: { did: 'did:example:1' },
    endorsement: [{ ...e, proof: [{ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', proofValue: 'z1' }] }]
  })
  t.ok(achievementSchema(vc), JSON.stringify(achievementSchema.errors))
})

t.test('Profile passes the official profile schema', async (t) => {
  const schema = officialSchema('profile')
  const p = buildProfile({ id: ISSUER_ID, name: 'Example', url: 'https://example.edu', email: 'badges@example.edu', description: 'd', image: 'data:image/png;base64,iVBORw0KGgo=' })
  t.ok(schema(p), JSON.stringify(schema.errors))
  t.strictSame(p.type, ['Profile'])
  t.strictSame(p.image, { id: 'data:image/png;base64,iVBORw0KGgo=', type: 'Image' })
  t.notOk(schema({ ...p, image: 'https://example.edu/logo.png' }), 'the official schema wants an Image object')
})
