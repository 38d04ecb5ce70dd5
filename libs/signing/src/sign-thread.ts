// One thread of the signing pool (signing-pool.ts): opens each key once with the custody it was started with,
// then signs the credentials of each message with `issue()` and the offline document loader, in order.
import { parentPort, workerData } from 'node:worker_threads'
import { createDocumentLoader } from '@obp/documents'
import { createLocalCustody, type LocalCustodyOptions } from './custody.js'
import { issue } from './issue.js'
import { setJsonLdFastPath } from './jsonld-fast-path.js'
import { createSigner, type Signer } from './signer.js'
import type { SignTask, ThreadReply } from './signing-pool.js'

// a Buffer crosses the thread boundary as a plain Uint8Array
const given = (workerData as { custody: LocalCustodyOptions }).custody
setJsonLdFastPath((workerData as { jsonLdFastPath?: boolean }).jsonLdFastPath !== false)
const custody = createLocalCustody({
  ...given,
  kek: Buffer.from(given.kek),
  ...(given.previous ? { previous: given.previous.map(p => ({ ...p, kek: Buffer.from(p.kek) })) } : {})
})
const documentLoader = createDocumentLoader()
const signers = new Map<string, Promise<Signer>>()

async function signAll (task: SignTask): Promise<NonNullable<ThreadReply['results']>> {
  let signer = signers.get(task.key.id)
  if (!signer) {
    signer = createSigner({ key: task.key, custody })
    signers.set(task.key.id, signer)
    signer.catch(() => signers.delete(task.key.id))
  }
  const s = await signer
  const results: NonNullable<ThreadReply['results']> = []
  for (const credential of task.credentials) {
    try {
      results.push({ credential: await issue({ credential, signer: s, key: task.key, documentLoader, created: task.created, suite: task.suite }) })
    } catch (err) {
      const e = err as { message?: unknown; code?: unknown; statusCode?: unknown; name?: unknown }
      results.push({ error: { message: String(e?.message ?? err), name: typeof e?.name === 'string' ? e.name : 'Error', ...(typeof e?.code === 'string' ? { code: e.code } : {}), ...(typeof e?.statusCode === 'number' ? { statusCode: e.statusCode } : {}) } })
    }
  }
  return results
}

parentPort!.on('message', (msg: SignTask & { id: number }) => {
  signAll(msg).then(
    results => parentPort!.postMessage({ id: msg.id, results } satisfies ThreadReply),
    (err: unknown) => parentPort!.postMessage({ id: msg.id, fatal: String((err as Error)?.message ?? err) } satisfies ThreadReply)
  )
})
