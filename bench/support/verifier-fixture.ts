// What the verifier benches verify: an OpenBadgeCredential with a Bitstring Status List entry, its list served from
// the platform's REVOCATION_PUBLIC_URL (a trusted origin) by a local server, and the verifier's environment.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import { join } from 'node:path'
import { badge, createTestIssuer, statusEntry, statusList } from '../../services/verifier/test/helpers/issuer.js'

export interface VerifierFixture {
  credential: Record<string, unknown>
  /** the verifier's environment: the list's origin as REVOCATION_PUBLIC_URL, a private data dir, a warm cache */
  env: Record<string, string>
  /** how often the status list was fetched (a warm cache: once per verifier process) */
  listFetches: () => number
  close: () => void
}

export async function verifierFixture (): Promise<VerifierFixture> {
  const issuer = await createTestIssuer()
  const lists: Server = createServer()
  await new Promise<void>(resolve => lists.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(lists.address() as AddressInfo).port}`
  const listUrl = `${origin}/status-lists/1`
  const listBody = JSON.stringify(await issuer.sign(statusList(listUrl, issuer.did, [3])))
  let fetches = 0
  lists.on('request', (_req, res) => { fetches++; res.writeHead(200, { 'content-type': 'application/json' }); res.end(listBody) })
  const credential = await issuer.sign(badge(issuer.did, { credentialStatus: statusEntry(listUrl, 8) }))
  const env = { REVOCATION_PUBLIC_URL: origin, OBP_DATA_DIR: mkdtempSync(join(os.tmpdir(), 'obp-bench-')), STATUS_CACHE_TTL_SECONDS: '300' }
  return { credential, env, listFetches: () => fetches, close: () => lists.close() }
}

/**
 * Starts `node [BENCH_NODE_ARGS] ...args` and resolves once `ready(stdout so far)` holds and /health/live answers
 * (it may take a while on a busy machine).
 */
export async function startServer (args: string[], port: number, env: Record<string, string>, ready: (out: string) => boolean): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  let out = ''
  child.stdout!.on('data', (c: Buffer) => { out += c.toString() })
  for (let i = 0; i < 1200; i++) {
    try {
      if (ready(out) && (await fetch(`http://127.0.0.1:${port}/health/live`)).ok) return child
    } catch { /* not up yet */ }
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  child.kill()
  throw new Error(`the server did not start: ${out.slice(-500)}`)
}

export async function stopChild (child: ChildProcess): Promise<void> {
  const exited = new Promise(resolve => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}
