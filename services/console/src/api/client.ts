// The one module that talks to the platform: the same HTTP API as every other client (CONTRACT.md), authenticated
// by the HttpOnly session cookie the browser sends itself; mutating calls carry the session's CSRF token.
// Paths and bodies follow the services' OpenAPI documents (/docs/json of the issuer and revocation services).

export interface Problem { status: number; code?: string; title?: string; detail?: string }

export class ApiError extends Error {
  constructor (readonly problem: Problem) { super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`) }
  get status (): number { return this.problem.status }
  get code (): string | undefined { return this.problem.code }
}

let csrfToken = ''
export const setCsrfToken = (token: string): void => { csrfToken = token }

type Body = object | Blob | FormData | string | undefined

export async function api<T = unknown> (method: string, path: string, body?: Body, headers: Record<string, string> = {}): Promise<T> {
  const h: Record<string, string> = { accept: 'application/json', ...headers }
  if (method !== 'GET') h['x-csrf-token'] = csrfToken
  let payload: BodyInit | undefined
  if (body instanceof Blob || body instanceof FormData || typeof body === 'string') payload = body
  else if (body !== undefined) { payload = JSON.stringify(body); h['content-type'] = 'application/json' }
  const res = await fetch(path, { method, headers: h, body: payload, credentials: 'same-origin' })
  if (res.status === 204) return undefined as T
  const type = res.headers.get('content-type') ?? ''
  const data = type.includes('json') ? await res.json() : await res.text()
  if (!res.ok) throw new ApiError({ status: res.status, ...(typeof data === 'object' ? data : { detail: String(data) }) })
  return data as T
}

export const get = <T>(path: string) => api<T>('GET', path)
export const post = <T>(path: string, body?: Body, headers?: Record<string, string>) => api<T>('POST', path, body ?? {}, headers)
export const put = <T>(path: string, body: Body) => api<T>('PUT', path, body)
export const del = <T>(path: string) => api<T>('DELETE', path)

/** Path of an issuer-scoped call; ids are URL-encoded once here. */
export const issuerPath = (issuerId: string, rest = ''): string => `/issuers/${encodeURIComponent(issuerId)}${rest}`
/** The last segment of an object's id: what path parameters take (CONTRACT.md). */
export const lastSegment = (id: string): string => id.split('/').filter(Boolean).pop() ?? id

export interface Membership { issuerId: string; role: 'owner' | 'issuer' | 'viewer'; name: string }
export interface Session {
  email: string
  name?: string
  operator: boolean
  memberships: Membership[]
  issuerId: string | null
  role: Membership['role'] | null
  csrfToken: string
}
