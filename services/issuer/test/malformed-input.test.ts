// Issue 13 "No 500 from any input" and issue 14 "one validation policy": every malformed input to every route
// that takes it is a 4xx with a code, and leaves no document behind. Bodies are never silently altered: an
// unknown property is a 400 naming it, the same for a single award and a batch row.
import t from 'tap'
import { build, bearer, createAchievement, createIssuer } from './helper.js'

const V2 = 'https://www.w3.org/ns/credentials/v2'
const COLLECTIONS = ['issuers', 'issuer_keys', 'achievements', 'credentials', 'status_entries', 'idempotency_keys', 'award_keys', 'batches', 'batch_rows', 'api_keys', 'network_members', 'endorsements']

t.test('every malformed input to every route that takes it: 4xx with a code, no leftover documents', async t => {
  const { app, secrets, db } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const achievement = await createAchievement(app, issuer)
  const admin = bearer(secrets.adminToken)
  const key = bearer(issuer.apiKey)
  const award = { achievementId: achievement.id, recipient: { email: 'ada@example.edu' } }
  const vc = { '@context': [V2], type: ['VerifiableCredential'], issuer: issuer.did, credentialSubject: { id: 'did:example:s', name: 'Ada' } }
  const counts = async () => Object.fromEntries(await Promise.all(COLLECTIONS.map(async c => [c, await db.collection(c).countDocuments({})])))
  const before = await counts()

  type Case = { name: string; method?: 'GET' | 'POST'; url: string; headers: Record<string, string>; payload?: unknown; contentType?: string }
  const post = (name: string, url: string, headers: Record<string, string>, payload: unknown, contentType?: string): Case => ({ name, method: 'POST', url, headers, payload, contentType })
  const issuers = (name: string, body: unknown) => post(`POST /issuers ${name}`, '/issuers', admin, body)
  const achievements = (name: string, body: unknown) => post(`POST achievements ${name}`, `/issuers/${issuer.id}/achievements`, key, body)
  const awards = (name: string, body: unknown) => post(`POST credentials ${name}`, `/issuers/${issuer.id}/credentials`, key, body)
  const batches = (name: string, body: unknown, contentType?: string) => post(`POST batches ${name}`, `/issuers/${issuer.id}/batches`, key, body, contentType)
  const vcApi = (name: string, body: unknown) => post(`VC-API ${name}`, '/credentials/issue', key, body)
  const cases: Case[] = [
    issuers('NUL in name', { name: 'Uni\u0000versity' }),
    issuers('unknown property', { name: 'U', colour: 'blue' }),
    issuers('name not a string', { name: 5 }),
    issuers('keyType RSA', { name: 'U', keyType: 'RSA' }),
    issuers('statusPassThrough "true"', { name: 'U', statusPassThrough: 'true' }),
    achievements('NUL in description', { name: 'A', description: 'a\u0000b', criteria: { narrative: 'n' } }),
    achievements('unknown property', { name: 'A', description: 'd', criteria: { narrative: 'n' }, levl: 2 }),
    achievements('no criteria', { name: 'A', description: 'd' }),
    awards('validUntill (a typo)', { ...award, validUntill: '2030-01-01T00:00:00Z' }),
    awards('NUL in the recipient name', { ...award, recipient: { email: 'ada@example.edu', name: 'Ada\u0000' } }),
    awards('escape in the email', { ...award, recipient: { email: 'ada\u001b@example.edu' } }),
    awards('malformed validFrom', { ...award, validFrom: 'tomorrow' }),
    awards('recipient an array', { ...award, recipient: [award.recipient] }),
    awards('an operator for an id', { ...award, achievementId: { $ne: null } }),
    batches('a row with a typo', { awards: [{ ...award, validUntill: '2030-01-01T00:00:00Z' }] }),
    batches('NUL in a row', { awards: [{ ...award, recipient: { email: 'a\u0000@example.edu' } }] }),
    batches('no rows', { awards: [] }),
    batches('unknown property', { awards: [award], dryrun: true }),
    batches('dryRun "false"', { awards: [award], dryRun: 'false' }),
    batches('NUL in CSV', 'achievementId,email\n' + achievement.id + ',a\u0000@example.edu\n', 'text/csv'),
    vcApi('credential a JSON string', { credential: JSON.stringify(vc) }),
    vcApi('NUL in a claim', { credential: { ...vc, credentialSubject: { id: 'did:example:s', name: 'A\u0000' } } }),
    vcApi('id not a URL', { credential: { ...vc, id: 'http://exa mple/1' } }),
    vcApi('malformed URI in the subject id', { credential: { ...vc, credentialSubject: { id: 'http://[::1', name: 'x' } } }),
    vcApi('id outside the platform', { credential: { ...vc, id: 'https://elsewhere.example/c/1' } }),
    vcApi('options not an object', { credential: vc, options: 'fast' }),
    vcApi('status of the platform\'s lists', { credential: { ...vc, credentialStatus: { id: 'http://localhost:3003/status-lists/x#1', type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '1', statusListCredential: 'http://localhost:3003/status-lists/x' } } }),
    vcApi('empty subject', { credential: { ...vc, credentialSubject: {} } }),
    post('POST endorsements unknown property', `/issuers/${issuer.id}/endorsements`, key, { subjectId: achievement.id, commnet: 'typo' }),
    post('POST network member unknown property', '/network/members', admin, { issuerId: issuer.id, since: 'now' }),
    { name: 'GET a credential id with NUL', method: 'GET', url: '/credentials/abc%00def', headers: {} },
    { name: 'GET an issuer id with NUL', method: 'GET', url: '/issuers/abc%00def', headers: {} }
  ]
  for (const c of cases) {
    const res = await app.inject({
      method: c.method ?? 'POST', url: c.url, headers: { ...c.headers, ...(c.contentType ? { 'content-type': c.contentType } : {}) },
      ...(c.payload !== undefined ? { payload: c.payload as string } : {})
    })
    t.ok(res.statusCode >= 400 && res.statusCode < 500, `${c.name}: ${res.statusCode} ${res.body.slice(0, 200)}`)
    t.match(res.json(), { code: /^OBP_/ }, `${c.name}: a machine-readable code`)
  }
  t.same(await counts(), before, 'no leftover documents')
})

t.test('one validation policy: an unknown property is a 400 that names it, for a single award and for a batch row alike', async t => {
  const { app, secrets } = await build(t)
  const issuer = await createIssuer(app, secrets.adminToken)
  const achievement = await createAchievement(app, issuer)
  const row = { achievementId: achievement.id, recipient: { email: 'ada@example.edu' }, validUntill: '2030-01-01T00:00:00Z' }
  const single = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey), payload: row })
  t.equal(single.statusCode, 400, 'never issued without its expiry')
  t.equal(single.json().detail, 'body has an unknown property "validUntill"')
  const batch = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/batches`, headers: bearer(issuer.apiKey), payload: { awards: [row], dryRun: true } })
  t.match(batch.json().errors[0].error, /unknown field "validUntill"/, 'the row names the same property')
  const nested = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey), payload: { ...row, validUntill: undefined, recipient: { email: 'ada@example.edu', nmae: 'Ada' } } })
  t.equal(nested.json().detail, 'body/recipient has an unknown property "nmae"')
  const vc = await app.inject({ method: 'POST', url: '/credentials/issue', headers: bearer(issuer.apiKey), payload: { credential: { '@context': [V2], type: ['VerifiableCredential'], issuer: issuer.did, credentialSubject: { id: 'did:example:s', name: 'Ada' }, name: 'Kept' }, options: { unknownOption: 1 } } })
  t.equal(vc.statusCode, 201, 'a credential body keeps its properties (they are signed), unknown options are ignored')
  t.equal(vc.json().verifiableCredential.name, 'Kept')
})
