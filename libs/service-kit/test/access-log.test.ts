// The access log (server.ts AccessLog, issue 20): one line per answered request, carrying the request and its outcome;
// a failed request keeps Fastify's error line, and the bearer token never appears.
import { Writable } from 'node:stream'
import t from 'tap'
import { Fastify, loadConfig, CommonConfig, serverOptions } from '../src/index.js'

t.test('one "request completed" line per request, with method, url, status and time; errors keep their own line', async t => {
  const lines: Array<Record<string, any>> = []
  const stream = new Writable({ write (chunk, _enc, done) { for (const l of String(chunk).split('\n')) if (l) lines.push(JSON.parse(l)); done() } })
  const options = serverOptions(loadConfig(CommonConfig, { LOG_LEVEL: 'info' }))
  const app = Fastify({ ...options, logger: { ...(options.logger as object), stream } })
  app.get('/ok', async () => ({ ok: true }))
  app.get('/boom', async () => { throw new Error('boom') })
  t.teardown(() => app.close())

  await app.inject({ url: '/ok?x=1', headers: { authorization: 'Bearer secret-token-value' } })
  const ok = lines.filter(l => l.req?.url === '/ok?x=1')
  t.equal(ok.length, 1, 'one line for the request')
  t.match(ok[0], { level: 30, msg: 'request completed', req: { method: 'GET', url: '/ok?x=1' }, res: { statusCode: 200 }, responseTime: Number, reqId: String })
  t.notOk(lines.some(l => l.msg === 'incoming request'), 'no line before the answer')
  t.notOk(JSON.stringify(lines).includes('secret-token-value'), 'the token is not logged')

  lines.length = 0
  const res = await app.inject('/boom')
  t.equal(res.statusCode, 500)
  t.ok(lines.some(l => l.level === 50 && l.err?.message === 'boom'), 'the error is logged at error level')
})
