// Local servers for the guarded fetcher tests. They listen on port 0 and are closed in t.teardown.
import { readFileSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import type { AddressInfo } from 'node:net'

export const TEST_CA = readFileSync(new URL('../fixtures/test-server.crt', import.meta.url))
const TEST_KEY = readFileSync(new URL('../fixtures/test-server.key', import.meta.url))

type Teardown = { teardown: (fn: () => unknown) => void }
export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void

export interface Started { port: number; requests: string[] }

async function listen (t: Teardown, server: net.Server, host: string, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  t.teardown(() => new Promise(resolve => {
    if ('closeAllConnections' in server && typeof server.closeAllConnections === 'function') server.closeAllConnections()
    server.close(() => resolve(undefined))
  }))
  return (server.address() as AddressInfo).port
}

/** An https server with the self-signed test certificate; records every request path. */
export async function startHttps (t: Teardown, handler: Handler, host = '127.0.0.2', port = 0): Promise<Started> {
  const requests: string[] = []
  const server = https.createServer({ key: TEST_KEY, cert: TEST_CA }, (req, res) => { requests.push(req.url ?? ''); handler(req, res) })
  return { port: await listen(t, server, host, port), requests }
}

/** A plain http server (a trusted platform origin in development). */
export async function startHttp (t: Teardown, handler: Handler, host = '127.0.0.1'): Promise<Started> {
  const requests: string[] = []
  const server = http.createServer((req, res) => { requests.push(req.url ?? ''); handler(req, res) })
  return { port: await listen(t, server, host), requests }
}

/** A TCP server that only counts connections: the forbidden target that must never be reached. */
export async function startCounter (t: Teardown, host = '127.0.0.1', port = 0): Promise<{ port: number; connections: () => number }> {
  let count = 0
  const sockets = new Set<net.Socket>()
  const server = net.createServer(socket => { count++; sockets.add(socket); socket.destroy() })
  const bound = await listen(t, server, host, port)
  return { port: bound, connections: () => count }
}

export function json (res: http.ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}
