// One HTTP call to the platform: JSON in and out, RFC 9457 problems turned into a CliError with the right exit code.
import { CliError, EXIT, exitFor } from './errors.js'

export interface Answer { status: number; body: any; text: string; headers: Headers }

export async function call (method: string, url: string, opts: { apiKey?: string; json?: unknown; body?: Buffer | string; type?: string; accept?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { accept: opts.accept ?? 'application/json' }
  if (opts.apiKey) headers.authorization = `Bearer ${opts.apiKey}`
  let body: Buffer | string | undefined = opts.body
  if (opts.json !== undefined) { body = JSON.stringify(opts.json); headers['content-type'] = 'application/json' } else if (opts.type) headers['content-type'] = opts.type
  let res: Response
  try {
    res = await fetch(url, { method, headers, body })
  } catch (err) {
    throw new CliError(`cannot reach ${new URL(url).origin}: ${(err as Error & { cause?: Error }).cause?.message ?? (err as Error).message}`, EXIT.unavailable)
  }
  const text = await res.text()
  let parsed: any
  try { parsed = text ? JSON.parse(text) : undefined } catch { parsed = undefined }
  return { status: res.status, body: parsed, text, headers: res.headers }
}

/** The answer when its status is one of `ok`; otherwise a CliError naming the platform's problem. */
export function expect (answer: Answer, ok: number[], what: string): Answer {
  if (ok.includes(answer.status)) return answer
  const p = answer.body as { code?: string; detail?: string; title?: string; errors?: unknown } | undefined
  const detail = p?.detail ?? p?.title ?? (answer.text.slice(0, 200) || `HTTP ${answer.status}`)
  throw new CliError(`${what}: ${detail}${p?.code ? ` (${p.code})` : ''}`, exitFor(answer.status), p)
}
