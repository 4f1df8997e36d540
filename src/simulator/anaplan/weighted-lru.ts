/**
 * A least-recently-used cache bounded by the total weight of its values (bytes, events), so
 * the simulator's memory stays bounded however far the clock advances.
 *
 * @example
 * ```ts
 * const cache = new WeightedLru<number, Buffer>(1024, (b) => b.length);
 * cache.set(1, Buffer.alloc(600));
 * cache.set(2, Buffer.alloc(600)); // evicts 1
 * ```
 */
export class WeightedLru<K, V> {
  readonly #map = new Map<K, V>();
  readonly #budget: number;
  readonly #weigh: (value: V) => number;
  #total = 0;

  /**
   * @param budget - largest total weight kept (the newest entry is always kept)
   * @param weigh - weight of one value
   */
  constructor(budget: number, weigh: (value: V) => number) {
    this.#budget = budget;
    this.#weigh = weigh;
  }

  /** The value, marked as most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const value = this.#map.get(key);
    if (value === undefined) return undefined;
    this.#map.delete(key);
    this.#map.set(key, value);
    return value;
  }

  /** Stores a value, then evicts the least recently used ones while over budget. */
  set(key: K, value: V): void {
    this.delete(key);
    this.#map.set(key, value);
    this.#total += this.#weigh(value);
    for (const [k, v] of this.#map) {
      if (this.#total <= this.#budget || k === key) break;
      this.#map.delete(k);
      this.#total -= this.#weigh(v);
    }
  }

  /** Removes a value, if present. */
  delete(key: K): void {
    const old = this.#map.get(key);
    if (old === undefined) return;
    this.#map.delete(key);
    this.#total -= this.#weigh(old);
  }

  /** Removes every entry whose key matches. */
  deleteWhere(matches: (key: K) => boolean): void {
    for (const key of [...this.#map.keys()]) if (matches(key)) this.delete(key);
  }

  /** Total weight held. */
  get weight(): number {
    return this.#total;
  }

  /** Number of entries held. */
  get size(): number {
    return this.#map.size;
  }
}
