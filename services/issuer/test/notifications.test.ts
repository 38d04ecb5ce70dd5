// Learner notifications (issue 17) end to end inside the service: awards -> obp-notifications (real Redis) ->
// the notification worker -> a real SMTP server on a free port, whose messages are parsed with mailparser.
import { createHash } from 'node:crypto'
import t, { type Test } from 'tap'
type Tap = Test
import { Registry } from 'prom-client'
import { createWorkerRedis } from '@obp/service-kit'
import { build, bearer, createAchievement, createIssuer } from './helper.js'
import { startSmtp } from './smtp-helper.js'
import { createMailer } from '../src/mail/mailer.js'
import { startNotificationWorker } from '../src/delivery/notification-worker.js'
import { notificationJobId } from '../src/delivery/queue-notifications.js'
import { processChunk } from '../src/batches/process-chunk.js'
import { createIssuerContext } from '../src/context.js'

async function setup (t: Tap, opts: { rate?: number; reject?: () => boolean } = {}) {
  const smtp = await startSmtp(t, { reject: opts.reject })
  const s = await build(t)
  // the worker's context, built as src/worker.ts builds it, on the test's database and queues
  const redis = createWorkerRedis(s.config.REDIS_URL)
  const ctx = createIssuerContext({ config: s.config, secrets: s.secrets, db: s.db, redis })
  t.teardown(async () => { await ctx.close(); redis.disconnect() })
  const registry = new Registry()
  const mailer = createMailer({ smtpUrl: smtp.url, from: 'Badges <badges@platform.example>', outboxDir: s.dataDir })
  const connection = createWorkerRedis(s.config.REDIS_URL)
  const worker = startNotificationWorker({ ctx, mailer, connection, prefix: s.queuePrefix, registry, ratePerSecond: opts.rate ?? 50 })
  t.teardown(async () => { await worker.close(); mailer.close(); connection.disconnect() })
  return { ...s, ctx, smtp, registry }
}

const claimLink = (text: string): string => {
  const m = /(http:\/\/\S+\/claim\/[A-Za-z0-9_-]+)/.exec(text)
  if (!m) throw new Error('no claim link in ' + text)
  return m[1]
}

async function until<T> (fn: () => Promise<T | undefined | null | false>, maxMs = 20_000): Promise<T> {
  const start = Date.now()
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() - start > maxMs) throw new Error('condition not reached')
    await new Promise(resolve => setTimeout(resolve, 100))
  }
}

t.test('an award with an email sends the learner one message in the issuer\'s language, with image and claim link', async t => {
  const { app, secrets, smtp, ctx, db, registry, queuePrefix } = await setup(t)
  const issuer = await createIssuer(app, secrets.adminToken, { name: 'Université <Côte> & Co', language: 'en', notificationText: 'Well done from the <jury>!' })
  const achievement = await createAchievement(app, issuer, { name: 'Data & <Literacy>' })
  const res = await app.inject({
    method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey),
    payload: { achievementId: achievement.id, recipient: { email: 'Ada.Learner@Example.org', name: 'Ada' } }
  })
  t.equal(res.statusCode, 201)
  const credentialId = res.json().id

  const [{ mail, envelopeTo }] = await smtp.waitFor(1)
  t.same(envelopeTo.map(a => a.toLowerCase()), ['ada.learner@example.org'])
  t.equal(mail.subject, 'Université <Côte> & Co awarded you the badge "Data & <Literacy>"')
  t.match(mail.from?.text, /badges@platform\.example/)
  t.match(mail.text, /Hello Ada,/)
  t.match(mail.text, /Well done from the <jury>!/, 'the issuer\'s own text, as plain text')
  const link = claimLink(mail.text ?? '')
  t.ok(link.startsWith(`${ctx.config.ISSUER_PUBLIC_URL}/claim/`), 'the link is under ISSUER_PUBLIC_URL')
  const html = String(mail.html)
  t.match(html, /Data &amp; &lt;Literacy&gt;/, 'values are escaped in the HTML part')
  t.notMatch(html, /<jury>|<Literacy>/, 'no raw markup from data')
  t.ok(html.includes(`href="${link}"`), 'the HTML part links the same claim page')
  const image = mail.attachments.find(a => a.contentType === 'image/png')
  t.ok(image, 'the badge image travels with the message')
  t.equal(image?.related, true, 'an inline part of the HTML (mailparser turns its cid: into a data: URI)')
  t.match(html, /<img src="data:image\/png;base64,/)
  t.same([...image!.content.subarray(1, 4)].map(c => String.fromCharCode(c)).join(''), 'PNG')

  // the token is stored only as its hash, with an expiry 90 days out
  const token = link.split('/claim/')[1]
  const claim = await db.collection('claims').findOne({ _id: createHash('sha256').update(token).digest('base64url') as any })
  t.equal(claim?.credentialId, credentialId)
  const days = (claim!.expiresAt.getTime() - Date.now()) / 86_400_000
  t.ok(days > 89.9 && days <= 90, 'expires in 90 days')
  t.equal(await db.collection('claims').countDocuments({ _id: token as any }), 0)

  // the wallet code travels in the same message, in both parts; only its hash is kept, with the claim
  const txCode = /enter: (\d{6})/.exec(mail.text ?? '')?.[1] as string
  t.match(txCode, /^\d{6}$/, 'the text part gives the code wallets ask for')
  t.ok(html.includes(`>${txCode}</strong>`), 'and so does the HTML part')
  t.equal(claim?.txHash, createHash('sha256').update(`${claim?._id}:${txCode}`).digest('base64url'))
  t.notMatch(JSON.stringify(claim), new RegExp(txCode), 'the code itself is not stored')
  // an offer from this claim asks for it (OID4VCI tx_code) without showing it; a wrong one is refused, the right one works
  const offers = await app.inject({ method: 'POST', url: `/claim/${token}/offers`, payload: { txCode: true } })
  t.equal(offers.statusCode, 201, offers.body)
  t.notOk('txCode' in offers.json(), 'not shown with the offer')
  const offer = (await app.inject({ url: new URL(offers.json().credentialOfferUri).pathname })).json()
  const grant = offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']
  t.match(grant.tx_code, { input_mode: 'numeric', length: 6, description: /email/ })
  const tokenUrl = `/issuers/${issuer.id}/token`
  const form = (tx: string) => `grant_type=${encodeURIComponent('urn:ietf:params:oauth:grant-type:pre-authorized_code')}&pre-authorized_code=${grant['pre-authorized_code']}&tx_code=${tx}`
  const post = (tx: string) => app.inject({ method: 'POST', url: tokenUrl, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form(tx) })
  const wrong = await post(txCode === '000000' ? '111111' : '000000')
  t.same([wrong.statusCode, wrong.json().error], [400, 'invalid_grant'], 'a wrong code')
  const right = await post(txCode)
  t.equal(right.statusCode, 200, right.body)
  t.type(right.json().access_token, 'string', 'the emailed code opens the offer')
  // wrong codes count per offer (5) and per claim link (10, across offers): then even the right code is refused
  const newGrant = async () => {
    const o = (await app.inject({ method: 'POST', url: `/claim/${token}/offers`, payload: {} })).json()
    return (await app.inject({ url: new URL(o.credentialOfferUri).pathname })).json().grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']['pre-authorized_code'] as string
  }
  const attempt = (code: string, tx: string) => app.inject({ method: 'POST', url: tokenUrl, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `grant_type=${encodeURIComponent('urn:ietf:params:oauth:grant-type:pre-authorized_code')}&pre-authorized_code=${code}&tx_code=${tx}` })
  const bad = txCode === '000000' ? '111111' : '000000'
  let wrongSoFar = 1
  while (wrongSoFar < 10) {
    const code = await newGrant()
    for (let i = 0; i < 4 && wrongSoFar < 10; i++, wrongSoFar++) t.equal((await attempt(code, bad)).statusCode, 400)
  }
  const afterCap = await attempt(await newGrant(), txCode)
  t.same([afterCap.statusCode, afterCap.json().error], [400, 'invalid_grant'], '10 wrong codes for one claim link: its code is dead')
  t.match(afterCap.json().error_description, /send the badge again/)

  // delivery state on the credential's record; the address is gone once sent, a keyed hash remains
  const state = await until(async () => {
    const r = await app.inject({ url: `/issuers/${issuer.id}/credentials/${encodeURIComponent(credentialId)}/delivery`, headers: bearer(issuer.apiKey) })
    return r.json().state === 'sent' && r.json()
  })
  t.match(state, { state: 'sent', messages: 1, attempts: 0 })
  const stored = JSON.stringify(await db.collection('deliveries').findOne({ _id: credentialId }))
  t.notMatch(stored.toLowerCase(), /ada\.learner|example\.org/, 'no address in clear at rest')
  t.notMatch(stored, /"address"/, 'the sealed address is removed after sending')

  // the job carries ids only
  const { Queue } = await import('bullmq')
  const qRedis = createWorkerRedis(ctx.config.REDIS_URL)
  const q = new Queue('obp-notifications', { connection: qRedis, prefix: queuePrefix })
  t.teardown(async () => { await q.close(); qRedis.disconnect() })
  const job = await q.getJob(notificationJobId(credentialId, 1))
  t.same(Object.keys(job?.data ?? {}).sort(), ['credentialId', 'issuerId', 'seq'])
  t.notMatch(JSON.stringify(job), /example\.org/i)
  t.match(await registry.getSingleMetricAsString('obp_notifications_total'), /outcome="sent"} 1/)

  await t.test('a replayed award (same Idempotency-Key) sends nothing more', async t => {
    const again = async () => app.inject({
      method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: { ...bearer(issuer.apiKey), 'idempotency-key': 'k1' },
      payload: { achievementId: achievement.id, recipient: { email: 'bob@example.org' } }
    })
    t.equal((await again()).statusCode, 201)
    await smtp.waitFor(2)
    t.equal((await again()).statusCode, 200)
    await new Promise(resolve => setTimeout(resolve, 1500))
    t.equal(smtp.received.length, 2)
  })

  await t.test('re-send: the recipient\'s address is checked against the credential; a new link is sent', async t => {
    const url = `/issuers/${issuer.id}/credentials/${encodeURIComponent(credentialId)}/claim`
    const wrong = await app.inject({ method: 'POST', url, headers: bearer(issuer.apiKey), payload: { email: 'eve@example.org' } })
    t.equal(wrong.statusCode, 422)
    t.equal(wrong.json().code, 'OBP_ISSUER_RECIPIENT_MISMATCH')
    const ok = await app.inject({ method: 'POST', url, headers: bearer(issuer.apiKey), payload: { email: 'ada.learner@example.org', language: 'fr' } })
    t.equal(ok.statusCode, 202)
    const received = await smtp.waitFor(3)
    const last = received[2].mail
    t.match(last.subject, /vous a décerné le badge « Data & <Literacy> »/)
    t.not(claimLink(last.text ?? ''), link, 'a new link')
    const plain = await app.inject({ method: 'POST', url, headers: bearer(issuer.apiKey), payload: {} })
    t.equal(plain.statusCode, 201)
    t.match(plain.json().claimUrl, /\/claim\/[A-Za-z0-9_-]{43}$/)
    const other = await createIssuer(app, secrets.adminToken, { name: 'Other' })
    const foreign = await app.inject({ method: 'POST', url: `/issuers/${other.id}/credentials/${encodeURIComponent(credentialId)}/claim`, headers: bearer(other.apiKey), payload: {} })
    t.equal(foreign.statusCode, 404, 'another issuer\'s credential answers like a missing one')
  })

  await t.test('erasure removes the recipient\'s deliveries and claim links', async t => {
    const before = await db.collection('claims').countDocuments({ credentialId })
    t.equal(before, 3)
    const denied = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/recipients/erase`, payload: { email: 'ada.learner@example.org' } })
    t.equal(denied.statusCode, 401)
    const res = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/recipients/erase`, headers: bearer(issuer.apiKey), payload: { email: 'ADA.learner@example.org' } })
    t.equal(res.statusCode, 200)
    t.same(res.json(), { credentials: 1, deliveries: 1, claims: 3 })
    t.equal(await db.collection('claims').countDocuments({ credentialId }), 0)
    t.equal(await db.collection('deliveries').countDocuments({ _id: credentialId }), 0)
    t.equal((await app.inject({ url: `/credentials/${encodeURIComponent(credentialId)}` })).statusCode, 200, 'the credential itself stays')
  })
})

t.test('French by default; notify: false sends nothing; an award may override the language', async t => {
  const { app, secrets, smtp } = await setup(t)
  const issuer = await createIssuer(app, secrets.adminToken, { name: 'Lycée Mistral' })
  const achievement = await createAchievement(app, issuer, { name: 'Secourisme' })
  const award = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: `/issuers/${issuer.id}/credentials`, headers: bearer(issuer.apiKey), payload: { achievementId: achievement.id, ...payload } })
  const silent = await award({ recipient: { email: 'quiet@example.org' }, notify: false })
  t.equal(silent.statusCode, 201)
  await award({ recipient: { email: 'fr@example.org' } })
  await award({ recipient: { email: 'en@example.org' }, language: 'en', notificationText: 'See you at graduation.' })
  await award({ recipient: { sourcedId: 'S-1' } })
  const received = await smtp.waitFor(2)
  await new Promise(resolve => setTimeout(resolve, 1000))
  t.equal(smtp.received.length, 2, 'only the two notified awards')
  const bySubject = new Map(received.map(r => [r.envelopeTo[0], r.mail]))
  t.equal(bySubject.get('fr@example.org')?.subject, 'Lycée Mistral vous a décerné le badge « Secourisme »')
  t.match(bySubject.get('fr@example.org')?.text, /Bonjour,[\s\S]*valable jusqu'au/)
  t.equal(bySubject.get('en@example.org')?.subject, 'Lycée Mistral awarded you the badge "Secourisme"')
  t.match(bySubject.get('en@example.org')?.text, /See you at graduation\./)
  const state = await app.inject({ url: `/issuers/${issuer.id}/credentials/${encodeURIComponent(silent.json().id)}/delivery`, headers: bearer(issuer.apiKey) })
  t.same(state.json().state, 'none')
  const bad = await award({ recipient: { email: 'x@example.org' }, language: 'de' })
  t.equal(bad.statusCode, 400)
})

t.test('a batch notifies its rows, paced by the limiter; a relay refusal is retried and the error kept without the address', async t => {
  let refusals = 1
  const { app, secrets, smtp, ctx, db } = await setup(t, { rate: 2, reject: () => refusals-- > 0 })
  const issuer = await createIssuer(app, secrets.adminToken, { name: 'IUT', language: 'en' })
  const achievement = await createAchievement(app, issuer)
  const awards = Array.from({ length: 5 }, (_, i) => ({ achievementId: achievement.id, recipient: { email: `row${i}@example.org` }, ...(i === 4 ? { notify: false } : {}) }))
  const res = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/batches`, headers: bearer(issuer.apiKey), payload: { awards } })
  t.equal(res.statusCode, 202)
  await processChunk(ctx, { batchId: res.json().batchId, chunk: 0 }, { lastAttempt: false })
  const failedOnce = await until(async () => {
    const d = await db.collection('deliveries').findOne({ attempts: 1 })
    return d ?? undefined
  })
  t.match(failedOnce.lastError, /mailbox unavailable: <address>/)
  t.notMatch(failedOnce.lastError, /@/, 'the relay quoted the address; it is scrubbed')
  const received = await smtp.waitFor(4, 60_000)
  t.same(received.map(r => r.envelopeTo[0]).sort(), ['row0@example.org', 'row1@example.org', 'row2@example.org', 'row3@example.org'])
  const times = received.map(r => r.mail.date?.getTime() ?? 0)
  t.ok(Math.max(...times) - Math.min(...times) >= 1000, 'four messages at 2 per second take at least a second')
  await until(async () => (await db.collection('deliveries').countDocuments({ state: 'sent' })) === 4)

  await t.test('a batch with notify: false sends nothing', async t => {
    const quiet = await app.inject({ method: 'POST', url: `/issuers/${issuer.id}/batches`, headers: bearer(issuer.apiKey), payload: { awards: awards.slice(0, 2), notify: false } })
    await processChunk(ctx, { batchId: quiet.json().batchId, chunk: 0 }, { lastAttempt: false })
    t.equal(await db.collection('deliveries').countDocuments({}), 4)
  })
})

t.test('without SMTP_URL each message is an .eml file in the outbox', async t => {
  const { mkdtempSync, readdirSync, readFileSync } = await import('node:fs')
  const { join } = await import('node:path')
  const { tmpdir } = await import('node:os')
  const { simpleParser } = await import('mailparser')
  const dir = join(mkdtempSync(join(tmpdir(), 'obp-outbox-')), 'outbox')
  const mailer = createMailer({ from: 'Badges <b@platform.example>', outboxDir: dir })
  await mailer.send({ to: 'learner@example.org', subject: 'Votre badge « é »', text: 'Bonjour', html: '<p>Bonjour</p>' })
  const files = readdirSync(dir)
  t.equal(files.length, 1)
  t.match(files[0], /\.eml$/)
  const parsed = await simpleParser(readFileSync(join(dir, files[0])))
  t.equal(parsed.subject, 'Votre badge « é »')
  t.equal(parsed.text?.trim(), 'Bonjour')
  t.match(parsed.to, { text: 'learner@example.org' })
})
