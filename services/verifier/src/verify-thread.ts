// One verification thread of ./verify-pool.ts: the verifier's deps built from the config it was given (its own
// status list, network and key caches), then verifyParsed for each task, as the HTTP thread would run it.
import { parentPort, workerData } from 'node:worker_threads'
import { preloadOb3Schemas } from '@obp/ob3'
import { setJsonLdFastPath } from '@obp/signing'
import type { VerifierConfig } from './config.js'
import { createDeps } from './create-deps.js'
import { errorMessage } from './json.js'
import { verifyParsed } from './verify-input.js'
import type { ThreadReply, VerifyTask } from './verify-pool.js'

const { config } = workerData as { config: VerifierConfig }
setJsonLdFastPath(config.JSONLD_FAST_PATH_VERIFYING) // jsonld is one module per thread
const deps = createDeps(config)
preloadOb3Schemas() // before the first task rather than during it

parentPort!.on('message', async ({ id, parsed, options }: VerifyTask & { id: number }) => {
  let reply: ThreadReply
  try {
    // a structured clone turns a Buffer into a plain Uint8Array: the JWT signature is a Buffer again
    if (parsed.jwt !== undefined) parsed.jwt.signature = Buffer.from(parsed.jwt.signature.buffer, parsed.jwt.signature.byteOffset, parsed.jwt.signature.byteLength)
    reply = { id, report: await verifyParsed(deps, parsed, options) }
  } catch (err) {
    reply = { id, fatal: errorMessage(err) }
  }
  try {
    parentPort!.postMessage(reply)
  } catch (err) {
    // a report that cannot be cloned is this thread's fault, answered as such rather than as a lost thread
    parentPort!.postMessage({ id, fatal: `the report could not be sent: ${errorMessage(err)}` })
  }
})
