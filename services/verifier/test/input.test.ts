import t from 'tap'
import { jsonDepth, parseCredentialValue, parseJsonText } from '../src/input.js'

t.test('JSON limits', async t => {
  t.equal(jsonDepth('{"a": [1, {"b": "[[[["}]}'), 3, 'brackets inside strings do not count')
  t.throws(() => parseJsonText('['.repeat(65) + ']'.repeat(65)), { code: 'OBP_VERIFIER_NOT_A_CREDENTIAL', message: /deeper than 64/ })
  t.throws(() => parseJsonText('{"a": {"__proto__": {"x": 1}}}'), { message: /__proto__/ })
  t.same(parseJsonText('{"a": 1}'), { a: 1 })
  // the same keys written with JSON escapes (RFC 8259 §7) are refused as well
  t.throws(() => parseJsonText('{"a": {"\\u005f_proto__": {"x": 1}}}'), { message: /__proto__/ }, 'an escaped __proto__')
  t.throws(() => parseJsonText('{"c\\u006fnstructor": {"prototype": {"x": 1}}}'), { message: /constructor/ }, 'an escaped constructor')
  t.same(parseJsonText('{"name": "caf\\u00e9", "constructor": "a string"}'), { name: 'café', constructor: 'a string' }, 'the words alone are no reason to refuse')
})

t.test('what counts as a credential', async t => {
  t.throws(() => parseCredentialValue([]), { code: 'OBP_VERIFIER_NOT_A_CREDENTIAL', message: /expected a credential object/ })
  t.throws(() => parseCredentialValue({ type: 'x' }), { message: /no @context/ })
  t.ok(parseCredentialValue({ '@context': 'x', type: 'y' }).credential, 'anything with @context and type goes on to the checks')
  const jws = [{ alg: 'none' }, { vc: { '@context': ['x'], type: ['y'] } }].map(p => Buffer.from(JSON.stringify(p)).toString('base64url')).join('.') + '.'
  t.equal(parseCredentialValue(jws).jwt?.header.alg, 'none', 'a JWS is decoded; its alg is judged by the proof check')
})
