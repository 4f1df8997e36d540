/**
 * A small, fast deterministic random generator (mulberry32) keyed by any number of integers,
 * so that the synthetic tenant at (seed, hour) is the same whatever order it is generated in.
 *
 * @example
 * ```ts
 * const r = seededRandom(1, 42);
 * r() === seededRandom(1, 42)() //=> true
 * ```
 */
export function seededRandom(...keys: number[]): () => number {
  let h = 0x9e3779b9;
  for (const k of keys) {
    h = Math.imul(h ^ (k >>> 0), 0x85ebca6b);
    h = Math.imul(h ^ Math.floor(k / 0x1_0000_0000), 0xc2b2ae35);
    h ^= h >>> 13;
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks an index by weight. `weights` need not sum to 1. */
export function pickWeighted(random: () => number, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let x = random() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

/** A random lowercase hex string of `length` characters. */
export function randomHex(random: () => number, length: number): string {
  let s = "";
  while (s.length < length)
    s += Math.floor(random() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, "0");
  return s.slice(0, length);
}
