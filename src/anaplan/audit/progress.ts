/**
 * Progress of a fetch, as reported to `onProgress`.
 *
 * @example
 * ```ts
 * const onProgress = (p: AnaplanProgress) => console.log(`${p.phase}: ${p.done}/${p.total}`);
 * ```
 */
export interface AnaplanProgress {
  /** What is being fetched. */
  phase: "events" | "users";
  /** Pages received so far. */
  done: number;
  /** Pages known to be needed so far (grows as first pages reveal sizes). */
  total: number;
}

/**
 * Counts pages planned and received for one fetch and reports each change.
 *
 * @example
 * ```ts
 * const p = new ProgressCounter("events", (x) => console.log(x));
 * p.plan(3); p.page(); //=> logs { phase: "events", done: 1, total: 3 }
 * ```
 */
export class ProgressCounter {
  #done = 0;
  #total = 0;
  #warned = false;
  readonly #phase: AnaplanProgress["phase"];
  readonly #report: ((progress: AnaplanProgress) => void) | undefined;

  /**
   * @param phase - what is being fetched
   * @param report - the user's callback, if any
   */
  constructor(phase: AnaplanProgress["phase"], report: ((progress: AnaplanProgress) => void) | undefined) {
    this.#phase = phase;
    this.#report = report;
  }

  /** Adds `pages` to the total. */
  plan(pages: number): void {
    this.#total += pages;
    this.#emit();
  }

  /** Counts one page received. */
  page(): void {
    this.#done++;
    this.#emit();
  }

  #emit(): void {
    if (!this.#report) return;
    try {
      this.#report({ phase: this.#phase, done: this.#done, total: Math.max(this.#total, this.#done) });
    } catch (error) {
      // A failing progress callback must not break the fetch, but is not hidden either.
      if (!this.#warned) {
        this.#warned = true;
        process.emitWarning(
          `epm-audit-kit: the onProgress callback threw (${error instanceof Error ? error.message : String(error)}); progress reports continue, the fetch is unaffected.`,
        );
      }
    }
  }
}
