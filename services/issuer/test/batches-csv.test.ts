import { readFileSync } from 'node:fs'
import t from 'tap'
import { createWorkerRedis } from '@obp/service-kit'
import { build, bearer, createAchievement, createIssuer } from './helper.js'
import { createIssuerContext } from '../src/context.js'
import { processChunk } from '../src/batches/process-chunk.js'

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/csv/${name}`, import.meta.url), 'utf8')

/** A multipart/form-data body as a browser form sends it: the CSV in `file`, options as fields. */
function multipart (file: string, fields: Record<string, string> = {}): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----obp' + Math.random().toString(16).slice(2)
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
  parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="awards.csv"\r\nContent-Type: text/csv\r\n\r\n${file}\r\n--${boundary}--\r\n`)
  return { payload: Buffer.from(parts.join(''), 'utf8'), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

async function setup (t: any) {
  const stores = await build(t)
  const { app, secrets } = stores
  const issuer = await createIssuer(app, secrets.adminToken)
  const data = await createAchievement(app, issuer, { name: 'Data Literacy' })
  const french = await createAchievement(app, issuer, { name: 'Littératie des données' })
  const csv = (body: string, query = '') => app.inject({ method: 'POST', url: `/issuers/${issuer.id}/batches?dryRun=true${query}`, headers: { ...bearer(issuer.apiKey), 'content-type': 'text/csv' }, payload: body })
  return { ...stores, issuer, data, french, csv }
}

t.test('CSV variants as spreadsheets write them are read alike (dry runs)', async t => {
  const { issuer, data, french, csv, app } = await setup(t)

  const plain = (await csv(fixture('comma-lf.csv'))).json()
  t.same(plain, { dryRun: true, total: 2, valid: 2, invalid: 0, errors: [] }, 'comma, LF, an achievement by its exact name')

  const fr = (await csv(fixture('semicolon-bom-crlf-french.csv'))).json()
  t.same(fr, { dryRun: true, total: 2, valid: 2, invalid: 0, errors: [] }, 'semicolons, BOM, CRLF, French headers, accented name')

  const tab = (await csv(fixture('tab-separated.csv').replaceAll('{ACH}', data.id))).json()
  t.same(tab, { dryRun: true, total: 2, valid: 2, invalid: 0, errors: [] }, 'tabs, E-mail, Full Name, Achievement ID')

  const quoted = (await csv(fixture('quoted-multiline.csv'))).json()
  t.same(quoted, { dryRun: true, total: 2, valid: 2, invalid: 0, errors: [] }, 'quoted commas, doubled quotes, a line break in a cell')

  const extra = await csv(fixture('extra-columns-default-achievement.csv'), `&achievementId=${data.id.split('/').pop()}`)
  t.equal(extra.statusCode, 200)
  t.equal(extra.json().valid, 2, 'the default achievement of the file')
  t.same(extra.json().warnings.map((w: string) => w.slice(0, 30)), ['Column A "Groupe" is not used ', 'Column D "Notes internes" is n'])
  const noDefault = (await csv(fixture('extra-columns-default-achievement.csv'))).json()
  t.match(noDefault.errors[0], { row: 0, line: 2, error: 'Line 2: No achievement: add an achievement (or badge) column, or give achievementId for the whole file.' })

  const excel = (await csv(fixture('excel-empty-rows.csv'))).json()
  t.same(excel, { dryRun: true, total: 2, valid: 2, invalid: 0, errors: [] }, 'empty ;;;; rows are skipped')

  const upload = multipart(fixture('semicolon-bom-crlf-french.csv'), { dryRun: 'true' })
  const up = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/batches`, headers: { ...bearer(issuer.apiKey), ...upload.headers }, payload: upload.payload })
  t.same(up.json(), { dryRun: true, total: 2, valid: 2, invalid: 0, errors: [] }, 'multipart/form-data, options as fields')
  t.ok(french.id)
})

t.test('CSV errors: one sentence per problem, at its spreadsheet line, with the allowed values', async t => {
  const { csv, issuer, app } = await setup(t)
  const res = (await csv(fixture('errors.csv'))).json()
  t.equal(res.total, 6)
  t.equal(res.valid, 1)
  t.equal(res.invalid, 5)
  const byLine = (line: number) => res.errors.filter((e: any) => e.line === line).map((e: any) => e.error)
  t.same(byLine(2), ['Line 2: email "not-an-address" is not an email address.'])
  t.same(byLine(3), ['Line 3: Give only one of email, did or sourcedId (this award has email and sourcedId).'])
  t.same(byLine(4), ['Line 4: No recipient: give one of email, did or sourcedId.'])
  t.match(byLine(5)[0], /^Line 5: Achievement "Astrophysics" is not one of this issuer's achievements \(give its id or its exact name; its achievements are: Data Literacy; Littératie des données\)\.$/)
  t.same(byLine(6).sort(), [
    'Line 6: resultStatus "Passed" is not one of: Completed, Enrolled, Failed, InProgress, OnHold, Provisional, Withdrew.',
    'Line 6: validUntil "31/12/2027" is not a date: write 2026-09-01 or 2026-09-01T08:00:00Z.'
  ])
  const refused = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/batches`, headers: { ...bearer(issuer.apiKey), 'content-type': 'text/csv' }, payload: fixture('errors.csv') })
  t.equal(refused.statusCode, 400)
  t.equal(refused.json().detail, '5 of 6 rows are invalid; nothing was issued (fix them, or pass allowPartial)')
  const noRecipient = await csv('Nom,Badge\nAda,Data Literacy\n')
  t.equal(noRecipient.statusCode, 400)
  t.match(noRecipient.json().detail, /^No recipient column: the header line needs one of email \(courriel\), did or sourcedId/)
  const broken = await csv('email,name\n"ada@uni.example,Ada\n')
  t.equal(broken.statusCode, 400)
  t.match(broken.json().detail, /could not be read as CSV/)
})

t.test('an uploaded French CSV is issued: names joined, listed, duplicates refused with the credential held, failed rows retried or dismissed', async t => {
  const stores = await setup(t)
  const { app, issuer, data, secrets, db } = stores
  const redis = createWorkerRedis(stores.config.REDIS_URL)
  const ctx = createIssuerContext({ config: stores.config, secrets, db, redis })
  t.teardown(async () => { await ctx.close(); redis.disconnect() })
  const upload = multipart(fixture('semicolon-bom-crlf-french.csv'))
  const res = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/batches`, headers: { ...bearer(issuer.apiKey), ...upload.headers }, payload: upload.payload })
  t.equal(res.statusCode, 202, res.body)
  await processChunk(ctx, { batchId: res.json().batchId, chunk: 0 }, { lastAttempt: true })
  const listed = (await app.inject({ url: `/issuers/${issuer.id}/credentials?batchId=${res.json().batchId}`, headers: bearer(issuer.apiKey) })).json()
  t.same(listed.items.map((i: any) => [i.recipientName, i.row]).sort(), [['Alan Turing', 0], ['Marie Curie', 1]], 'prénom + nom')

  // a single award to a holder: 409 with the credential held; allowDuplicate awards it again
  const held = listed.items.find((i: any) => i.row === 0).id
  const again = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey), payload: { achievementId: listed.items[0].achievementId, recipient: { email: 'ALAN@Univ.example' } } })
  t.equal(again.statusCode, 409)
  t.match(again.json(), { code: 'OBP_ISSUER_ALREADY_AWARDED', credentialId: held })
  const wanted = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey), payload: { achievementId: listed.items[0].achievementId, recipient: { email: 'alan@univ.example' }, allowDuplicate: true } })
  t.equal(wanted.statusCode, 201)
  const otherBadge = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey), payload: { achievementId: data.id, recipient: { email: 'alan@univ.example' } } })
  t.equal(otherBadge.statusCode, 201, 'another achievement is another award')

  // a batch: a holder's row fails with the credential held; its input is kept without the address
  const batch = await app.inject({
    method: 'POST', url: `/issuers/${issuer.id}/batches`, headers: bearer(issuer.apiKey),
    payload: { awards: [{ achievementId: data.id, recipient: { email: 'alan@univ.example', name: 'Alan' } }, { achievementId: data.id, recipient: { did: 'did:example:ok' } }, { achievementId: data.id, recipient: { did: 'did:example:ok' } }] }
  })
  t.equal(batch.statusCode, 202, batch.body)
  const { batchId } = batch.json()
  t.same(await processChunk(ctx, { batchId, chunk: 0 }, { lastAttempt: true }), { issued: 1, failed: 2 })
  const results = (await app.inject({ url: `/batches/${batchId}`, headers: bearer(issuer.apiKey) })).json().results
  t.match(results[0], { row: 0, state: 'failed', code: 'OBP_ISSUER_ALREADY_AWARDED', existingCredentialId: otherBadge.json().id, resolution: 'waiting', input: { recipient: { name: 'Alan' } } })
  t.notOk(JSON.stringify(results[0]).includes('alan@univ.example'), 'the kept input has no address')
  t.type(results[0].input.recipient.recipientHash, 'string')
  t.match(results[2], { row: 2, state: 'failed', code: 'OBP_ISSUER_ALREADY_AWARDED', existingCredentialId: results[1].credentialId, input: { recipient: { did: 'did:example:ok' } } }, 'a repeated row in the same batch')

  const batches = (await app.inject({ url: `/issuers/${issuer.id}/batches?limit=1`, headers: bearer(issuer.apiKey) })).json()
  t.match(batches.items, [{ batchId, state: 'completed', total: 3, succeeded: 1, failed: 2, pending: 0, unresolved: 2 }], 'newest first')
  const second = (await app.inject({ url: `/issuers/${issuer.id}/batches?limit=1&cursor=${batches.next}`, headers: bearer(issuer.apiKey) })).json()
  t.match(second.items, [{ batchId: res.json().batchId, succeeded: 2, failed: 0 }])
  t.equal(second.next, undefined)

  // retry: row 0 needs its corrected input (no address kept); row 2 can be retried as kept (a DID)
  const asKept = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/batches/${batchId}/retry`, headers: bearer(issuer.apiKey), payload: { rows: [0] } })
  t.equal(asKept.statusCode, 400)
  t.match(asKept.json().errors, [{ row: 0, code: 'OBP_ISSUER_ROW_NEEDS_INPUT' }])
  const retry = await app.inject({
    method: 'POST', url: `/issuers/${issuer.id}/batches/${batchId}/retry`, headers: bearer(issuer.apiKey),
    payload: { awards: [{ row: 0, achievementId: data.id, recipient: { email: 'alan@univ.example' }, allowDuplicate: true }] }
  })
  t.equal(retry.statusCode, 202, retry.body)
  t.same(retry.json().retried, [0])
  await processChunk(ctx, { batchId: retry.json().batchId, chunk: 0 }, { lastAttempt: true })
  const after = (await app.inject({ url: `/batches/${batchId}`, headers: bearer(issuer.apiKey) })).json().results
  t.match(after[0], { resolution: 'retried', retriedIn: { batchId: retry.json().batchId, row: 0 } })
  t.match((await app.inject({ url: `/batches/${retry.json().batchId}`, headers: bearer(issuer.apiKey) })).json(), { state: 'completed', succeeded: 1 })
  const twice = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/batches/${batchId}/retry`, headers: bearer(issuer.apiKey), payload: { rows: [0] } })
  t.match(twice.json().errors, [{ row: 0, code: 'OBP_ISSUER_BATCH_ROWS_NOT_FAILED' }], 'a row is retried once')
  const dismissed = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/batches/${batchId}/dismiss`, headers: bearer(issuer.apiKey), payload: {} })
  t.same(dismissed.json(), { dismissed: [2] })
  t.match((await app.inject({ url: `/issuers/${issuer.id}/batches?limit=2`, headers: bearer(issuer.apiKey) })).json().items[1], { batchId, unresolved: 0 })
  const other = await createIssuer(app, secrets.adminToken, { name: 'Other' })
  t.equal((await app.inject({ method: 'POST', url: `/issuers/${other.id}/batches/${batchId}/dismiss`, headers: bearer(other.apiKey), payload: {} })).statusCode, 404, 'another issuer\'s batch: like a missing one')
})

t.test('malformed multipart uploads are refused with a 4xx and a code, never a 500, and nothing is queued', async t => {
  const { app, issuer, data } = await setup(t)
  const url = `/issuers/${issuer.id}/batches`
  const row = `achievementId,email\n${data.id},ada@uni.example\n`
  const cases: Array<[string, string, string]> = [
    ['no boundary', 'multipart/form-data', `--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n${row}`],
    ['a file part with no end', 'multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n${row}`],
    ['cut inside the headers', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-da'],
    ['garbage', 'multipart/form-data; boundary=x', 'garbage'],
    ['no file part', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="dryRun"\r\n\r\ntrue\r\n--x--\r\n'],
    ['a field with a NUL', 'multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="achievementId"\r\n\r\na\u0000b\r\n--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n${row}\r\n--x--\r\n`]
  ]
  for (const [name, type, body] of cases) {
    const res = await app.inject({ method: 'POST', url, headers: { ...bearer(issuer.apiKey), 'content-type': type }, payload: body })
    t.ok(res.statusCode >= 400 && res.statusCode < 500, `${name}: ${res.statusCode} ${res.body.slice(0, 160)}`)
    t.match(res.json(), { code: /^OBP_/ }, `${name}: a machine-readable code`)
  }
  const listed = await app.inject({ url: `/issuers/${issuer.id}/batches`, headers: bearer(issuer.apiKey) })
  t.same(listed.json().items, [], 'no batch was created')
  t.equal((await app.inject('/health/live')).statusCode, 200, 'the service is still up')
})
