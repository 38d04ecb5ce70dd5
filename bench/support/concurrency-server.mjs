// The server of bench/verifier-concurrency.bench.ts (plain JS on the built packages: worker threads do not inherit
// tsx). The same verification (parseJsonText, then verifyParsed with the verifier's own deps) behind a bare Fastify
// route, run one of two ways on every core: MODE=cluster (VERIFIER_CONCURRENCY processes, as the verifier runs) or
// MODE=pool (one HTTP thread and the verifier's own pool of VERIFIER_CONCURRENCY verification threads,
// services/verifier/src/verify-pool.ts).
import cluster from 'node:cluster'
import Fastify from 'fastify'
import { loadConfig } from '@obp/service-kit'
import { VerifierConfig } from '../../services/verifier/dist/config.js'
import { createDeps } from '../../services/verifier/dist/create-deps.js'
import { parseCredentialValue, parseJsonText } from '../../services/verifier/dist/input.js'
import { verifyParsed } from '../../services/verifier/dist/verify-input.js'
import { createVerifyPool } from '../../services/verifier/dist/verify-pool.js'

const MODE = process.env.MODE ?? 'cluster'
const WORKERS = Number(process.env.VERIFIER_CONCURRENCY ?? 2)
const config = loadConfig(VerifierConfig, process.env)

/** The body text to the report's JSON, verified by `verify` (on this thread or in the pool). */
async function answer (verify, text) {
  const report = await verify(parseCredentialValue(parseJsonText(text).verifiableCredential), {})
  return JSON.stringify(report)
}

async function serve (handle) {
  const app = Fastify()
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body))
  app.get('/health/live', async () => ({ status: 'ok' }))
  app.post('/credentials/verify', async (request, reply) => {
    reply.type('application/json; charset=utf-8')
    return await handle(request.body)
  })
  await app.listen({ port: Number(process.env.VERIFIER_PORT), host: '127.0.0.1' })
  console.log('listening')
}

if (MODE === 'cluster' && cluster.isPrimary) {
  for (let i = 0; i < WORKERS; i++) cluster.fork()
} else if (MODE === 'cluster') {
  const deps = createDeps(config)
  await serve(async text => await answer(async (parsed, options) => await verifyParsed(deps, parsed, options), text))
} else {
  const pool = createVerifyPool(config, WORKERS)
  await serve(async text => await answer(async (parsed, options) => await pool.verify({ parsed, options }), text))
}
