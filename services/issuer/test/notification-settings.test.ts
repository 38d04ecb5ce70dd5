// An issuer's notification settings (issue 17, edited in the console's profile page, issue 19): read and changed
// with scope manage, the key's own issuer only; the text can be removed again.
import t from 'tap'
import { build, bearer, createIssuer } from './helper.js'

t.test('GET and PUT /issuers/:issuerId/notification-settings', async t => {
  const { app, secrets } = await build(t)
  const a = await createIssuer(app, secrets.adminToken, { name: 'Musée' })
  const b = await createIssuer(app, secrets.adminToken, { name: 'Université', language: 'en', notificationText: 'Bravo !' })
  const url = `/issuers/${a.id}/notification-settings`
  const call = async (method: 'GET' | 'PUT' | 'POST', token: string, payload?: Record<string, unknown>, to = url) =>
    await app.inject({ method, url: to, headers: bearer(token), ...(payload !== undefined ? { payload } : {}) })

  t.same((await call('GET', a.apiKey)).json(), { language: 'fr' }, 'French without a text by default')
  t.same((await call('GET', b.apiKey, undefined, `/issuers/${b.id}/notification-settings`)).json(), { language: 'en', notificationText: 'Bravo !' }, 'as set at creation')

  const put = await call('PUT', a.apiKey, { language: 'en', notificationText: 'See you at the museum.' })
  t.equal(put.statusCode, 200)
  t.same(put.json(), { language: 'en', notificationText: 'See you at the museum.' })
  t.same((await call('GET', a.apiKey)).json(), { language: 'en', notificationText: 'See you at the museum.' }, 'kept')
  t.same((await call('PUT', a.apiKey, { notificationText: null })).json(), { language: 'en' }, 'null removes the text, the language stays')

  const bad = await call('PUT', a.apiKey, { language: 'de' })
  t.equal(bad.statusCode, 400, 'only fr and en')
  t.ok(bad.json().code, 'with a machine-readable code')

  const issueOnly = (await call('POST', a.apiKey, { scopes: ['issue'] }, `/issuers/${a.id}/api-keys`)).json().token as string
  t.equal((await call('GET', issueOnly)).statusCode, 403, 'scope manage is needed to read')
  t.equal((await call('PUT', issueOnly, { language: 'fr' })).statusCode, 403, 'and to change')
  t.equal((await call('GET', b.apiKey)).statusCode, 404, 'another issuer answers like a missing one')
})
