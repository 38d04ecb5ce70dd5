// One validation policy for every route (issue 14): a body is never silently altered. Fastify's default Ajv
// removes unknown properties (`removeAdditional`) and coerces types, so a typo such as `validUntill` vanished
// and `status: "false"` became `false`. Bodies are validated as sent: an unknown property of a closed schema is a
// 400 naming it, a wrong type is a 400. Querystrings, params and headers are text by nature and keep type
// coercion. Credential bodies (VC-API) are open schemas: their unknown properties are kept, since they are signed.
import { AjvCompiler } from '@fastify/ajv-compiler'
import type { FastifyInstance, FastifySchema } from 'fastify'

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
