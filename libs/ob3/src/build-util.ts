// Small argument helpers shared by the builders (STYLE.md §9: bad arguments throw a TypeError).
import { InvalidArgumentError, InvalidValidityError } from './errors.js'
import type { Image } from './types.js'

export function requireString (value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidArgumentError(`"${name}" is required.`)
  return value
}

export function requireObject<T extends object> (value: T | undefined | null, name: string): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InvalidArgumentError(`"${name}" is required.`)
  return value
}

export function optionalArray<T> (value: T[] | undefined, name: string): T[] | undefined {
  if (value === undefined) return undefined
  if (!Array.isArray(value)) throw new InvalidArgumentError(`"${name}" must be an array.`)
  return value
}

/** An image input (a URI or `{ id, caption? }`) as the OB 3.0 Image object the official schema requires. */
export function toImage (image: string | { id: string; caption?: string; type?: string }, name: string): Image {
  if (typeof image === 'string') return { id: requireString(image, name), type: 'Image' }
  requireObject(image, name)
  const out: Image = { id: requireString(image.id, `${name}.id`), type: 'Image' }
  if (image.caption !== undefined) out.caption = image.caption
  return out
}

// RFC 3339 date-time with a time zone (the official schema's `format: date-time`; VCDM 2.0 §4.6).
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i

export function requireDateTime (value: unknown, name: string): string {
  if (typeof value !== 'string' || !DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError(`"${name}" must be an RFC 3339 date-time with a time zone.`)
  }
  return value
}

/** Now, to the second, in UTC (`2026-01-01T00:00:00Z`). */
export function nowDateTime (): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** validFrom defaulting to now, and an optional validUntil that must be later (VCDM 2.0 §4.9). */
export function validityPeriod (validFrom: string | undefined, validUntil: string | undefined): { validFrom: string; validUntil?: string } {
  const from = validFrom === undefined ? nowDateTime() : requireDateTime(validFrom, 'validFrom')
  if (validUntil === undefined) return { validFrom: from }
  requireDateTime(validUntil, 'validUntil')
  if (Date.parse(validUntil) <= Date.parse(from)) throw new InvalidValidityError(validUntil, from)
  return { validFrom: from, validUntil }
}

/** An id for a part of an object that has none: a fragment of the parent's id (or a suffix of its fragment). */
export function childId (parentId: string, suffix: string): string {
  return parentId.includes('#') ? `${parentId}-${suffix}` : `${parentId}#${suffix}`
}

/** Copies the defined values of `keys` from `from` (so optional inputs never appear as `undefined`). */
export function pick<T extends object, K extends keyof T> (from: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {}
  for (const key of keys) if (from[key] !== undefined) out[key] = from[key]
  return out
}
