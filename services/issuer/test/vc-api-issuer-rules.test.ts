// Issue 13 "The VC-API issuer checks what VCDM 2.0 makes mandatory, and owns what it must own": one test per
// requirement, named after it.
import t from 'tap'
import { createHash, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { verifyCredential } from '@obp/signing'
import { createStatusAllocator } from '@obp/status'
import { build, bearer, createIssuer, loaderWith, type TestIssuer } from './helper.js'

const V2 = 'https://www.w3.org/ns/credentials/v2'
const V1 = 'https://www.w3.org/2018/credentials/v1'
const OB = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
// the bytes of the bundled VC v2 context, as the package that the loader serves it from ships them
const v2Bytes = readFileSync(fileURLToPath(new URL('../contexts/v2.jsonld', import.meta.resolve('@digitalbazaar/credentials-context'))))
const sri = (alg: string, bytes: Buffer) => `${alg}-${createHash(alg).update(bytes).digest('base64')}`

type App = Awaited<ReturnType<typeof build>>['app']
const issueVc = (app: App, issuer: TestIssuer, credential: object, options?: object) =>
  app.inject({ method: 'POST', url: '/credentials/issue', headers: bearer(issuer.apiKey), payload: options ? { credential, options } : { credential } })
const plain = (issuer: TestIssuer, extra: object = {}) => ({ '@context': [V2], type: ['VerifiableCredential'], issuer: issuer.did, credentialSubject: { id: 'did:example:subject', name: 'Ada' }, ...extra })

t.test('refuse at issue, 400 naming the field: untyped entries, schema without id, related resources, non-URL ids, dates, empty subject, issuer', async t => {
  const { app, secrets, db } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const good = plain(issuer)
  const digest = sri('sha384', v2Bytes)
  const cases: Array<[string, object, RegExp]> = [
    ['credentialStatus without type', { credentialStatus: { id: 'https://status.example/1#3' } }, /credentialStatus\.type/],
    ['termsOfUse without type', { termsOfUse: { id: 'https://terms.example/1' } }, /termsOfUse\.type/],
    ['evidence without type', { evidence: [{ id: 'https://evidence.example/1' }] }, /evidence\[0\]\.type/],
    ['refreshService without type', { refreshService: { id: 'https://refresh.example/1' } }, /refreshService\.type/],
    ['credentialSchema without type', { credentialSchema: { id: 'https://schema.example/1' } }, /credentialSchema\.type/],
    ['credentialSchema without id', { credentialSchema: { type: 'JsonSchema' } }, /credentialSchema\.id/],
    ['relatedResource not a list of objects', { relatedResource: 'https://www.w3.org/ns/credentials/v2' }, /relatedResource/],
    ['relatedResource without id', { relatedResource: [{ digestSRI: digest }] }, /relatedResource\[0\]\.id/],
    ['relatedResource repeating an id', { relatedResource: [{ id: V2, digestSRI: digest }, { id: V2, digestSRI: digest }] }, /relatedResource\[1\]\.id/],
    ['relatedResource without a digest', { relatedResource: [{ id: 'https://resource.example/x' }] }, /digestSRI.*digestMultibase/],
    ['a digest that does not match the bundled context', { relatedResource: [{ id: V2, digestSRI: sri('sha384', Buffer.from('other')) }] }, /digestSRI" does not match/],
    ['a malformed digestMultibase', { relatedResource: [{ id: V2, digestMultibase: 'not-multibase' }] }, /digestMultibase/],
    ['an id that is not a URL', { id: 'not a url' }, /credential\.id/],
    ['a subject id that is not a URL', { credentialSubject: { id: 'subject 1', name: 'x' } }, /credentialSubject\.id/],
    ['an evidence id that is not a URL', { evidence: { id: 'evidence-1', type: 'Evidence' } }, /evidence\.id/],
    ['a malformed validFrom', { validFrom: '2025-02-30' }, /validFrom/],
    ['a validFrom without time zone', { validFrom: '2025-01-01T00:00:00' }, /validFrom/],
    ['validUntil before validFrom', { validFrom: '2025-06-01T00:00:00Z', validUntil: '2025-01-01T00:00:00Z' }, /validUntil/],
    ['a context that redefines a protected term', { '@context': [V2, { type: 'https://evil.example/type' }] }, /protected term/],
    ['an empty credentialSubject', { credentialSubject: {} }, /credentialSubject/],
    ['an issuer missing', { issuer: undefined }, /issuer/],
    ['an issuer null', { issuer: null }, /issuer/],
    ['an issuer that is not a URL', { issuer: 'Example University' }, /issuer/],
    ['an issuer that is not the key\'s issuer', { issuer: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' }, /issuer/]
  ]
  for (const [name, extra, field] of cases) {
    const res = await issueVc(app, issuer, { ...good, ...extra })
    t.equal(res.statusCode, 400, `${name}: ${res.body}`)
    t.match(res.json().detail, field, `${name}: ${res.json().detail}`)
  }
  t.equal(await db.collection('credentials').countDocuments({}), 0, 'nothing stored')
  t.equal(await db.collection('status_entries').countDocuments({}), 0, 'no status slot spent')
  const matching = await issueVc(app, issuer, { ...good, relatedResource: [{ id: V2, digestSRI: digest }] })
  t.equal(matching.statusCode, 201, `a digest that matches the bundled context: ${matching.body}`)
  const multihash = 'u' + Buffer.concat([Buffer.from([0x12, 0x20]), createHash('sha256').update(v2Bytes).digest()]).toString('base64url')
  const multibase = await issueVc(app, issuer, { ...good, relatedResource: [{ id: V2, digestMultibase: multihash }] })
  t.equal(multibase.statusCode, 201, `a digestMultibase (sha2-256 multihash, base64url) that matches: ${multibase.body}`)
  const wrongMultibase = await issueVc(app, issuer, { ...good, relatedResource: [{ id: V2, digestMultibase: 'u' + Buffer.concat([Buffer.from([0x12, 0x20]), Buffer.alloc(32)]).toString('base64url') }] })
  t.match(wrongMultibase.json().detail, /digestMultibase" does not match/)
  const unknownResource = await issueVc(app, issuer, { ...good, relatedResource: [{ id: 'https://resource.example/x.png', digestSRI: sri('sha256', Buffer.from('png')) }] })
  t.equal(unknownResource.statusCode, 201, 'a resource the platform does not hold is signed as given (no fetch)')
})

t.test('the platform owns credentialStatus: its own lists are refused, foreign types only with pass-through', async t => {
  const { app, secrets, config } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const first = await issueVc(app, issuer, plain(issuer))
  const allocated = first.json().verifiableCredential.credentialStatus
  const copied = await issueVc(app, issuer, plain(issuer, { credentialStatus: allocated }))
  t.equal(copied.statusCode, 400, 'another credential\'s bit is refused')
  t.equal(copied.json().code, 'OBP_ISSUER_STATUS_OWNED')
  const invented = await issueVc(app, issuer, plain(issuer, { credentialStatus: { ...allocated, id: `${config.REVOCATION_PUBLIC_URL}/status-lists/${randomUUID()}#5`, statusListCredential: `${config.REVOCATION_PUBLIC_URL}/status-lists/${randomUUID()}`, statusListIndex: '5' } }))
  t.equal(invented.json().code, 'OBP_ISSUER_STATUS_OWNED', 'a slot that could never be revoked is refused')
  const foreign = { id: 'https://status.other.example/lists/7#12', type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '12', statusListCredential: 'https://status.other.example/lists/7' }
  const refused = await issueVc(app, issuer, plain(issuer, { credentialStatus: foreign }))
  t.equal(refused.statusCode, 400)
  t.equal(refused.json().code, 'OBP_ISSUER_FOREIGN_STATUS')
  const passing = await createIssuer(app, secrets.adminToken, { name: 'Pass-through', statusPassThrough: true })
  const kept = await issueVc(app, passing, plain(passing, { credentialStatus: foreign }))
  t.equal(kept.statusCode, 201, kept.body)
  t.same(kept.json().verifiableCredential.credentialStatus, foreign, 'signed as given')
  const stillOwned = await issueVc(app, passing, plain(passing, { credentialStatus: allocated }))
  t.equal(stillOwned.json().code, 'OBP_ISSUER_STATUS_OWNED', 'pass-through never opens the platform\'s own lists')
})

t.test('credential ids: a URL under ISSUER_PUBLIC_URL/credentials/ or a urn:uuid, found by the same key', async t => {
  const { app, secrets, config } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const other = await createIssuer(app, secrets.adminToken, { name: 'Other' })
  const elsewhere = await issueVc(app, issuer, plain(issuer, { id: 'https://elsewhere.example/credentials/1' }))
  t.equal(elsewhere.statusCode, 400)
  t.equal(elsewhere.json().code, 'OBP_ISSUER_CREDENTIAL_ID_REFUSED')
  const own = await issueVc(app, issuer, plain(issuer, { id: `${config.ISSUER_PUBLIC_URL}/credentials/diploma-2025-0001` }))
  t.equal(own.statusCode, 201, own.body)
  t.equal((await app.inject('/credentials/diploma-2025-0001')).statusCode, 200)
  const uuid = randomUUID()
  const urn = await issueVc(app, issuer, plain(issuer, { id: `urn:uuid:${uuid}` }))
  t.equal(urn.statusCode, 201, urn.body)
  t.equal((await app.inject(`/credentials/${uuid}`)).json().id, `urn:uuid:${uuid}`, 'served under its uuid (revocation finds it by the same key)')
  const again = await issueVc(app, issuer, plain(issuer, { id: `urn:uuid:${uuid}` }))
  t.equal(again.statusCode, 409, 'unique per issuer')
  // ids are unique per issuer: another issuer's use of an id (or of its twin with the same key) is invisible
  const unused = await issueVc(app, other, plain(other, { id: `urn:uuid:${randomUUID()}` }))
  const byOther = await issueVc(app, other, plain(other, { id: `urn:uuid:${uuid}` }))
  t.same([byOther.statusCode, Object.keys(byOther.json())], [unused.statusCode, Object.keys(unused.json())], 'another issuer gets the answer an unused id gets')
  t.equal(byOther.json().verifiableCredential.id, `urn:uuid:${uuid}`, 'and keeps its id')
  t.equal(byOther.json().verifiableCredential.issuer, other.did)
  const twin = await issueVc(app, other, plain(other, { id: `${config.ISSUER_PUBLIC_URL}/credentials/${uuid}` }))
  t.equal(twin.statusCode, 409, 'its own twin with the same key is taken for that issuer')
  t.equal((await issueVc(app, other, plain(other, { id: `urn:uuid:${uuid}` }))).statusCode, 409, 'unique per issuer, for the second issuer too')
  const served = (await app.inject(`/credentials/${uuid}`)).json()
  t.equal(served.issuer, issuer.did, 'the shared location stays with the first holder of the id')
  const third = await createIssuer(app, secrets.adminToken, { name: 'Third' })
  const twinByThird = await issueVc(app, third, plain(third, { id: `${config.ISSUER_PUBLIC_URL}/credentials/${uuid}` }))
  t.equal(twinByThird.statusCode, 201, 'a third issuer may use the twin URL: it is not told that the key is held')
  t.equal((await app.inject(`/credentials/${uuid}`)).json().issuer, issuer.did, 'and does not take the location over')
})

t.test('ids are unique per issuer, also when two issuers race for one id', async t => {
  const { app, secrets } = await build(t)
  const issuers = await Promise.all([1, 2, 3, 4].map(n => createIssuer(app, secrets.adminToken, { name: `Racer ${n}` })))
  const id = `urn:uuid:${randomUUID()}`
  const answers = await Promise.all(issuers.map(i => issueVc(app, i, plain(i, { id }))))
  t.same(answers.map(a => a.statusCode), [201, 201, 201, 201], answers.map(a => a.body).join('\n'))
  t.same(answers.map(a => a.json().verifiableCredential.issuer), issuers.map(i => i.did))
  t.equal(new Set(answers.map(a => JSON.stringify(a.json().verifiableCredential.credentialStatus))).size, 4, 'four status entries, none shared')
  const again = await Promise.all(issuers.map(i => issueVc(app, i, plain(i, { id }))))
  t.same(again.map(a => a.statusCode), [409, 409, 409, 409])
})

t.test('VCDM 1.1 input is issued as VCDM 1.1, with a status entry only when options ask', async t => {
  const { app, secrets } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const v1 = { '@context': [V1], type: ['VerifiableCredential'], issuer: issuer.did, credentialSubject: { id: 'did:example:abc' } }
  const bare = (await issueVc(app, issuer, v1)).json().verifiableCredential
  t.equal(bare['@context'][0], V1)
  t.notOk(bare['@context'].includes(V2), 'no v2 context added')
  t.equal(bare.credentialStatus, undefined)
  t.ok(bare.issuanceDate, 'issuanceDate, not validFrom')
  t.equal(bare.validFrom, undefined)
  const asked = await issueVc(app, issuer, v1, { credentialStatus: { type: 'BitstringStatusListEntry' } })
  t.equal(asked.statusCode, 201, asked.body)
  const withStatus = asked.json().verifiableCredential
  t.equal(withStatus.credentialStatus.type, 'BitstringStatusListEntry')
  t.equal(withStatus['@context'][0], V1)
  t.equal((await verifyCredential({ credential: withStatus, documentLoader: loaderWith() })).verified, true)
})

t.test('proof: an array for Open Badges credentials, a single object otherwise; unknown option keys are ignored', async t => {
  const { app, secrets } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const single = await issueVc(app, issuer, plain(issuer), { somethingElse: { nested: true }, challenge: 'x' })
  t.equal(single.statusCode, 201, single.body)
  t.notOk(Array.isArray(single.json().verifiableCredential.proof))
  const ob = {
    '@context': [V2, OB], type: ['VerifiableCredential', 'OpenBadgeCredential'], name: 'Badge',
    issuer: { id: issuer.did, type: ['Profile'], name: 'Test University' },
    credentialSubject: { type: ['AchievementSubject'], achievement: { id: 'https://university.example/achievements/1', type: ['Achievement'], name: 'A', description: 'D', criteria: { narrative: 'N' } } }
  }
  const badge = await issueVc(app, issuer, ob)
  t.equal(badge.statusCode, 201, badge.body)
  t.ok(Array.isArray(badge.json().verifiableCredential.proof))
})

t.test('terms mapped by the v2 context\'s @vocab are issued with a warning naming them; only undefined terms are refused', async t => {
  const { app, secrets, db } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  // The published v2 context dropped its `@vocab` for the undefined-terms/v2 context (VCDM 2.0 §5.2), which
  // maps every other term to https://www.w3.org/ns/credentials/undefined-term#.
  const res = await issueVc(app, issuer, plain(issuer, { '@context': [V2, 'https://www.w3.org/ns/credentials/undefined-terms/v2'], credentialSubject: { id: 'did:example:s', favouriteColour: 'green' } }))
  t.equal(res.statusCode, 201, res.body)
  t.match(res.json().warnings, [{ code: 'OBP_ISSUER_VOCAB_TERMS', terms: ['favouriteColour'] }])
  t.equal((await verifyCredential({ credential: res.json().verifiableCredential, documentLoader: loaderWith() })).verified, true)
  const v1 = await issueVc(app, issuer, { '@context': [V1], type: ['VerifiableCredential'], issuer: issuer.did, credentialSubject: { id: 'did:example:s', favouriteColour: 'green' } }, { credentialStatus: { type: 'BitstringStatusListEntry' } })
  t.equal(v1.statusCode, 400, 'VCDM 1.1 has no @vocab: data loss')
  t.match(v1.json().detail, /favouriteColour/)
  // The bundled v2 context keeps the issuer-dependent @vocab of VCDM 2.0 §5.2 (libs/documents contexts.ts): a term
  // under the v2 context alone is valid VCDM 2.0, issued with the same warning.
  const v2Only = await issueVc(app, issuer, plain(issuer, { credentialSubject: { id: 'did:example:s', favouriteColour: 'green' } }))
  t.equal(v2Only.statusCode, 201, v2Only.body)
  t.match(v2Only.json().warnings, [{ code: 'OBP_ISSUER_VOCAB_TERMS', terms: ['favouriteColour'] }])
  t.equal(await db.collection('status_entries').countDocuments({}), 2, 'the refused VCDM 1.1 credential spent no slot')
})

t.test('key types: POST /issuers keyType P-256 signs ecdsa-rdfc-2019; options.cryptosuite picks what the key supports', async t => {
  const { app, secrets } = await build(t)
  const p256 = await createIssuer(app, secrets.adminToken, { keyType: 'P-256' })
  t.match(p256.did, /^did:key:zDn/)
  const ecdsa = await issueVc(app, p256, plain(p256), { type: 'DataIntegrityProof', cryptosuite: 'ecdsa-rdfc-2019' })
  t.equal(ecdsa.statusCode, 201, ecdsa.body)
  t.equal(ecdsa.json().verifiableCredential.proof.cryptosuite, 'ecdsa-rdfc-2019')
  t.equal((await verifyCredential({ credential: ecdsa.json().verifiableCredential, documentLoader: loaderWith() })).verified, true)
  const byDefault = await issueVc(app, p256, plain(p256))
  t.equal(byDefault.json().verifiableCredential.proof.cryptosuite, 'ecdsa-rdfc-2019')
  const ed = await createIssuer(app, secrets.adminToken)
  const eddsa = await issueVc(app, ed, plain(ed), { cryptosuite: 'eddsa-rdfc-2022' })
  t.equal(eddsa.json().verifiableCredential.proof.cryptosuite, 'eddsa-rdfc-2022')
  const mismatch = await issueVc(app, ed, plain(ed), { cryptosuite: 'ecdsa-rdfc-2019' })
  t.equal(mismatch.statusCode, 400)
  t.match(mismatch.json().detail, /ecdsa-rdfc-2019 needs a P-256 key; this issuer signs with Ed25519/)
  const rsa = await app.inject({ method: 'POST', url: '/issuers', headers: bearer(secrets.adminToken), payload: { name: 'X', keyType: 'RSA' } })
  t.equal(rsa.statusCode, 400)
})

t.test('a failed issuance leaves nothing that blocks a later one, and names the real cause', async t => {
  const { app, secrets, db, config } = await build(t)
  const a = await createIssuer(app, secrets.adminToken)
  const b = await createIssuer(app, secrets.adminToken, { name: 'B' })
  const id = `urn:uuid:${randomUUID()}`
  const failed = await issueVc(app, a, { '@context': [V1], id, type: ['VerifiableCredential'], issuer: a.did, credentialSubject: { id: 'did:example:s', undefinedTerm: 1 } }, { credentialStatus: { type: 'BitstringStatusListEntry' } })
  t.equal(failed.statusCode, 400)
  t.match(failed.json().detail, /undefinedTerm/, 'the real cause, not OBP_STATUS_ENTRY_CONFLICT')
  t.equal(await db.collection('status_entries').countDocuments({ _id: id } as never), 0, 'no entry kept')
  const later = await issueVc(app, b, plain(b, { id }))
  t.equal(later.statusCode, 201, `another issuer may use the id: ${later.body}`)
  // a failure after the slot was reserved gives it back (allocator.release)
  const ctx = { status: createStatusAllocator({ db, revocationPublicUrl: config.REVOCATION_PUBLIC_URL }) }
  const other = `urn:uuid:${randomUUID()}`
  await ctx.status.allocate({ issuerId: a.id, credentialId: other })
  t.equal(await ctx.status.release({ issuerId: b.id, credentialId: other }), false, 'only its own issuer releases it')
  t.equal(await ctx.status.release({ issuerId: a.id, credentialId: other }), true)
  t.equal(await db.collection('status_entries').countDocuments({ _id: other } as never), 0)
})
