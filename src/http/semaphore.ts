/**
 * Bounds how many tasks run at once.
 *
 * @example
 * ```ts
 * const gate = new Semaphore(2);
 * await Promise.all(urls.map((u) => gate.run(() => fetchOne(u)))); // at most 2 in flight
 * ```
 */
export class Semaphore {
  #free: number;
  readonly #waiting: Array<() => void> = [];

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`Semaphore size must be a positive integer, got ${size}`);
    this.#free = size;
  }

  /** Runs `task` once a slot is free, and frees the slot when it settles. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    }
  }
}
