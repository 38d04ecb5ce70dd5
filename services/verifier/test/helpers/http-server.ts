// A local HTTP server for status lists, DID documents and redirects, counting the requests it gets.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Handler = (req: IncomingMessage, res: ServerResponse) => void

export interface TestServer { origin: string; port: number; requests: string[]; connections: number; routes: Map<string, Handler> }

export async function startServer (t: { teardown: (fn: () => unknown) => void }): Promise<TestServer> {
  const routes = new Map<string, Handler>()
  const state = { requests: [] as string[], connections: 0 }
  const server = createServer((req, res) => {
    state.requests.push(req.url ?? '')
    const handler = routes.get(req.url ?? '')
    if (handler !== undefined) return handler(req, res)
    res.statusCode = 404
    res.end()
  })
  server.on('connection', () => { state.connections++ })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>(resolve => { server.closeAllConnections(); server.close(() => resolve()) }))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    routes,
    get requests () { return state.requests },
    get connections () { return state.connections }
  }
}

export function json (body: unknown, status = 200): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }
}

export function redirect (location: string): Handler {
  return (_req, res) => {
    res.writeHead(302, { location })
    res.end()
  }
}
