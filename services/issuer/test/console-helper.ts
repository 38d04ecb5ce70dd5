// Console tests: a mailer that keeps messages in memory, and a cookie-carrying client over app.inject.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Mailer, MailMessage } from '../src/mail/mailer.js'

export function memoryMailer (): Mailer & { sent: MailMessage[]; lastLink: (kind: 'invitation' | 'reset') => string } {
  const sent: MailMessage[] = []
  return {
    sent,
    async send (m) { sent.push(m); return { messageId: `<${sent.length}@memory>` } },
    close () {},
    lastLink (kind) {
      const m = [...sent].reverse().map(s => new RegExp(`#/${kind}/([A-Za-z0-9_-]+)`).exec(s.text)).find(Boolean)
      if (!m) throw new Error(`no ${kind} link was mailed`)
      return m[1]
    }
  }
}

export function operatorAccount (dataDir: string): { email: string; password: string } {
  const [email, password] = readFileSync(join(dataDir, 'console-owner'), 'utf8').split('\n')
  return { email, password }
}

/** A signed-in console user: sends the session cookie and the CSRF token like the browser app does. */
export async function signIn (app: FastifyInstance, email: string, password: string) {
  const res = await app.inject({ method: 'POST', url: '/console/api/sign-in', payload: { email, password } })
  if (res.statusCode !== 200) throw new Error(`sign-in: ${res.statusCode} ${res.body}`)
  const cookie = String(res.headers['set-cookie']).split(';')[0]
  let csrf: string = res.json().csrfToken
  const client = {
    cookie,
    session: res.json(),
    async call (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) {
      return app.inject({ method, url, headers: { cookie, 'x-csrf-token': csrf, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) })
    },
    async actFor (issuerId: string | null) {
      const r = await client.call('POST', '/console/api/session/issuer', { issuerId })
      if (r.statusCode !== 200) throw new Error(`act for: ${r.statusCode} ${r.body}`)
      csrf = r.json().csrfToken
      return r.json()
    }
  }
  return client
}
