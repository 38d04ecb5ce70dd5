// Small guards for untrusted JSON.
import type { Json } from './types.js'

export function isObject (value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

export function asArray (value: unknown): unknown[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}

/** The id of a node given as a string or as `{ id }`. */
export function idOf (value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (isObject(value) && typeof value.id === 'string') return value.id
  return undefined
}

export function stringOf (value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

export function typesOf (node: unknown): string[] {
  return isObject(node) ? asArray(node.type).filter((t): t is string => typeof t === 'string') : []
}

export function errorMessage (err: unknown): string {
  if (err instanceof Error) return err.message
  if (isObject(err) && typeof err.message === 'string') return err.message
  return String(err)
}

export function errorCode (err: unknown): string | undefined {
  return isObject(err) || err instanceof Error ? stringOf((err as Json).code) : undefined
}
