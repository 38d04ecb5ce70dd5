// Issue 16 "The API describes itself": every route's OpenAPI entry has its success status, response schema,
// errors and tags, and the document is valid OpenAPI (service-kit's shared contract).
import t from 'tap'
import { openApiContract } from '@obp/service-kit/testing'
import { build } from './helper.js'

openApiContract(t, build, {
  hidden: { 'GET /page.js': 'the verification page\'s own script, an asset of GET /' },
  expected: ['POST /credentials/verify', 'POST /credentials/verify-url', 'POST /presentations/verify', 'GET /'],
  successStatus: { 'POST /credentials/verify': '200', 'POST /presentations/verify': '200' },
  withExample: ['POST /credentials/verify']
})

t.test('the verify call documents its bodies, options.recipient and its not-verified answer', async t => {
  const { app } = await build(t)
  const op = (await app.inject('/docs/json')).json().paths['/credentials/verify'].post
  t.same(Object.keys(op.requestBody.content).sort(), ['application/json', 'application/jwt', 'image/png', 'image/svg+xml', 'multipart/form-data'])
  t.match(op.description, /`recipient`/)
  t.ok(op.responses['422'].content['application/json'].schema, '422 carries the report')
  t.match((await app.inject('/docs/json')).json().paths['/'].get.description, /\?url=/)
})
