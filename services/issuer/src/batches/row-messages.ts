// A row's schema errors as sentences a registrar can act on: one per problem (a `oneOf` of the recipient gives
// several raw errors for one missing or doubled identity), naming the field and, for a closed list, its values.
import type { ErrorObject } from 'ajv'

const FIELD_NAMES: Record<string, string> = {
  '/achievementId': 'achievementId', '/validFrom': 'validFrom', '/validUntil': 'validUntil', '/recipient/email': 'email',
  '/recipient/did': 'did', '/recipient/sourcedId': 'sourcedId', '/recipient/name': 'name'
}

/** The first result and evidence are what a CSV's resultStatus, resultValue, evidenceUrl and evidenceNarrative fill. */
const CSV_NAMES: Record<string, string> = { '/result/0/status': 'resultStatus', '/result/0/value': 'resultValue', '/evidence/0/id': 'evidenceUrl', '/evidence/0/narrative': 'evidenceNarrative' }

const fieldOf = (path: string): string => FIELD_NAMES[path] ?? CSV_NAMES[path] ?? (path.replace(/^\//, '').replace(/\//g, '.') || 'the award')

function sentence (e: ErrorObject, data: unknown): string | undefined {
  const path = e.instancePath
  const value = path.split('/').slice(1).reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], data)
  const shown = typeof value === 'string' ? `"${value}"` : JSON.stringify(value)
  switch (e.keyword) {
    case 'required': {
      const missing = String((e.params as { missingProperty?: string }).missingProperty)
      if (path === '/recipient' || missing === 'recipient') return 'No recipient: give one of email, did or sourcedId.'
      if (missing === 'achievementId') return 'No achievement: add an achievement (or badge) column, or give achievementId for the whole file.'
      return `${fieldOf(`${path}/${missing}`)} is missing.`
    }
    case 'oneOf':
      if (path === '/recipient') {
        const given = ['email', 'did', 'sourcedId'].filter(k => (value as Record<string, unknown> | undefined)?.[k] !== undefined)
        return given.length === 0 ? 'No recipient: give one of email, did or sourcedId.' : `Give only one of email, did or sourcedId (this award has ${given.join(' and ')}).`
      }
      return `${fieldOf(path)} is not valid.`
    case 'format':
      if (e.params.format === 'email') return `email ${shown} is not an email address.`
      if (e.params.format === 'date-time') return `${fieldOf(path)} ${shown} is not a date: write 2026-09-01 or 2026-09-01T08:00:00Z.`
      return `${fieldOf(path)} ${shown} is not a valid ${String(e.params.format)}.`
    case 'enum':
      return `${fieldOf(path)} ${shown} is not one of: ${(e.params.allowedValues as unknown[]).join(', ')}.`
    case 'const':
      return undefined // one branch of a union: its enum-like sibling errors say it (collected below)
    case 'pattern':
      if (path === '/recipient/did') return `did ${shown} is not a DID (did:method:identifier).`
      return `${fieldOf(path)} ${shown} has a form that is not accepted.`
    case 'additionalProperties':
      return `${fieldOf(path)} has an unknown field "${String(e.params.additionalProperty)}".`
    case 'type':
      return `${fieldOf(path)} must be a ${String(e.params.type)}.`
    case 'maxLength':
      return `${fieldOf(path)} is longer than ${String(e.params.limit)} characters.`
    case 'minLength':
      return `${fieldOf(path)} is empty.`
    default:
      return `${fieldOf(path)} ${e.message ?? 'is not valid'}.`
  }
}

/** Unions of constants (result status) report one `const` error per value: gathered into one list. */
function constLists (errors: ErrorObject[], data: unknown): string[] {
  const byPath = new Map<string, unknown[]>()
  for (const e of errors) {
    if (e.keyword !== 'const') continue
    const list = byPath.get(e.instancePath) ?? []
    list.push((e.params as { allowedValue?: unknown }).allowedValue)
    byPath.set(e.instancePath, list)
  }
  return [...byPath].map(([path, values]) => {
    const value = path.split('/').slice(1).reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], data)
    return `${fieldOf(path)} "${String(value)}" is not one of: ${values.join(', ')}.`
  })
}

export function rowMessages (errors: ErrorObject[] | null | undefined, data: unknown): string[] {
  const list = errors ?? []
  // a recipient's oneOf also reports each branch's `required`: the oneOf's own sentence covers them
  const recipientOneOf = list.some(e => e.keyword === 'oneOf' && e.instancePath === '/recipient')
  const out = list
    .filter(e => !(recipientOneOf && e.instancePath === '/recipient' && e.keyword === 'required'))
    .filter(e => !(e.keyword === 'anyOf' || (e.keyword === 'oneOf' && e.instancePath !== '/recipient')))
    .map(e => sentence(e, data))
    .filter((s): s is string => s !== undefined)
  return [...new Set([...out, ...constLists(list, data)])]
}
