// Start-up: the official OB 3.0 schemas are compiled when the app is ready, before any request.
import { Writable } from 'node:stream'
import t from 'tap'
import { build } from './helper.js'

t.test('the OB 3.0 schemas are compiled in onReady, once', async t => {
  const lines: Array<{ msg?: string; ms?: number }> = []
  const stream = new Writable({ write (chunk, _enc, done) { lines.push(JSON.parse(String(chunk))); done() } })
  const { app } = await build(t, {}, {}, { level: 'info', stream })
  const compiled = (): typeof lines => lines.filter(l => l.msg === 'OB 3.0 JSON Schemas compiled')
  t.equal(compiled().length, 1, 'compiled before the first request')
  t.type(compiled()[0]?.ms, 'number', 'with the time it took')
  const res = await app.inject({ method: 'GET', url: '/health/live' })
  t.equal(res.statusCode, 200)
  t.equal(compiled().length, 1, 'not again per request')
})
