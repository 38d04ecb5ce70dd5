// The server of bench/verifier-concurrency.bench.ts (plain JS on the built packages: worker threads do not inherit
// tsx). The same verification (parseJsonText, then verifyParsed with the verifier's own deps) behind a bare Fastify
// route, run one of two ways on every core: MODE=cluster (VERIFIER_CONCURRENCY processes, as the verifier runs) or
// MODE=pool (one HTTP thread handing the body text to VERIFIER_CONCURRENCY worker threads, least busy first).
import cluster from 'node:cluster'
import { Worker, isMainThread, parentPort } from 'node:worker_threads'
import Fastify from 'fastify'
import { loadConfig } from '@obp/service-kit'
import { VerifierConfig } from '../../services/verifier/dist/config.js'
import { createDeps } from '../../services/verifier/dist/create-deps.js'
import { parseCredentialValue, parseJsonText } from '../../services/verifier/dist/input.js'
import { verifyParsed } from '../../services/verifier/dist/verify-input.js'

const MODE = process.env.MODE ?? 'cluster'
const WORKERS = Number(process.env.VERIFIER_CONCURRENCY ?? 2)
const deps = () => createDeps(loadConfig(VerifierConfig, process.env))

async function verifyText (d, text) {
  const report = await verifyParsed(d, parseCredentialValue(parseJsonText(text).verifiableCredential))
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

if (!isMainThread) {
  const d = deps()
  parentPort.on('message', async ({ id, text }) => parentPort.postMessage({ id, out: await verifyText(d, text) }))
} else if (MODE === 'cluster' && cluster.isPrimary) {
  for (let i = 0; i < WORKERS; i++) cluster.fork()
} else if (MODE === 'cluster') {
  const d = deps()
  await serve(async text => await verifyText(d, text))
} else {
  const threads = Array.from({ length: WORKERS }, () => new Worker(new URL(import.meta.url)))
  const busy = threads.map(() => 0)
  const pending = new Map()
  let seq = 0
  threads.forEach((thread, i) => thread.on('message', ({ id, out }) => {
    busy[i]--
    pending.get(id)(out)
    pending.delete(id)
  }))
  await serve(async text => await new Promise(resolve => {
    const id = ++seq
    pending.set(id, resolve)
    const i = busy.indexOf(Math.min(...busy))
    busy[i]++
    threads[i].postMessage({ id, text })
  }))
}
