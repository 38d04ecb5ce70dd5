// A small TTL cache of in-flight and settled lookups: concurrent callers share one fetch, failures are
// not kept, the oldest entry goes first when full.
export interface TtlCacheOptions { ttlMs: number; maxEntries?: number; now?: () => number }

export class TtlCache<V> {
  readonly #entries = new Map<string, { expires: number; value: Promise<V> }>()
  readonly #ttlMs: number
  readonly #maxEntries: number
  readonly #now: () => number

  constructor (opts: TtlCacheOptions) {
    this.#ttlMs = opts.ttlMs
    this.#maxEntries = opts.maxEntries ?? 1000
    this.#now = opts.now ?? Date.now
  }

  get size (): number { return this.#entries.size }

  /** Forgets `key` (its value changed): the next `get` loads it. */
  delete (key: string): void { this.#entries.delete(key) }

  /** The cached value for `key`, or the result of `load` (cached for ttlMs once it succeeds). */
  async get (key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.#entries.get(key)
    if (hit !== undefined && hit.expires > this.#now()) return await hit.value
    this.#entries.delete(key)
    if (this.#ttlMs <= 0) return await load()
    const value = load()
    this.#entries.set(key, { expires: this.#now() + this.#ttlMs, value })
    if (this.#entries.size > this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value as string)
    try {
      return await value
    } catch (err) {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key)
      throw err
    }
  }
}
