// STYLE.md §16: the console's one API client is checked against the services' OpenAPI documents. Every call the
// console makes (api-calls.ts reads them from the sources) must be a route, with that method, of the issuer's
// document, or of the revocation service's for /revocation/* (the issuer proxies those): a renamed or removed
// route fails here, not in a person's browser.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { build as buildIssuer } from '../../issuer/test/helper.js'
import { build as buildRevocation } from '../../revocation/test/helper.js'
import { apiCalls, serves } from './api-calls.js'

type Paths = Record<string, Record<string, unknown>>
const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src')

async function openApiPaths (app: { inject: (o: { url: string }) => Promise<{ statusCode: number; json: () => any }> }): Promise<Paths> {
  const res = await app.inject({ url: '/docs/json' })
  if (res.statusCode !== 200) throw new Error(`/docs/json answered ${res.statusCode}`)
  return res.json().paths as Paths
}

t.test('every call of the console\'s API client is a route of the services\' OpenAPI documents', async t => {
  const { calls, unreadable } = apiCalls(src)
  t.same(unreadable, [], 'every call\'s path can be read from the source (a string, a template, issuerPath or a const)')
  t.ok(calls.length >= 40, `the console's calls are found (${calls.length})`)
  t.ok(calls.some(c => c.method === 'POST' && c.path === '/issuers/{}/credentials/{}/claim'), 'issuerPath and interpolations are followed')

  const issuer = await openApiPaths((await buildIssuer(t)).app)
  const revocation = await openApiPaths((await buildRevocation(t)).app)
  const missing = calls.filter(c => {
    const [doc, path] = c.path.startsWith('/revocation/') ? [revocation, c.path.slice('/revocation'.length)] : [issuer, c.path]
    return !Object.entries(doc).some(([p, ops]) => serves(p, path) && c.method.toLowerCase() in ops)
  }).map(c => `${c.method} ${c.path} (${c.at})`)
  t.same(missing, [], 'no call names a route the services do not document')
})

t.test('a console path matches an OpenAPI path segment by segment', async t => {
  t.ok(serves('/issuers/{issuerId}/batches/{batchId}/retry', '/issuers/{}/batches/{}/retry'))
  t.ok(serves('/issuers/{issuerId}', '/issuers/{}'))
  t.notOk(serves('/issuers/{issuerId}/batches', '/issuers/{}/batch'), 'a renamed segment does not match')
  t.notOk(serves('/issuers/{issuerId}/batches/{batchId}', '/issuers/{}'), 'nor a shorter path')
  t.notOk(serves('/batches/{batchId}', '/batches/{}/results'), 'nor a longer one')
})
