// One HTTP(S) exchange, connecting to an address that was checked beforehand: the pinned `lookup`
// hands node the checked IP, so no second DNS answer (DNS rebinding) can redirect the connection.
import http from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'
import { FetchFailedError, TooLargeError } from './errors.js'

export interface HopRequest {
  url: URL
  /** The checked IP to connect to; undefined lets node resolve (trusted origins only). */
  address?: string
  headers: Record<string, string>
  maxBytes: number
  signal: AbortSignal
  ca?: string | Buffer
  /** GET unless given (a webhook POSTs its body) */
  method?: 'GET' | 'POST'
  body?: string | Buffer
}

export interface HopResponse {
  status: number
  headers: Record<string, string>
  body: Buffer
  location?: string
}

function pinnedLookup (address: string): LookupFunction {
  const family = address.includes(':') ? 6 : 4
  return (_hostname, options, callback) => {
    if (options.all === true) (callback as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [{ address, family }])
    else callback(null, address, family)
  }
}

function flatHeaders (raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return out
}

export function requestOnce (hop: HopRequest): Promise<HopResponse> {
  const { url, address, maxBytes } = hop
  const client = url.protocol === 'https:' ? https : http
  return new Promise<HopResponse>((resolve, reject) => {
    const req = client.request(url, {
      method: hop.method ?? 'GET',
      headers: hop.headers,
      agent: false, // no pooled socket can be reused for another (re-checked) address
      signal: hop.signal,
      ...(address !== undefined ? { lookup: pinnedLookup(address) } : {}),
      ...(hop.ca !== undefined ? { ca: hop.ca } : {})
    }, res => {
      const status = res.statusCode ?? 0
      const headers = flatHeaders(res.headers)
      if (status >= 300 && status < 400 && headers.location !== undefined) {
        res.resume()
        resolve({ status, headers, body: Buffer.alloc(0), location: headers.location })
        return
      }
      const declared = Number(headers['content-length'])
      if (Number.isFinite(declared) && declared > maxBytes) {
        req.destroy()
        reject(new TooLargeError(url.href, maxBytes))
        return
      }
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > maxBytes) {
          req.destroy()
          reject(new TooLargeError(url.href, maxBytes))
          return
        }
        chunks.push(chunk)
      })
      res.on('end', () => resolve({ status, headers, body: Buffer.concat(chunks) }))
      res.on('error', err => reject(hop.signal.aborted ? hop.signal.reason : new FetchFailedError(url.href, err.message)))
      // settles nothing if 'end' already resolved; catches a body cut short without an error event
      res.on('close', () => reject(hop.signal.aborted ? hop.signal.reason : new FetchFailedError(url.href, 'connection closed early')))
    })
    req.on('error', err => {
      if (hop.signal.aborted) reject(hop.signal.reason)
      else reject(new FetchFailedError(url.href, err.message))
    })
    req.end(hop.body)
  })
}
