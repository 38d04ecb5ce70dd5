// A Map that forgets its oldest entry (insertion order) once it holds `max`: the caches keyed by their exact input
// (decoded keys, signature loaders, canonical proof configurations, compiled shapes) stay bounded.
export class BoundedMap<K, V> extends Map<K, V> {
  readonly max: number

  constructor (max: number) {
    super()
    this.max = max
  }

  override set (key: K, value: V): this {
    if (!this.has(key) && this.size >= this.max) this.delete(this.keys().next().value as K)
    return super.set(key, value)
  }
}
