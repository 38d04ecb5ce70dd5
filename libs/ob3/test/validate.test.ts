// validateOb3Credential: the official schemas, bundled; one negative case per OB 3.0 class; fixtures;
// legacy VCDM 1.1 and single-object proof handling.
import { readFileSync } from 'node:fs'
import t from 'tap'
import { loadOfficialSchema, preloadOb3Schemas, validateOb3Credential, validateOb3Profile, buildEndorsementCredential } from '../src/index.js'
import { SHARED, fixtureJson, officialSchema, sampleCredential, sampleIssuer } from './helpers/fixtures.js'

type Json = Record<string, any>
const mutated = (change: (vc: Json) => void): Json => {
  const vc = structuredClone(sampleCredential()) as Json
  change(vc)
  return vc
}

t.test('the bundled schemas are the official files', async (t) => {
  for (const name of ['achievementcredential', 'endorsementcredential', 'profile'] as const) {
    t.strictSame(loadOfficialSchema(name), JSON.parse(readFileSync(`${SHARED}/ob3/schema/${name}.json`, 'utf8')), name)
  }
})

t.test('a built credential is valid', async (t) => {
  preloadOb3Schemas()
  const r = validateOb3Credential(sampleCredential())
  t.strictSame(r, { valid: true, errors: [], schema: 'achievementcredential', legacy: false, warnings: [] })
})

// One broken member per OB 3.0 class; each must be reported at the right place, by our validator and the official schema.
const negatives: Array<[string, (vc: Json) => void, string]> = [
  ['Profile (issuer without type Profile)', (vc) => { vc.issuer.type = ['Organization'] }, '/issuer'],
  ['Achievement (no criteria)', (vc) => { delete vc.credentialSubject.achievement.criteria }, '/credentialSubject/achievement'],
  ['AchievementSubject (no achievement)', (vc) => { delete vc.credentialSubject.achievement }, '/credentialSubject'],
  ['IdentityObject (hashed not boolean)', (vc) => { vc.credentialSubject.identifier[0].hashed = 'yes' }, '/credentialSubject/identifier/0/hashed'],
  ['IdentityObject (unknown property)', (vc) => { vc.credentialSubject.identifier[0].email = 'a@example.com' }, '/credentialSubject/identifier/0'],
  ['Result (unknown status)', (vc) => { vc.credentialSubject.result[1].status = 'Passed' }, '/credentialSubject/result/1/status'],
  ['ResultDescription (no resultType)', (vc) => { delete vc.credentialSubject.achievement.resultDescription[0].resultType }, '/credentialSubject/achievement/resultDescription/0'],
  ['RubricCriterionLevel (no name)', (vc) => { delete vc.credentialSubject.achievement.resultDescription[2].rubricCriterionLevel[0].name }, '/credentialSubject/achievement/resultDescription/2/rubricCriterionLevel/0'],
  ['Alignment (no targetUrl)', (vc) => { delete vc.credentialSubject.achievement.alignment[0].targetUrl }, '/credentialSubject/achievement/alignment/0'],
  ['Evidence (type without Evidence)', (vc) => { vc.evidence[0].type = ['Proof'] }, '/evidence/0/type'],
  ['Criteria (a string)', (vc) => { vc.credentialSubject.achievement.criteria = 'Nominated by peers.' }, '/credentialSubject/achievement/criteria'],
  ['Image (a bare URL)', (vc) => { vc.credentialSubject.achievement.image = 'https://issuer.example/i.png' }, '/credentialSubject/achievement/image'],
  ['EndorsementCredential (embedded, no name)', (vc) => {
    const e = buildEndorsementCredential({ id: 'urn:uuid:e', issuer: sampleIssuer(), subjectId: 'urn:uuid:s' }) as Json
    delete e.name
    vc.endorsement = [e]
  }, '/endorsement/0'],
  ['OpenBadgeCredential (@context order)', (vc) => { vc['@context'].reverse() }, '/@context/0'],
  ['OpenBadgeCredential (type)', (vc) => { vc.type = ['VerifiableCredential'] }, '/type'],
  ['OpenBadgeCredential (validFrom)', (vc) => { vc.validFrom = 'yesterday' }, '/validFrom'],
  ['CredentialSchema (no type)', (vc) => { delete vc.credentialSchema[0].type }, '/credentialSchema/0'],
  ['AchievementSubject (neither id nor identifier)', (vc) => { delete vc.credentialSubject.identifier }, '/credentialSubject'],
  ['CredentialStatus (no id)', (vc) => { delete vc.credentialStatus.id }, '/credentialStatus']
]

for (const [name, change, path] of negatives) {
  t.test(`negative: ${name}`, async (t) => {
    const vc = mutated(change)
    const r = validateOb3Credential(vc)
    t.equal(r.valid, false)
    t.ok(r.errors.some((e) => e.path === path), `an error at ${path}: ${JSON.stringify(r.errors)}`)
    // The official schema cannot express "id or identifier" (OB 3.0 §B.1.3); everything else it refuses too.
    if (!name.includes('neither')) t.notOk(officialSchema('achievementcredential')(vc), 'the official schema agrees')
  })
}

t.test('fixtures from the 1EdTech validator', async (t) => {
  t.ok(validateOb3Credential(fixtureJson('simple.json')).valid)
  t.ok(validateOb3Credential(fixtureJson('complete.json')).valid, 'every OB 3.0 property in use')
  t.ok(validateOb3Credential(fixtureJson('simple-err-expired.json')).valid, 'expiry is not a schema matter')
  const v1 = validateOb3Credential(fixtureJson('simple_v1.json'))
  t.match(v1, { valid: true, legacy: true, errors: [] }, 'VCDM 1.1: valid, flagged legacy')
})

t.test('legacy VCDM 1.1: mapped names, errors under the 1.1 names', async (t) => {
  const v1 = fixtureJson('simple_v1.json')
  const noDate = { ...v1 }
  delete noDate.issuanceDate
  const r = validateOb3Credential(noDate)
  t.match(r, { valid: false, legacy: true })
  t.ok(r.errors.some((e) => e.message.includes('issuanceDate')), JSON.stringify(r.errors))
  const badExpiry = validateOb3Credential({ ...v1, expirationDate: 'soon' })
  t.ok(badExpiry.errors.some((e) => e.path === '/expirationDate'), JSON.stringify(badExpiry.errors))
  t.equal(v1.validFrom, undefined, 'the input is not modified')
})

t.test('single-object proof and credentialSchema are accepted with a warning', async (t) => {
  const simple = fixtureJson('simple.json')
  const r = validateOb3Credential({ ...simple, proof: (simple.proof as object[])[0] })
  t.equal(r.valid, true)
  t.match(r.warnings, [/proof is a single object/])
  t.ok(Array.isArray(simple.proof), 'input untouched')
  const s = validateOb3Credential(mutated((vc) => { vc.credentialSchema = vc.credentialSchema[0] }))
  t.equal(s.valid, true)
  t.match(s.warnings, [/credentialSchema is a single object/])
})

t.test('extensions context missing for 1EdTechJsonSchemaValidator2019 is a warning', async (t) => {
  const r = validateOb3Credential(mutated((vc) => { vc['@context'].pop() }))
  t.equal(r.valid, true)
  t.match(r.warnings, [/extensions\.json/])
})

t.test('endorsements use the endorsement schema; non-objects are invalid', async (t) => {
  const e = buildEndorsementCredential({ id: 'urn:uuid:e', issuer: sampleIssuer(), subjectId: 'urn:uuid:s', comment: 'ok' })
  t.match(validateOb3Credential(e), { valid: true, schema: 'endorsementcredential' })
  const bad = validateOb3Credential({ ...e, credentialSubject: { id: 'urn:uuid:s', type: ['AchievementSubject'] } })
  t.match(bad, { valid: false, schema: 'endorsementcredential' })
  for (const v of [null, 'text', [], 42]) t.match(validateOb3Credential(v), { valid: false, errors: [{ path: '' }] })
})

t.test('validateOb3Profile', async (t) => {
  t.strictSame(validateOb3Profile(sampleIssuer()), { valid: true, errors: [] })
  t.equal(validateOb3Profile({ id: 'x', type: ['Person'] }).valid, false)
})
