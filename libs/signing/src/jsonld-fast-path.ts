// JSON-LD speed: a shallow active-context copy instead of jsonld's deep copy.
//
// Why this route (issue 3, "Speed"): profiling stock issue()/verifyCredential() on an OB credential shows
// ~60% of the time in jsonld's _cloneActiveContext (util.clone deep-copies every term definition, scoped
// contexts included, on each context application) plus the garbage it makes. Processed contexts are already
// cached by jsonld (ResolvedContext, keyed by active-context identity) and @obp/documents tags bundled contexts
// 'static', so a documentLoader-side cache has nothing left to win. We do not patch node_modules (no
// patch-package step in this repo, and a patched file silently disappears on reinstall): instead the `clone`
// method of jsonld's cached *initial* active context is replaced at runtime; every active context inherits
// `clone` from its parent (context.js _cloneActiveContext: `child.clone = this.clone`), so all contexts built
// afterwards use it. The copy is shallow because active contexts are immutable once processed (jsonld itself
// shares them through its processed-context cache); the only writes happen inside context.js api.process on
// the fresh clone: Map set/delete on `mappings` (own Map here), new term-definition objects, and
// `protected[term] = true` (own object here). Behaviour is switchable (setJsonLdFastPath) so the differential
// test (test/jsonld-fast-path.test.ts) canonicalizes the same documents with stock and fast copies and
// requires identical N-Quads; pinned to jsonld 9.0.0 (assertion below) so an upgrade re-triggers review.
import { createRequire } from 'node:module'

interface ActiveContext {
  mappings: Map<string, unknown>
  protected: Record<string, boolean>
  previousContext?: ActiveContext
  clone: (this: ActiveContext) => ActiveContext
  [key: string]: unknown
}

const require = createRequire(import.meta.url)
const PINNED_JSONLD = '9.0.0'

let enabled = true
let installed = false
let stockClone: ((this: ActiveContext) => ActiveContext) | undefined

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
  return child
}

function dispatchClone (this: ActiveContext): ActiveContext {
  return enabled ? shallowClone.call(this) : (stockClone as (this: ActiveContext) => ActiveContext).call(this)
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
    initial.clone = dispatchClone
  }
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

installJsonLdFastPath()
