// JSON-LD speed without forking jsonld (docs/decisions/0001-jsonld-fast-path.md).
//
// Why: profiling stock issue()/verifyCredential() on an OB credential shows ~60% of the time in jsonld's
// _cloneActiveContext (util.clone deep-copies every term definition, scoped contexts included, on each context
// application) plus the garbage it makes; most of the rest is re-processing OB's type-scoped contexts.
// Route chosen: a runtime, switchable change of three jsonld 9.0.0 behaviours, not a patched node_modules file
// (this repo has no patch-package step and a patched file silently disappears on reinstall) and not a
// documentLoader cache (@obp/documents already tags bundled contexts 'static', so jsonld caches them):
//  1. `clone` of jsonld's cached initial active contexts is replaced; every context inherits `clone` from its
//     parent (context.js _cloneActiveContext: `child.clone = this.clone`). The copy is shallow: active
//     contexts are immutable once processed (jsonld shares them through its own processed-context cache); the
//     only writes happen inside context.js api.process on the fresh copy: Map set/delete on `mappings` (own Map
//     here), new term-definition objects, `protected[term] = true` (own object here), `previousContext`.
//  2. `revertToPreviousContext` returns the previous context itself instead of a copy (same reasoning).
//  3. ResolvedContext's processed-context cache gets a better key for type-scoped contexts (processedKey).
// Safety net: setJsonLdFastPath(false) restores stock behaviour at run time; test/jsonld-fast-path.test.ts
// requires identical N-Quads and expansions, stock vs fast, for the fixtures, random OB credentials and random
// orders/concurrency, and stock @digitalbazaar/vc verifying our proofs. Only jsonld 9.0.0 is patched (version
// check below): an upgrade silently falls back to stock speed until this file is reviewed again.
import { createRequire } from 'node:module'

interface ActiveContext {
  mappings: Map<string, unknown>
  protected: Record<string, boolean>
  previousContext?: ActiveContext
  clone: (this: ActiveContext) => ActiveContext
  revertToPreviousContext: (this: ActiveContext) => ActiveContext
  [key: string]: unknown
}
type Method = (this: ActiveContext) => ActiveContext

const require = createRequire(import.meta.url)
const PINNED_JSONLD = '9.0.0'

let enabled = true
let installed = false
// Counted for /metrics (obp_jsonld_fast_path_total): copies served by the fast path, and by stock jsonld because
// the switch is off. A jsonld that is not the pinned version is never patched: `active` says so.
const stats = { hits: 0, fallbacks: 0 }
let stockClone: Method | undefined
let stockRevert: Method | undefined

// child -> the context it was copied from (fast mode only)
const copiedFrom = new WeakMap<ActiveContext, ActiveContext>()
const previousOnlyKeys = new WeakMap<ActiveContext, object>()

function shallowClone (this: ActiveContext): ActiveContext {
  // Same fields as jsonld 9.0.0 context.js _cloneActiveContext, copied one level deep instead of recursively.
  const child: ActiveContext = {
    mappings: new Map(this.mappings),
    clone: this.clone,
    inverse: null,
    getInverse: this.getInverse,
    protected: { ...this.protected },
    revertToPreviousContext: this.revertToPreviousContext
  }
  if (this.previousContext) child.previousContext = this.previousContext
  if ('@base' in this) child['@base'] = this['@base']
  if ('@language' in this) child['@language'] = this['@language']
  if ('@vocab' in this) child['@vocab'] = this['@vocab']
  copiedFrom.set(child, this)
  return child
}

// jsonld caches processed contexts per ResolvedContext keyed by the identity of the active context they were
// applied to. A type-scoped context (OB 3.0 defines one per class) is applied with propagate: false, and
// context.js api.process first makes `rval = activeCtx.clone(); rval.previousContext = activeCtx`: a brand-new
// object every time, so that cache never hits and every Achievement, Profile, Result... node reprocesses its
// scoped context (and validates each nested scoped context). Such a copy differs from its source only by
// `previousContext === source`, so all of them are equivalent for processing: key them by one token per
// source. Any other context keeps its own identity as key.
function processedKey (ctx: ActiveContext): object {
  if (!enabled) return ctx
  const source = copiedFrom.get(ctx)
  if (source === undefined || ctx.previousContext !== source || source.previousContext !== undefined) return ctx
  if (ctx.mappings.size !== source.mappings.size || ctx['@vocab'] !== source['@vocab'] ||
    ctx['@base'] !== source['@base'] || ctx['@language'] !== source['@language']) return ctx
  let key = previousOnlyKeys.get(source)
  if (key === undefined) previousOnlyKeys.set(source, key = {})
  return key
}

interface ResolvedContextProto {
  cache: { get(k: object): unknown; set(k: object, v: unknown): void }
  getProcessed(ctx: ActiveContext): unknown
  setProcessed(ctx: ActiveContext, processed: unknown): void
}

function dispatchClone (this: ActiveContext): ActiveContext {
  if (enabled) { stats.hits++; return shallowClone.call(this) }
  stats.fallbacks++
  return (stockClone as Method).call(this)
}

// Stock reverts to a fresh copy of the previous context; sharing it is safe for the same reason (api.process
// clones before writing) and lets jsonld's processed-context cache, keyed by context identity, hit for the
// type-scoped contexts OB 3.0 uses on every node (expand.js: activeCtx.revertToPreviousContext()).
function dispatchRevert (this: ActiveContext): ActiveContext {
  if (!enabled) return (stockRevert as Method).call(this)
  return this.previousContext ?? this
}

/** Installs the switchable clone on jsonld's initial contexts; idempotent. Returns false if jsonld is not the pinned version. */
export function installJsonLdFastPath (): boolean {
  if (installed) return stockClone !== undefined
  installed = true
  const version = (require('jsonld/package.json') as { version: string }).version
  if (version !== PINNED_JSONLD) return false
  const contextApi = require('jsonld/lib/context.js') as { getInitialContext(opts: { processingMode?: string }): ActiveContext }
  for (const processingMode of [undefined, 'json-ld-1.1', 'json-ld-1.0']) {
    const initial = contextApi.getInitialContext({ processingMode })
    stockClone ??= initial.clone
    stockRevert ??= initial.revertToPreviousContext
    initial.clone = dispatchClone
    initial.revertToPreviousContext = dispatchRevert
  }
  const proto = (require('jsonld/lib/ResolvedContext.js') as { prototype: ResolvedContextProto }).prototype
  proto.getProcessed = function (this: ResolvedContextProto, ctx: ActiveContext) { return this.cache.get(processedKey(ctx)) }
  proto.setProcessed = function (this: ResolvedContextProto, ctx: ActiveContext, processed: unknown) { this.cache.set(processedKey(ctx), processed) }
  return true
}

/** Switches between the shallow (default) and jsonld's stock deep copy, e.g. for differential tests and benches. */
export function setJsonLdFastPath (on: boolean): void {
  installJsonLdFastPath()
  enabled = on
}

export function jsonLdFastPathActive (): boolean {
  return installJsonLdFastPath() && enabled
}

/** Active-context copies made by the fast path (`hits`) and by stock jsonld while switched off (`fallbacks`). */
export function jsonLdFastPathStats (): { active: boolean; hits: number; fallbacks: number } {
  return { active: jsonLdFastPathActive(), ...stats }
}

/** The `jsonld` module this file patches (its resolved path), for the test that @digitalbazaar/vc loads the same one. */
export function patchedJsonLdPath (): string {
  return require.resolve('jsonld')
}

installJsonLdFastPath()
