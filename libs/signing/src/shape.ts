// The "shape" of a JSON-LD document for the compiled fast path (docs/decisions/0002-compiled-canonicalization.md): everything that can change what JSON-LD
// expansion does (keys, nesting, array lengths, @context, type values, numbers, booleans, null) goes into the
// shape key verbatim; every other string is a slot whose value is filled in per document. Anything unusual
// (a keyword key other than @context, a non-plain object, undefined, a huge document) has no shape: such a
// document always takes the general path.

/** Above this many JSON values a document is not worth compiling (and bounds the work an odd input can cause). */
const MAX_VALUES = 4000

export interface Shape {
  /** Exact structural key; equal keys mean equal expansion up to the slot values. */
  key: string
  /** The slot strings, in document order (depth-first, key order). */
  slots: string[]
}

// Keys whose values are constants of the shape (always sound: a constant only makes the key more specific).
// @context and type select (type-scoped) contexts; proofPurpose is typed @vocab in the Data Integrity context (its
// terms expand against the vocabulary, so it could never be an IRI slot); cryptosuite and statusPurpose take a
// handful of values, so they cost no extra shapes.
const CONSTANT_KEYS = new Set(['@context', 'type', 'proofPurpose', 'cryptosuite', 'statusPurpose'])

class NoShape extends Error {}

function isPlainObject (value: object): boolean {
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function constant (value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (Array.isArray(value) && value.every(v => typeof v === 'string')) return JSON.stringify(value)
  throw new NoShape()
}

interface Walker { parts: string[]; slots: string[]; count: number }

function walk (value: unknown, w: Walker): void {
  if (++w.count > MAX_VALUES) throw new NoShape()
  switch (typeof value) {
    case 'string':
      w.slots.push(value)
      w.parts.push('s')
      return
    case 'number':
    case 'boolean':
      // JSON-LD turns native numbers and booleans into typed literals with a canonical lexical form
      // (JSON-LD 1.1 API §8.6 "Object to RDF Conversion"): part of the shape, never a slot.
      w.parts.push(`${typeof value === 'number' ? 'N' : 'B'}${String(value)}`)
      return
    case 'object':
      break
    default:
      throw new NoShape()
  }
  if (value === null) {
    w.parts.push('null')
    return
  }
  if (Array.isArray(value)) {
    w.parts.push('[')
    for (const item of value) walk(item, w)
    w.parts.push(']')
    return
  }
  if (!isPlainObject(value)) throw new NoShape()
  w.parts.push('{')
  for (const [k, v] of Object.entries(value)) {
    w.parts.push(JSON.stringify(k))
    if (CONSTANT_KEYS.has(k)) {
      w.parts.push(constant(v))
    } else if (k.startsWith('@')) {
      // @id, @type, @value, @language, @json... written as keywords: leave them to the general path
      throw new NoShape()
    } else {
      walk(v, w)
    }
  }
  w.parts.push('}')
}

/** The shape of `document`, or undefined when it has none (general path only). */
export function shapeOf (document: object): Shape | undefined {
  const w: Walker = { parts: [], slots: [], count: 0 }
  try {
    walk(document, w)
  } catch (err) {
    if (err instanceof NoShape) return undefined
    throw err
  }
  return { key: w.parts.join(' '), slots: w.slots }
}

/** A copy of `document` with its slot strings replaced, in the order shapeOf lists them. */
export function fillSlots (document: unknown, next: () => string): unknown {
  if (typeof document === 'string') return next()
  if (document === null || typeof document !== 'object') return document
  if (Array.isArray(document)) return document.map(v => fillSlots(v, next))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(document)) out[k] = CONSTANT_KEYS.has(k) ? v : fillSlots(v, next)
  return out
}
