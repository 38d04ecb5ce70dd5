// One validation policy for every route (issue 14): a body is never silently altered. Fastify's default Ajv
// removes unknown properties (`removeAdditional`) and coerces types, so a typo such as `validUntill` vanished
// and `status: "false"` became `false`. Bodies are validated as sent: an unknown property of a closed schema is a
// 400 naming it, a wrong type is a 400. Querystrings, params and headers are text by nature and keep type
// coercion. Credential bodies (VC-API) are open schemas: their unknown properties are kept, since they are signed.
import { AjvCompiler } from '@fastify/ajv-compiler'
import type { FastifyInstance, FastifyRequest, FastifySchema } from 'fastify'
import { ControlCharacter } from './errors.js'

const factory = AjvCompiler()
const STRICT_BODY = { coerceTypes: false, removeAdditional: false, useDefaults: true } as const
const TEXT_PARTS = { coerceTypes: 'array', removeAdditional: false, useDefaults: true } as const

/** Installs the policy on `app` (and the routes registered after it, in its encapsulation context). */
export function installValidation (app: FastifyInstance): void {
  const externals = app.getSchemas() as Parameters<typeof factory>[0]
  const body = factory(externals, { customOptions: STRICT_BODY })
  const text = factory(externals, { customOptions: TEXT_PARTS })
  app.setValidatorCompiler((route: { schema: FastifySchema; method: string; url: string; httpPart?: string }) =>
    (route.httpPart === 'body' ? body : text)(route as never))
  // a callback hook (no promise per request); Fastify answers a throw as the hook's error
  app.addHook('preValidation', (request, _reply, done) => { refuseControlCharacters(request); done() })
}

// C0 controls other than tab, newline and carriage return: text never needs them, and a NUL is refused by the
// store (PostgreSQL behind FerretDB) with an error that would otherwise surface as a 500.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/

/** The path of the first string (value or key) holding a control character, or undefined. */
export function findControlCharacter (value: unknown, path: string): string | undefined {
  // The walk keeps the keys of the branch it is in and writes a path only for the string it finds: every request
  // body is walked, and building a path string per node cost more than the test itself.
  const trail: Array<string | number> = []
  const found = walk(value, trail, 0)
  if (found === undefined) return undefined
  const at = [path, ...trail].join('/')
  return found === 'key' ? `${at} (a property name)` : at
}

function walk (value: unknown, trail: Array<string | number>, depth: number): 'value' | 'key' | undefined {
  if (typeof value === 'string') return CONTROL.test(value) ? 'value' : undefined
  if (value === null || typeof value !== 'object' || depth > 64 || Buffer.isBuffer(value)) return undefined
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      trail.push(i)
      const found = walk(value[i], trail, depth + 1)
      if (found !== undefined) return found
      trail.pop()
    }
    return undefined
  }
  // Only parsed JSON (plain objects) is walked: a route that takes the body as a stream (the /revocation proxy) or
  // any other object graph is not input text, and walking it would follow its cycles.
  // (parsed querystrings have no Object prototype at all, hence no constructor)
  const ctor = (value as { constructor?: unknown }).constructor
  if (ctor !== undefined && ctor !== Object) return undefined
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue
    if (CONTROL.test(key)) return 'key'
    trail.push(key)
    const found = walk((value as Record<string, unknown>)[key], trail, depth + 1)
    if (found !== undefined) return found
    trail.pop()
  }
  return undefined
}

/** Every string a route receives (body, query, path parameters) is checked before validation and the store. */
function refuseControlCharacters (request: FastifyRequest): void {
  const found = findControlCharacter(request.params, 'params') ?? findControlCharacter(request.query, 'querystring') ?? findControlCharacter(request.body, 'body')
  if (found) throw new ControlCharacter(found)
}

export interface SchemaError { instancePath?: string; keyword?: string; message?: string; params?: Record<string, unknown> }

/** One line per error, naming the field and, for an unknown property, the property (RFC 9457 `detail`). */
export function describeValidation (errors: readonly SchemaError[], root = 'body', max = 5): string {
  return errors.slice(0, max).map(e => {
    const at = `${root}${e.instancePath ?? ''}`
    if (e.keyword === 'additionalProperties' && e.params?.additionalProperty !== undefined) {
      return `${at} has an unknown property "${String(e.params.additionalProperty)}"`
    }
    return `${at} ${e.message ?? 'is invalid'}`
  }).join('; ')
}
