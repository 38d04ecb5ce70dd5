// Console accounts and sessions over HTTP (app.inject, real stores): the session resolves to the same principal as
// an API key (issuer scope + the role's scopes), CSRF on mutating calls, lockout, invitations and resets by email.
import t from 'tap'
import { build, bearer, createIssuer } from './helper.js'
import { memoryMailer, operatorAccount, signIn } from './console-helper.js'

t.test('console accounts', async t => {
  const mailer = memoryMailer()
  const { app, secrets, dataDir } = await build(t, {}, { mailer })
  const operator = operatorAccount(dataDir)
  t.match(operator.email, /@/, '.data/console-owner line 1 is the operator\'s email')
  t.ok(operator.password.length >= 16, 'line 2 its password')

  const museum = await createIssuer(app, secrets.adminToken, { name: 'Musée des Beaux-Arts' })
  const university = await createIssuer(app, secrets.adminToken, { name: 'Université de Nantes' })

  await t.test('the operator\'s session is the admin: creates issuers and invites their first owner', async t => {
    const op = await signIn(app, operator.email, operator.password)
    t.equal(op.session.operator, true)
    const created = await op.call('POST', '/issuers', { name: 'Association Sportive' })
    t.equal(created.statusCode, 201, 'creates an issuer with the session alone')
    const invite = await op.call('POST', `/issuers/${museum.id}/invitations`, { email: 'Owner@Museum.example', role: 'owner' })
    t.equal(invite.statusCode, 202)
    t.match(mailer.sent.at(-1), { to: 'owner@museum.example', subject: /Musée des Beaux-Arts/ })
  })

  await t.test('an invitation sets a password and signs in as the issuer\'s owner', async t => {
    const token = mailer.lastLink('invitation')
    const peek = await app.inject({ url: `/console/api/invitations/${token}` })
    t.match(peek.json(), { email: 'owner@museum.example', role: 'owner', issuerName: 'Musée des Beaux-Arts', hasAccount: false })
    const accepted = await app.inject({ method: 'POST', url: `/console/api/invitations/${token}`, payload: { password: 'correct horse battery', name: 'Claire' } })
    t.equal(accepted.statusCode, 200)
    t.match(String(accepted.headers['set-cookie']), /obp_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict/)
    const again = await app.inject({ method: 'POST', url: `/console/api/invitations/${token}`, payload: { password: 'correct horse battery' } })
    t.equal(again.statusCode, 404, 'the link works once')
    t.equal(again.json().code, 'OBP_CONSOLE_TOKEN_INVALID')
  })

  await t.test('a member\'s session acts like an API key of its issuer, with its role\'s scopes', async t => {
    const owner = await signIn(app, 'owner@museum.example', 'correct horse battery')
    t.equal(owner.session.issuerId, museum.id, 'acts for its only issuer')
    t.equal(owner.session.role, 'owner')
    const achievement = await owner.call('POST', `/issuers/${museum.id}/achievements`, { name: 'Guide', description: 'Guides visitors.', criteria: { narrative: 'Guided ten tours.' } })
    t.equal(achievement.statusCode, 201)
    const other = await owner.call('POST', `/issuers/${university.id}/achievements`, { name: 'X', description: 'X', criteria: { narrative: 'X' } })
    t.equal(other.statusCode, 404, 'another issuer answers like a missing one')
    const keys = await owner.call('GET', `/issuers/${university.id}/api-keys`)
    t.equal(keys.statusCode, 404)
    const noCsrf = await owner.call('POST', `/issuers/${museum.id}/achievements`, { name: 'Y', description: 'Y', criteria: { narrative: 'Y' } }, { 'x-csrf-token': 'forged' })
    t.equal(noCsrf.statusCode, 401, 'a mutating call without the CSRF token is not authenticated')
    const admin = await owner.call('GET', '/issuers')
    t.equal(admin.statusCode, 403, 'a member is not the admin')

    const invite = await owner.call('POST', `/issuers/${museum.id}/invitations`, { email: 'viewer@museum.example', role: 'viewer' })
    t.equal(invite.statusCode, 202)
    await app.inject({ method: 'POST', url: `/console/api/invitations/${mailer.lastLink('invitation')}`, payload: { password: 'viewer password 1' } })
    const viewer = await signIn(app, 'viewer@museum.example', 'viewer password 1')
    t.equal(viewer.session.role, 'viewer')
    const award = await viewer.call('POST', `/issuers/${museum.id}/credentials`, { achievementId: achievement.json().id, recipient: { email: 'learner@example.org' } }, { 'idempotency-key': 'v1' })
    t.equal(award.statusCode, 403, 'a viewer cannot award')
    const members = await viewer.call('GET', `/issuers/${museum.id}/members`)
    t.equal(members.statusCode, 200, 'a viewer reads')
    t.same(members.json().members.map((m: { email: string; role: string }) => `${m.email}:${m.role}`), ['owner@museum.example:owner', 'viewer@museum.example:viewer'])
    const edit = await viewer.call('PUT', `/issuers/${museum.id}`, { name: 'Renamed' })
    t.equal(edit.statusCode, 403, 'a viewer cannot edit the profile')
    const renamed = await owner.call('PUT', `/issuers/${museum.id}`, { name: 'Musée des Beaux-Arts de Nantes', url: 'https://museum.example' })
    t.equal(renamed.statusCode, 200, 'an owner edits the profile')
    t.match((await app.inject({ url: `/issuers/${museum.id}` })).json(), { id: museum.did, name: 'Musée des Beaux-Arts de Nantes', url: 'https://museum.example' }, 'the DID stays')
    const key = await owner.call('POST', `/issuers/${museum.id}/api-keys`, { scopes: ['issue'] })
    t.equal(key.statusCode, 201, 'an owner creates API keys')
    const last = await owner.call('PUT', `/issuers/${museum.id}/members/owner@museum.example`, { role: 'viewer' })
    t.equal(last.statusCode, 409, 'the last owner stays an owner')
    const out = await owner.call('POST', '/console/api/sign-out')
    t.equal(out.statusCode, 204)
    t.equal((await owner.call('GET', '/console/api/session')).statusCode, 401, 'signed out')
  })

  await t.test('five wrong passwords lock the account; a reset by email sets a new password', async t => {
    for (let i = 0; i < 5; i++) {
      const r = await app.inject({ method: 'POST', url: '/console/api/sign-in', payload: { email: 'viewer@museum.example', password: 'wrong ' + i } })
      t.equal(r.statusCode, i < 4 ? 401 : 429)
    }
    const locked = await app.inject({ method: 'POST', url: '/console/api/sign-in', payload: { email: 'viewer@museum.example', password: 'viewer password 1' } })
    t.equal(locked.statusCode, 429, 'even the right password waits')
    t.equal(locked.json().code, 'OBP_CONSOLE_LOCKED')
    const unknown = await app.inject({ method: 'POST', url: '/console/api/password-reset', payload: { email: 'nobody@example.org' } })
    t.equal(unknown.statusCode, 202, 'no account discovery')
    await app.inject({ method: 'POST', url: '/console/api/password-reset', payload: { email: 'viewer@museum.example' } })
    const reset = await app.inject({ method: 'POST', url: `/console/api/password-reset/${mailer.lastLink('reset')}`, payload: { password: 'a new long password' } })
    t.equal(reset.statusCode, 204)
    t.ok(await signIn(app, 'viewer@museum.example', 'a new long password'))
  })

  t.equal((await app.inject({ url: `/issuers/${museum.id}/api-keys`, headers: bearer(museum.apiKey) })).statusCode, 200, 'API keys work as before')

  await t.test('the console\'s language follows Accept-Language (RFC 9110 weights), English by default', async t => {
    const lang = async (h?: string) => (await app.inject({ url: '/console/api/config', headers: h ? { 'accept-language': h } : {} })).json().lang
    t.equal(await lang('fr-CA,fr;q=0.9,en;q=0.8'), 'fr')
    t.equal(await lang('de, en;q=0.5, fr;q=0.4'), 'en')
    t.equal(await lang('de'), 'en')
    t.equal(await lang(), 'en')
  })

  await t.test('the /revocation proxy forwards only the console\'s calls', async t => {
    const res = await app.inject({ url: '/revocation/metrics' })
    t.equal(res.statusCode, 404)
  })
})
