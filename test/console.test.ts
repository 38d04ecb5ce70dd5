// The console's end-to-end story in real Chromium against real processes over HTTP (issuer + worker, revocation
// + worker, verifier): the operator invites a museum's owner, who sets a password from the email, creates an
// achievement with an image, awards a badge, uploads a 200-row CSV with two bad rows, watches the progress bar to
// the end, retries the fixed rows, finds it among the past batches (where an SIS's failed row is retried too), revokes
// one credential, resends a learner's notification, sets the learner messages' language, and endorses a university's
// achievement, which the university's owner accepts; a viewer cannot award; one issuer's user cannot see another's data. Every page is
// checked with axe-core and photographed (.data/screenshots/console-*.png), in English and in French.
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { call, freePort, Proc, withDatabase } from './support/platform.js'
import { axe, hasChromium, launch, mailedLink, shot, watch } from './support/browser.js'

/** How many messages the outbox holds for an address (the learner's notifications are .eml files there in development). */
function mailsTo (dataDir: string, to: string): number {
  const dir = join(dataDir, 'outbox')
  if (!existsSync(dir)) return 0
  const header = new RegExp(`^To: ${to.replace(/[.+]/g, '\\$&')}\\s*$`, 'mi')
  return readdirSync(dir).filter(f => f.endsWith('.eml') && header.test(readFileSync(join(dir, f), 'utf8'))).length
}

// a 1x1 PNG, the smallest valid badge image
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

/**
 * The processes the console needs (issuer + worker, revocation), each over real HTTP; the verifier and the
 * revocation worker play no part here. Patient start-up: the shared machine may be very busy.
 */
async function startConsolePlatform (t: { teardown: (fn: () => unknown) => void }) {
  const [ip, rp, iw] = await Promise.all([freePort(), freePort(), freePort()])
  const dbName = 'e2e_console_' + randomUUID().slice(0, 8)
  const issuer = `http://127.0.0.1:${ip}`
  const revocation = `http://127.0.0.1:${rp}`
  const env: Record<string, string> = {
    ...process.env as Record<string, string>,
    MONGODB_URL: withDatabase(process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:27017', dbName),
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    OBP_QUEUE_PREFIX: 'e2e' + randomUUID().slice(0, 8),
    OBP_DATA_DIR: mkdtempSync(join(tmpdir(), 'obp-e2e-console-')),
    LOG_LEVEL: 'warn', HOST: '127.0.0.1',
    ISSUER_PORT: String(ip), REVOCATION_PORT: String(rp), ISSUER_PUBLIC_URL: issuer, REVOCATION_PUBLIC_URL: revocation
  }
  const ready = 240_000
  const procs = [
    new Proc({ name: 'revocation', file: 'services/revocation/dist/server.js', healthUrl: `${revocation}/health/ready`, readyTimeoutMs: ready }, env),
    new Proc({ name: 'issuer', file: 'services/issuer/dist/server.js', healthUrl: `${issuer}/health/ready`, readyTimeoutMs: ready }, env),
    new Proc({ name: 'issuer-worker', file: 'services/issuer/dist/worker.js', env: { WORKER_HEALTH_PORT: String(iw) }, healthUrl: `http://127.0.0.1:${iw}/health/ready`, readyTimeoutMs: ready }, env)
  ]
  t.teardown(async () => {
    await Promise.all(procs.map(p => p.kill('SIGTERM')))
    const { MongoClient } = await import('mongodb')
    const c = new MongoClient(env.MONGODB_URL, { serverSelectionTimeoutMS: 2000 })
    await c.connect().then(() => c.db(dbName).dropDatabase()).catch(() => {}).finally(() => c.close())
  })
  // the first process writes the development admin token and KEK; then the others
  await procs[0].start()
  await Promise.all(procs.slice(1).map(p => p.start()))
  return { issuer, revocation, env, adminToken: readFileSync(join(env.OBP_DATA_DIR, 'admin-token'), 'utf8').trim() }
}

t.test('the console story', { skip: hasChromium ? false : 'chromium is not installed (scripts/browser-tools.sh)' }, async t => {
  const platform = await startConsolePlatform(t)
  const base = platform.issuer + '/console/'
  const dataDir = platform.env.OBP_DATA_DIR
  const [operatorEmail, operatorPassword] = readFileSync(join(dataDir, 'console-owner'), 'utf8').split('\n')
  const files = mkdtempSync(join(tmpdir(), 'obp-console-'))
  const browser: Browser = await launch(t)
  const watched: string[][] = []

  async function open (locale = 'en-GB', viewport = { width: 1200, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale, viewport })
    context.setDefaultTimeout(20_000)
    const page = await context.newPage()
    watched.push(watch(page))
    return { context, page }
  }
  /** axe on the page as it is, then a screenshot. */
  async function check (page: Page, name: string) {
    await page.waitForLoadState('networkidle')
    const violations = await axe(page)
    t.same(violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`), [], `${name}: no serious or critical axe violation`)
    await shot(page, `console-${name}`)
  }
  async function signIn (page: Page, email: string, password: string) {
    await page.goto(base)
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Sign in' }).click()
  }
  async function acceptInvitation (page: Page, email: string, password: string) {
    await page.goto(base + mailedLink(dataDir, email, 'invitation'))
    await page.getByLabel('Choose a password').fill(password)
    await page.getByRole('button', { name: 'Accept the invitation' }).click()
    await page.getByRole('link', { name: 'Profile' }).waitFor()
  }

  const operator = await open()
  await t.test('the operator signs in with .data/console-owner and creates two issuers in the network', async t => {
    const res = await operator.page.goto(base)
    t.match(res?.headers()['content-security-policy'], /default-src 'none'; script-src 'self'/, 'a strict CSP, no inline script')
    await operator.page.getByRole('heading', { name: 'Sign in to the badge console' }).waitFor()
    await check(operator.page, 'sign-in')
    await signIn(operator.page, operatorEmail, operatorPassword)
    await operator.page.getByRole('heading', { name: 'Administration' }).waitFor()
    const cookies = await operator.context.cookies()
    t.match(cookies.find(c => c.name === 'obp_session'), { httpOnly: true, sameSite: 'Strict' }, 'the session cookie is HttpOnly and SameSite=Strict')
    t.equal(await operator.page.evaluate('document.cookie'), '', 'no cookie is readable by script')
    for (const name of ['Musée des Beaux-Arts', 'Université de Nantes']) {
      await operator.page.getByLabel('Name', { exact: true }).fill(name)
      await operator.page.getByRole('button', { name: 'Create the issuer' }).click()
      await operator.page.getByRole('status').filter({ hasText: `${name} is created` }).waitFor()
      await operator.page.getByRole('button', { name: `Add ${name} to the network` }).click()
      await operator.page.getByRole('row', { name: new RegExp(name) }).getByText('member').waitFor()
    }
    await check(operator.page, 'admin')
  })

  await t.test('the operator invites each issuer\'s first owner', async t => {
    for (const [name, email] of [['Musée des Beaux-Arts', 'owner@museum.example'], ['Université de Nantes', 'owner@university.example']]) {
      await operator.page.getByRole('button', { name: `Invite someone to ${name}` }).click()
      await operator.page.getByLabel('Email', { exact: true }).fill(email)
      await operator.page.getByRole('button', { name: 'Send the invitation' }).click()
      await operator.page.getByRole('status').filter({ hasText: `Invitation sent to ${email}` }).waitFor()
    }
    t.match(mailedLink(dataDir, 'owner@museum.example', 'invitation'), /^#\/invitation\//, 'the invitation is in the outbox')
  })

  const museum = await open()
  await t.test('the museum\'s owner sets a password from the email and creates an achievement with an image', async t => {
    await museum.page.goto(base + mailedLink(dataDir, 'owner@museum.example', 'invitation'))
    await museum.page.getByText('Musée des Beaux-Arts invites you (owner@museum.example) as owner.').waitFor()
    await check(museum.page, 'invitation')
    await museum.page.getByLabel('Choose a password').fill('museum owner password')
    await museum.page.getByRole('button', { name: 'Accept the invitation' }).click()
    await museum.page.getByRole('heading', { name: 'Musée des Beaux-Arts' }).waitFor()
    await check(museum.page, 'profile')

    await museum.page.getByRole('link', { name: 'Achievements' }).click()
    await museum.page.getByRole('link', { name: 'New achievement' }).click()
    await museum.page.getByLabel('Name', { exact: true }).fill('Médiateur culturel')
    await museum.page.getByLabel('Description').fill('Guides visitors through the collections.')
    await museum.page.getByLabel('Criteria').fill('Led ten guided tours.')
    const png = join(files, 'badge.png')
    writeFileSync(png, PNG)
    await museum.page.getByLabel('Image').setInputFiles(png)
    await museum.page.getByRole('img', { name: 'Preview of the badge image' }).waitFor()
    await museum.page.getByLabel('Tags').fill('culture, médiation')
    await check(museum.page, 'achievement-form')
    await museum.page.getByRole('button', { name: 'Save' }).click()
    await museum.page.getByRole('heading', { name: 'Médiateur culturel' }).waitFor()
    t.ok(await museum.page.getByText('culture · médiation').isVisible(), 'the tags are shown')
    await check(museum.page, 'achievements')
  })

  await t.test('the owner sets the learner messages\' default language and text on the profile page', async t => {
    await museum.page.getByRole('link', { name: 'Profile' }).click()
    const language = museum.page.getByLabel('Default language of messages to learners')
    await language.selectOption('en')
    await museum.page.getByLabel('Your short text in messages to learners').fill('See you soon at the museum.')
    await museum.page.getByRole('button', { name: 'Save the message settings' }).click()
    await museum.page.getByRole('status').filter({ hasText: 'The message settings are saved.' }).waitFor()
    await check(museum.page, 'profile-messages')
    await museum.page.reload()
    const text = museum.page.getByLabel('Your short text in messages to learners')
    for (let i = 0; i < 80 && await text.inputValue() === ''; i++) await museum.page.waitForTimeout(250) // the settings load after the page
    t.equal(await text.inputValue(), 'See you soon at the museum.', 'the text is kept')
    t.equal(await museum.page.getByLabel('Default language of messages to learners').inputValue(), 'en', 'the default language is kept')
  })

  let awardedId = ''
  await t.test('the owner awards one badge', async t => {
    await museum.page.getByRole('link', { name: 'Award a badge' }).click()
    await museum.page.getByLabel('Recipient\'s email').fill('learner@example.org')
    await museum.page.getByLabel('Recipient\'s name').fill('Louise Martin')
    await museum.page.getByRole('button', { name: 'Award the badge' }).click()
    await museum.page.getByRole('status').filter({ hasText: 'Badge awarded' }).waitFor()
    awardedId = String(await museum.page.getByRole('status').getByRole('link').textContent())
    t.match(awardedId, /\/credentials\/[0-9a-f-]{36}$/, 'the new credential is linked')
    await check(museum.page, 'award')
  })

  await t.test('a 200-row CSV with two bad rows: dry run, progress to the end, fixed rows retried', async t => {
    const lines = ['Nom,Courriel']
    for (let i = 0; i < 200; i++) lines.push(`Learner ${i},${i === 49 || i === 149 ? `learner${i}-at-example.org` : `learner${i}@example.org`}`)
    const csv = join(files, 'learners.csv')
    writeFileSync(csv, lines.join('\n') + '\n')
    await museum.page.getByRole('link', { name: 'CSV upload' }).click()
    await museum.page.getByLabel('CSV file').setInputFiles(csv)
    await museum.page.getByRole('table', { name: /First rows of 200/ }).waitFor()
    t.equal(await museum.page.getByLabel('Column Courriel is').inputValue(), 'email', 'the email column is recognised')
    t.equal(await museum.page.getByLabel('Column Nom is').inputValue(), 'name')
    await check(museum.page, 'csv-preview')
    await museum.page.getByRole('button', { name: 'Check the file (dry run)' }).click()
    await museum.page.getByText('198 rows are valid, 2 have errors.').waitFor()
    t.ok(await museum.page.getByText(/^Line 51: /).isVisible(), 'the first bad row is named by its spreadsheet line')
    t.ok(await museum.page.getByText(/^Line 151: /).isVisible())
    await check(museum.page, 'csv-dry-run')
    await museum.page.getByRole('button', { name: 'Award the 198 valid rows' }).click()
    const progress = museum.page.getByRole('progressbar', { name: 'Progress' })
    await progress.waitFor()
    t.equal(await progress.getAttribute('max'), '200')
    await museum.page.getByText('Finished: 198 awarded, 2 failed.').waitFor({ timeout: 120_000 })
    t.equal(await progress.getAttribute('value'), '200', 'the progress bar reaches the end')
    await check(museum.page, 'csv-results')
    const download = museum.page.waitForEvent('download')
    await museum.page.getByRole('link', { name: 'Download the results (CSV)' }).click()
    const results = readFileSync(await (await download).path(), 'utf8').trim().split(/\r?\n/)
    t.equal(results.length, 201, 'the results file has every row')
    await museum.page.getByLabel('Courriel, line 51').fill('learner49@example.org')
    await museum.page.getByLabel('Courriel, line 151').fill('learner149@example.org')
    await museum.page.getByRole('button', { name: 'Retry the failed rows' }).click()
    await museum.page.getByText('Finished: 2 awarded, 0 failed.').waitFor({ timeout: 60_000 })
  })

  await t.test('past batches: a batch\'s results, its failed row retried with the address typed again', async t => {
    // a batch sent by another client (an SIS): one row refused for its address, kept to be retried here
    const sent = await museum.page.evaluate(async () => {
      const session = await (await fetch('/console/api/session')).json() as { issuerId: string; csrfToken: string }
      const achievements = await (await fetch(`/issuers/${session.issuerId}/achievements`)).json() as Array<{ id: string }>
      const awards = [{ recipient: { email: 'early@example.org', name: 'Éloi Early' } }, { recipient: { email: 'late-at-example.org', name: 'Léa Late' } }]
      const res = await fetch(`/issuers/${session.issuerId}/batches`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ awards: awards.map(a => ({ ...a, achievementId: achievements[0].id })), allowPartial: true })
      })
      return res.status
    })
    t.equal(sent, 202)
    await museum.page.getByRole('link', { name: 'Past batches', exact: true }).click()
    await museum.page.getByRole('link', { name: /\(200 rows\)$/ }).waitFor()
    await check(museum.page, 'past-batches')
    await museum.page.getByRole('link', { name: /\(200 rows\)$/ }).click()
    await museum.page.getByText('Finished: 198 awarded, 2 failed.').waitFor()
    t.equal(await museum.page.getByRole('table', { name: /Failed rows/ }).getByRole('row').filter({ hasText: 'retried' }).count(), 2, 'the rows fixed on the upload page show as retried')
    const download = museum.page.waitForEvent('download')
    await museum.page.getByRole('link', { name: 'Download the results (CSV)' }).click()
    t.equal(readFileSync(await (await download).path(), 'utf8').trim().split(/\r?\n/).length, 201, 'the results file has every row')

    await museum.page.getByRole('link', { name: 'All past batches' }).click()
    await museum.page.getByRole('link', { name: /\(2 rows\)$/ }).first().click() // newest first: the SIS's batch
    await museum.page.getByText('Finished: 1 awarded, 1 failed.').waitFor({ timeout: 60_000 })
    await museum.page.getByLabel('Recipient\'s email, row 2').fill('lea.late@example.org')
    await check(museum.page, 'batch-results')
    await museum.page.getByRole('button', { name: 'Retry the failed rows' }).click()
    await museum.page.getByRole('status').filter({ hasText: 'Rows retried in a new batch: 1.' }).waitFor()
    await museum.page.getByRole('table', { name: /Failed rows/ }).getByRole('row').filter({ hasText: 'retried' }).waitFor()
    await museum.page.getByRole('link', { name: 'See the new batch' }).click()
    await museum.page.getByText('Finished: 1 awarded, 0 failed.').waitFor({ timeout: 60_000 })
  })

  const university = await open()
  await t.test('the university\'s owner joins and creates an achievement', async () => {
    await acceptInvitation(university.page, 'owner@university.example', 'university owner password')
    await university.page.getByRole('link', { name: 'Achievements' }).click()
    await university.page.getByRole('link', { name: 'New achievement' }).click()
    await university.page.getByLabel('Name', { exact: true }).fill('Robotique appliquée')
    await university.page.getByLabel('Description').fill('Builds and programs a robot.')
    await university.page.getByLabel('Criteria').fill('A working robot.')
    await university.page.getByRole('button', { name: 'Save' }).click()
    await university.page.getByRole('heading', { name: 'Robotique appliquée' }).waitFor()
  })

  await t.test('the museum endorses the university\'s achievement; the university\'s owner accepts', async t => {
    await museum.page.getByRole('link', { name: 'Network' }).click()
    await museum.page.getByLabel('Find an achievement').fill('Robotique')
    await museum.page.getByRole('search').getByRole('button', { name: 'Search' }).click()
    await museum.page.getByLabel('Achievement to endorse').selectOption({ label: 'Robotique appliquée — Université de Nantes' })
    await museum.page.getByLabel('Comment').fill('Our visitors\' robot guide was built by these students.')
    await museum.page.getByRole('button', { name: 'Endorse', exact: true }).click()
    await museum.page.getByRole('status').filter({ hasText: 'Endorsement sent.' }).waitFor()
    await check(museum.page, 'network-endorse')
    await university.page.getByRole('link', { name: 'Network' }).click()
    await university.page.getByText('Endorsed by Musée des Beaux-Arts').waitFor()
    await check(university.page, 'network-inbox')
    await university.page.getByRole('button', { name: 'Accept' }).click()
    await university.page.getByRole('status').filter({ hasText: 'The endorsement is accepted' }).waitFor()
    await university.page.getByRole('button', { name: 'Hide' }).waitFor()
    t.ok(await university.page.getByText('accepted', { exact: true }).isVisible(), 'the endorsement is shown accepted, and can be hidden')
  })

  const issuers = await call('GET', platform.issuer + '/issuers', { token: platform.adminToken })
  const museumId: string = issuers.json.find((i: { profile: { name: string } }) => i.profile.name === 'Musée des Beaux-Arts')?.id
  await t.test('one issuer\'s user cannot see another\'s data', async t => {
    const seen = await university.page.evaluate(async (id: string) => {
      const members = await fetch(`/issuers/${id}/members`)
      const keys = await fetch(`/issuers/${id}/api-keys`)
      return [members.status, keys.status]
    }, museumId)
    t.same(seen, [404, 404], 'the museum\'s members and keys answer like missing ones to the university\'s owner')
  })

  const viewer = await open('en-GB', { width: 375, height: 740 })
  await t.test('a viewer sees the badges but cannot award (phone width)', async t => {
    await museum.page.getByRole('link', { name: 'Members' }).click()
    await museum.page.getByLabel('Email', { exact: true }).fill('viewer@museum.example')
    await museum.page.getByLabel('Role', { exact: true }).selectOption('viewer')
    await museum.page.getByRole('button', { name: 'Send the invitation' }).click()
    await museum.page.getByRole('status').filter({ hasText: 'Invitation sent' }).waitFor()
    await check(museum.page, 'members')
    await acceptInvitation(viewer.page, 'viewer@museum.example', 'viewer password here')
    await viewer.page.getByRole('link', { name: 'Achievements' }).click()
    await viewer.page.getByRole('heading', { name: 'Médiateur culturel' }).waitFor()
    t.equal(await viewer.page.getByRole('link', { name: 'Award a badge' }).count(), 0, 'no award link for a viewer')
    await check(viewer.page, 'viewer-phone')
    const status = await viewer.page.evaluate(async () => {
      const session = await (await fetch('/console/api/session')).json() as { issuerId: string; csrfToken: string }
      const achievements = await (await fetch(`/issuers/${session.issuerId}/achievements`)).json() as Array<{ id: string }>
      const award = await fetch(`/issuers/${session.issuerId}/credentials`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken, 'idempotency-key': 'viewer-try' },
        body: JSON.stringify({ achievementId: achievements[0].id, recipient: { email: 'x@example.org' } })
      })
      return award.status
    })
    t.equal(status, 403, 'the API refuses a viewer\'s award')
  })

  await t.test('the revocation service accepts the same session through the issuer\'s /revocation proxy', async t => {
    const revoke = (page: Page) => page.evaluate(async (credentialId: string) => {
      const session = await (await fetch('/console/api/session')).json() as { issuerId: string; csrfToken: string }
      const res = await fetch(`/revocation/issuers/${session.issuerId}/credentials/${credentialId.split('/').pop()}/revoke`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken }, body: JSON.stringify({ reason: 'Awarded by mistake' })
      })
      return res.status
    }, awardedId)
    t.equal(await revoke(viewer.page), 403, 'a viewer may not revoke')
    t.equal(await revoke(university.page), 404, 'another issuer\'s credential answers like a missing one')
    t.equal(await revoke(museum.page), 200, 'the owner revokes with a reason')
    const forged = await museum.page.evaluate(async (credentialId: string) => (await fetch('/revocation/credentials/status', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credentialId, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' }, status: false })
    })).status, awardedId)
    t.equal(forged, 401, 'without the CSRF token the session does not authenticate a change')
  })

  // the listing is another branch's work (CONTRACT.md "Records"); until it is merged this step cannot run
  const listing = await call('GET', `${platform.issuer}/issuers/${museumId}/credentials?limit=1`, { token: platform.adminToken })
  await t.test('credentials: search and revoke one with a reason (through the /revocation proxy)', {
    skip: listing.status === 404 && listing.json?.code === 'OBP_ROUTE_NOT_FOUND' ? 'GET /issuers/:issuerId/credentials is not in this build yet' : false
  }, async t => {
    await museum.page.getByRole('link', { name: 'Credentials' }).click()
    await museum.page.getByLabel('Recipient').fill('learner7@example.org') // the recipient filter takes an email, DID or sourcedId (keyed hash), not a name
    await museum.page.getByRole('search').getByRole('button', { name: 'Search' }).click()
    await museum.page.locator('table[aria-busy="false"]').waitFor() // the filtered results have arrived
    t.equal(await museum.page.getByRole('button', { name: /^Revoke the credential of / }).count(), 1, 'the recipient filter finds the one learner')
    await museum.page.getByRole('button', { name: 'Revoke the credential of Learner 7', exact: true }).click()
    await museum.page.getByLabel('Reason').fill('Awarded by mistake')
    await museum.page.getByRole('button', { name: 'Confirm the revocation' }).click()
    await museum.page.getByRole('status').filter({ hasText: 'The credential is revoked.' }).waitFor()
    await check(museum.page, 'credentials')
  })

  await t.test('credentials: resend a learner\'s notification (the address typed again)', {
    skip: listing.status === 404 && listing.json?.code === 'OBP_ROUTE_NOT_FOUND' ? 'GET /issuers/:issuerId/credentials is not in this build yet' : false
  }, async t => {
    const page = museum.page
    await page.getByRole('link', { name: 'Credentials' }).click()
    await page.getByLabel('Recipient').fill('learner9@example.org')
    await page.getByRole('search').getByRole('button', { name: 'Search' }).click()
    await page.getByRole('button', { name: 'Resend the notification to Learner 9' }).click()
    await page.getByLabel('Learner\'s email').fill('someone.else@example.org')
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await page.getByRole('alert').filter({ hasText: 'This address is not the recipient of this credential.' }).waitFor()

    const before = mailsTo(dataDir, 'learner8@example.org')
    await page.getByLabel('Recipient').fill('learner8@example.org')
    await page.getByRole('search').getByRole('button', { name: 'Search' }).click()
    await page.getByRole('button', { name: 'Resend the notification to Learner 8' }).click()
    await page.getByLabel('Learner\'s email').fill('learner8@example.org')
    await page.getByLabel('Language of the message').selectOption('fr')
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await page.getByRole('status').filter({ hasText: 'A new message to learner8@example.org is on its way.' }).waitFor()
    await check(page, 'credentials-resend')
    const deadline = Date.now() + 60_000
    while (mailsTo(dataDir, 'learner8@example.org') <= before && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 500))
    t.equal(mailsTo(dataDir, 'learner8@example.org'), before + 1, 'a new message is in the outbox')
  })

  await t.test('in French: Accept-Language, then the switch', async t => {
    const fr = await open('fr-FR')
    await fr.page.goto(base)
    await fr.page.getByRole('heading', { name: 'Connexion à la console des badges' }).waitFor()
    await fr.page.getByLabel('Adresse e-mail').fill('owner@museum.example')
    await fr.page.getByLabel('Mot de passe').fill('museum owner password')
    await fr.page.getByRole('button', { name: 'Se connecter' }).click()
    await fr.page.getByLabel('Langue par défaut des messages aux apprenants').waitFor()
    await check(fr.page, 'profile-fr')
    await fr.page.getByRole('link', { name: 'Imports précédents', exact: true }).click()
    await fr.page.getByRole('table', { name: 'Imports, du plus récent au plus ancien' }).getByRole('link').first().waitFor()
    await check(fr.page, 'past-batches-fr')
    await fr.page.getByRole('link', { name: 'Badges décernés' }).click()
    await fr.page.getByRole('button', { name: /^Renvoyer la notification à / }).first().click()
    await fr.page.getByLabel('E-mail de l\'apprenant').waitFor()
    await check(fr.page, 'credentials-resend-fr')
    await fr.page.getByRole('link', { name: 'Badges', exact: true }).click()
    await fr.page.getByRole('link', { name: 'Nouveau badge' }).waitFor()
    t.equal(await fr.page.getAttribute('html', 'lang'), 'fr')
    await check(fr.page, 'achievements-fr')
    await fr.page.getByRole('link', { name: 'Import CSV' }).click()
    await check(fr.page, 'csv-fr')
    await fr.page.getByRole('button', { name: 'English' }).click()
    await fr.page.getByRole('link', { name: 'CSV upload' }).waitFor()
    t.equal(await fr.page.getAttribute('html', 'lang'), 'en')
    await fr.page.getByRole('button', { name: 'Se déconnecter' }).or(fr.page.getByRole('button', { name: 'Sign out' })).click()
    await fr.page.getByRole('button', { name: 'Sign in' }).waitFor()
  })

  t.same(watched.flat(), [], 'no CSP violation or script error on any page')
})
