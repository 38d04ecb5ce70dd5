// The compiled fast path (docs/decisions/0002-compiled-canonicalization.md) as a drop-in `canonize` of the RDFC Data Integrity cryptosuites.
// eddsa-rdfc-2022 and ecdsa-rdfc-2019 canonicalize with jsonld.toRDF + rdf-canonize RDFC-1.0 (VC-DI-EDDSA §3.2.3,
// VC-DI-ECDSA §3.3.3; both packages' lib/canonize.js). Here the toRDF step is replaced, for documents whose shape
// was compiled (compiled-shape.ts), by filling the slots of the compiled dataset; RDFC-1.0, hashing, signing and
// the proof are untouched, so a proof made here is the proof the stock path makes.
// Signing compiles shapes on first use; verification only uses shapes already compiled by signing (a credential
// from elsewhere never causes a compile) and only when the caller asks for it.
import * as rdfCanonize from 'rdf-canonize'
import { BoundedMap } from '@obp/documents'
import { shapeOf } from './shape.js'
import { compileShape, instantiate, type CompiledShape } from './compiled-shape.js'
import type { DocumentLoader } from './types.js'

type Canonize = (input: unknown, options: Record<string, unknown>) => Promise<string>
interface RdfcCryptosuite { canonize: Canonize; name: string; [k: string]: unknown }

const MAX_SHAPES = 256
const STOCK_OPTION_KEYS = new Set(['documentLoader', 'base', 'safe', 'skipExpansion'])

let enabled = true
const stats = { fast: 0, general: 0, compiled: 0, uncompilable: 0 }
// per document loader (it decides the contexts): shape key -> compiled shape (undefined: cannot be compiled)
const shapes = new WeakMap<DocumentLoader, BoundedMap<string, Promise<CompiledShape | undefined>>>()
// shapes seen once: compiling costs about two stock canonicalizations, so a shape is compiled on its second
// document only (a stream of one-off shapes, e.g. VC-API callers' own credentials, pays just the shape key)
const seenOnce = new WeakMap<DocumentLoader, Set<string>>()

/** Switches the compiled fast path on (default) or off, e.g. for differential tests and benches. */
export function setCompiledFastPath (on: boolean): void {
  enabled = on
}

/** How many canonicalizations took the fast and the general path, and how many shapes were compiled. */
export function compiledFastPathStats (): Readonly<typeof stats> {
  return { ...stats }
}

/** Forgets every compiled shape (tests). */
export function clearCompiledShapes (loader: DocumentLoader): void {
  shapes.delete(loader)
  seenOnce.delete(loader)
}

// Only the options the Data Integrity suites pass (base null, safe mode on, expansion not skipped): anything else
// is a caller we do not know, who gets the stock function.
function stockOptions (options: Record<string, unknown>): boolean {
  for (const k of Object.keys(options)) if (!STOCK_OPTION_KEYS.has(k)) return false
  return options.base === null && options.safe === true && !options.skipExpansion && typeof options.documentLoader === 'function'
}

/** The options the cryptosuites' canonize() passes to toRDF and to rdf-canonize (same defaults, same order). */
function suiteOptions (options: Record<string, unknown>): { toRdf: Record<string, unknown>; rdfc: Record<string, unknown> } {
  const rdfc = { algorithm: 'RDFC-1.0', format: 'application/n-quads', base: null, safe: true, ...options }
  const toRdf: Record<string, unknown> = { rdfDirection: 'i18n-datatype', ...rdfc, produceGeneralizedRdf: false }
  delete toRdf.format
  return { toRdf, rdfc }
}

async function fastCanonize (suite: RdfcCryptosuite, opts: CompiledShapesOptions, input: unknown, options: Record<string, unknown>): Promise<string> {
  const general = () => {
    stats.general++
    return suite.canonize(input, options)
  }
  if (!enabled || input === null || typeof input !== 'object' || !stockOptions(options)) return general()
  const shape = shapeOf(input)
  if (shape === undefined) return general()
  let perLoader = shapes.get(opts.loaderKey)
  if (!perLoader) shapes.set(opts.loaderKey, perLoader = new BoundedMap(MAX_SHAPES))
  const { toRdf, rdfc } = suiteOptions(options)
  let pending = perLoader.get(shape.key)
  if (pending === undefined) {
    if (!opts.compile) return general()
    let once = seenOnce.get(opts.loaderKey)
    if (!once) seenOnce.set(opts.loaderKey, once = new Set())
    if (!once.has(shape.key)) {
      if (once.size >= MAX_SHAPES * 4) once.delete(once.values().next().value as string)
      once.add(shape.key)
      return general()
    }
    once.delete(shape.key)
    const map = perLoader
    const key = shape.key
    // compile, then check the compiled shape against the stock result for this very document before trusting it
    const stockResult = suite.canonize(input, options)
    pending = (async () => {
      const compiled = await compileShape(input, shape.slots.length, toRdf)
      const dataset = compiled && instantiate(compiled, shape.slots)
      if (compiled !== undefined && dataset === undefined) {
        map.delete(key) // this document has a value the fast path refuses: check with the next one
        return undefined
      }
      if (compiled === undefined || dataset === undefined || await rdfCanonize.canonize(dataset, rdfc) !== await stockResult) {
        stats.uncompilable++ // cached: documents of this shape take the general path
        return undefined
      }
      stats.compiled++
      return compiled
    })()
    pending.catch(() => map.delete(key))
    map.set(key, pending)
    stats.general++
    const [result] = await Promise.all([stockResult, pending.catch(() => undefined)])
    return result
  }
  const compiledShape = await pending.catch(() => undefined)
  const dataset = compiledShape && instantiate(compiledShape, shape.slots)
  if (dataset === undefined) return general()
  stats.fast++
  return rdfCanonize.canonize(dataset, rdfc)
}

export interface CompiledShapesOptions {
  /** false: only use shapes compiled before (verification) */
  compile: boolean
  /**
   * The caller's document loader, the cache key: jsonld-signatures passes canonize() a fresh wrapper of it on
   * every call (ProofSet.js extendContextLoader), which serves its static contexts and then this loader's.
   */
  loaderKey: DocumentLoader
}

/** `cryptosuite` with its canonize() taking the compiled fast path where it can. */
export function withCompiledShapes<T extends RdfcCryptosuite> (cryptosuite: T, opts: CompiledShapesOptions): T {
  return { ...cryptosuite, canonize: (input: unknown, options: Record<string, unknown>) => fastCanonize(cryptosuite, opts, input, options) }
}
