// Issue 16 "The API describes itself": every route's OpenAPI entry has its success status, response schema,
// errors and tags, and the document is valid OpenAPI (service-kit's shared contract).
import t from 'tap'
import { openApiContract } from '@obp/service-kit/testing'
import { build } from './helper.js'

openApiContract(t, build, {
  hidden: {}, // only the platform's own routes (docs, probes, metrics, CORS preflight)
  expected: [
    'POST /credentials/status', 'POST /issuers/{issuerId}/credentials/{credentialId}/revoke',
    'GET /issuers/{issuerId}/credentials/{credentialId}/status', 'GET /status-lists/{listId}', 'GET /status-lists/{listId}/entries/{index}'
  ],
  successStatus: { 'POST /credentials/status': '200', 'POST /issuers/{issuerId}/credentials/{credentialId}/revoke': '200', 'GET /status-lists/{listId}': '304' },
  withExample: ['POST /credentials/status', 'POST /issuers/{issuerId}/credentials/{credentialId}/revoke']
})
