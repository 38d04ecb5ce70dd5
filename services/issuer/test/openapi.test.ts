// Issue 16 "The API describes itself": every route's OpenAPI entry has its success status, response schema,
// errors and tags, and the document is valid OpenAPI (service-kit's shared contract).
import t from 'tap'
import { openApiContract } from '@obp/service-kit/testing'
import { build } from './helper.js'

const proxied = 'the console\'s same-origin proxy to the revocation service (documented in that service\'s /docs)'
const hidden: Record<string, string> = {
  'GET /assets/learner.css': 'the learner pages\' stylesheet, an asset',
  'GET /console/': 'the console\'s single-page app (static files)',
  'GET /console/*': 'the console\'s single-page app (static files)'
}
for (const method of ['DELETE', 'GET', 'PATCH', 'POST', 'PUT', 'OPTIONS']) {
  hidden[`${method} /revocation/`] = proxied
  hidden[`${method} /revocation/*`] = proxied
}

openApiContract(t, build, {
  hidden,
  expected: [
    'POST /issuers', 'POST /issuers/{issuerId}/achievements', 'POST /issuers/{issuerId}/images', 'POST /issuers/{issuerId}/credentials',
    'POST /issuers/{issuerId}/batches', 'GET /batches/{batchId}', 'GET /credentials/{credentialId}', 'POST /credentials/issue',
    'GET /issuers/{issuerId}/credentials', 'GET /issuers/{issuerId}/batches', 'GET /issuers/{issuerId}/credentials.csv'
  ],
  successStatus: {
    'POST /issuers': '201', 'POST /issuers/{issuerId}/achievements': '201', 'POST /issuers/{issuerId}/images': '201',
    'POST /issuers/{issuerId}/credentials': '201', 'POST /issuers/{issuerId}/batches': '202', 'POST /credentials/issue': '201',
    'DELETE /issuers/{issuerId}/api-keys/{keyId}': '204', 'POST /issuers/{issuerId}/batches/{batchId}/retry': '202'
  },
  withExample: ['POST /issuers/{issuerId}/credentials', 'POST /issuers/{issuerId}/batches']
})

t.test('uploads say what they take', async t => {
  const { app } = await build(t)
  const paths = (await app.inject('/docs/json')).json().paths
  t.same(Object.keys(paths['/issuers/{issuerId}/batches'].post.requestBody.content).sort(), ['application/json', 'multipart/form-data', 'text/csv'])
  t.same(Object.keys(paths['/issuers/{issuerId}/images'].post.requestBody.content).sort(), ['image/png', 'image/svg+xml'])
  t.same(Object.keys(paths['/credentials/{credentialId}'].get.responses['200'].content).sort(), ['application/json', 'image/png', 'image/svg+xml', 'text/html'])
  t.ok(paths['/issuers/{issuerId}/credentials'].post.responses['409'], 'the duplicate award is documented')
})
