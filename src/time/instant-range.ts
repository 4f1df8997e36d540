/**
 * A half-open range of instants in epoch milliseconds, UTC: `from` is included, `to` is not.
 *
 * @example
 * ```ts
 * const range: InstantRange = { from: Date.parse("2026-11-05T00:00:00Z"), to: Date.parse("2026-11-06T00:00:00Z") };
 * ```
 */
export interface InstantRange {
  /** First instant inside the range (epoch ms). */
  from: number;
  /** First instant after the range (epoch ms). */
  to: number;
}
