// A real SMTP server (smtp-server) on a free port, keeping every message it receives parsed (mailparser).
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { simpleParser, type ParsedMail } from 'mailparser'

export interface Received { envelopeTo: string[]; mail: ParsedMail }

export async function startSmtp (t: { teardown: (fn: () => unknown) => void }, opts: { reject?: () => boolean } = {}) {
  const received: Received[] = []
  const waiters: Array<() => void> = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo (address, _session, callback) {
      if (opts.reject?.()) return callback(Object.assign(new Error(`mailbox unavailable: ${address.address}`), { responseCode: 451 }))
      callback()
    },
    onData (stream, session, callback) {
      simpleParser(stream).then(mail => {
        received.push({ envelopeTo: session.envelope.rcptTo.map(r => r.address), mail })
        for (const w of waiters.splice(0)) w()
        callback()
      }, callback)
    }
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>(resolve => server.close(() => resolve())))
  const port = (server.server.address() as AddressInfo).port
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** resolves once `n` messages arrived (bounded) */
    async waitFor (n: number, maxMs = 30_000): Promise<Received[]> {
      const start = Date.now()
      while (received.length < n) {
        if (Date.now() - start > maxMs) throw new Error(`expected ${n} messages, got ${received.length}`)
        await new Promise<void>(resolve => { waiters.push(resolve); setTimeout(resolve, 200) })
      }
      return received
    }
  }
}
