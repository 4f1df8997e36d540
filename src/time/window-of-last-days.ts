import { ValidationError } from "../errors/validation-error.js";
import { addUtcDays } from "./add-utc-days.js";
import { formatUtcDay } from "./format-utc-day.js";
import type { UtcDayWindow } from "./utc-day-window.js";

/**
 * Options of {@link windowOfLastDays}.
 *
 * @example
 * ```ts
 * windowOfLastDays(7, Date.now(), { includeToday: true });
 * ```
 */
export interface LastDaysOptions {
  /** End the window with today (UTC), partial as it is, instead of yesterday. @default false */
  includeToday?: boolean;
}

/**
 * The last `n` whole UTC days: by default the `n` complete days before today (UTC), so a rerun
 * tomorrow for the same days gives the same window; with `includeToday`, the `n` days ending
 * with today, whose last day is still partial.
 *
 * @param n - number of days, a whole number >= 1
 * @param now - the current time in epoch ms (passed in, so a run computes it once)
 * @param options - whether today is included
 * @returns the window of days
 * @throws {@link ValidationError} when `n` is not a whole number >= 1
 * @example
 * ```ts
 * windowOfLastDays(30, Date.parse("2026-12-06T02:46:00Z")) //=> { from: "2026-11-06", to: "2026-12-05" }
 * windowOfLastDays(1, Date.parse("2026-12-06T02:46:00Z"), { includeToday: true }) //=> { from: "2026-12-06", to: "2026-12-06" }
 * ```
 */
export function windowOfLastDays(n: number, now: number, options: LastDaysOptions = {}): UtcDayWindow {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new ValidationError(`A window of the last N days needs a whole number N >= 1, got ${String(n)}.`);
  }
  const today = formatUtcDay(now);
  const to = options.includeToday ? today : addUtcDays(today, -1);
  return { from: addUtcDays(to, -(n - 1)), to };
}
