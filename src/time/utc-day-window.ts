import { utc } from "@date-fns/utc";
import { differenceInCalendarDays, eachDayOfInterval } from "date-fns";
import { ValidationError } from "../errors/validation-error.js";
import { formatUtcDay } from "./format-utc-day.js";
import type { InstantRange } from "./instant-range.js";
import { parseUtcDay, type UtcDay } from "./utc-day.js";

/**
 * A window of whole UTC days, both ends included: `{ from: "2026-11-01", to: "2026-11-30" }` is
 * all of November (UTC).
 *
 * @example
 * ```ts
 * const november: UtcDayWindow = { from: "2026-11-01", to: "2026-11-30" };
 * ```
 */
export interface UtcDayWindow {
  /** First day, included. */
  from: UtcDay;
  /** Last day, included. */
  to: UtcDay;
}

/**
 * Checks two days and makes them a window: both `YYYY-MM-DD`, `from` on or before `to`.
 *
 * @param from - first day, included
 * @param to - last day, included
 * @param labels - names of the two inputs, for messages @default ["from", "to"]
 * @returns the window
 * @throws {@link ValidationError} for a malformed day (listing the accepted forms) or from after to
 * @example
 * ```ts
 * utcDayWindow("2026-11-01", "2026-11-30") //=> { from: "2026-11-01", to: "2026-11-30" }
 * ```
 */
export function utcDayWindow(
  from: unknown,
  to: unknown,
  labels: readonly [string, string] = ["from", "to"],
): UtcDayWindow {
  const start = parseUtcDay(from, labels[0]);
  const end = parseUtcDay(to, labels[1]);
  if (start > end) {
    throw new ValidationError(
      `${labels[0]} (${String(from)}) is after ${labels[1]} (${String(to)}): a window of UTC days needs ${labels[0]} on or before ${labels[1]} (both days are included).`,
    );
  }
  return { from: from as UtcDay, to: to as UtcDay };
}

/**
 * The window as a half-open instant range: `[from 00:00Z, the day after to 00:00Z)`.
 *
 * @param window - a window of UTC days
 * @returns epoch ms bounds
 * @example
 * ```ts
 * toInstantRange({ from: "2026-11-01", to: "2026-11-01" })
 * //=> { from: Date.parse("2026-11-01T00:00:00Z"), to: Date.parse("2026-11-02T00:00:00Z") }
 * ```
 */
export function toInstantRange(window: UtcDayWindow): InstantRange {
  const from = parseUtcDay(window.from, "from");
  const last = parseUtcDay(window.to, "to");
  return { from, to: last + 86_400_000 };
}

/**
 * How many days a window holds, both ends counted.
 *
 * @param window - a window of UTC days
 * @returns the number of days (0 when `to` is before `from`)
 * @example
 * ```ts
 * dayCount({ from: "2028-02-01", to: "2028-02-29" }) //=> 29
 * ```
 */
export function dayCount(window: UtcDayWindow): number {
  const days = differenceInCalendarDays(parseUtcDay(window.to, "to"), parseUtcDay(window.from, "from"), {
    in: utc,
  });
  return Math.max(0, days + 1);
}

/**
 * The days of a window, in order.
 *
 * @param window - a window of UTC days
 * @returns every day from `from` to `to` (empty when `to` is before `from`)
 * @example
 * ```ts
 * daysOf({ from: "2026-11-30", to: "2026-12-01" }) //=> ["2026-11-30", "2026-12-01"]
 * ```
 */
export function daysOf(window: UtcDayWindow): UtcDay[] {
  const start = parseUtcDay(window.from, "from");
  const end = parseUtcDay(window.to, "to");
  if (end < start) return [];
  return eachDayOfInterval({ start, end }, { in: utc }).map((d) => formatUtcDay(d));
}

/**
 * A window in words for reports: `2026-11-01 → 2026-11-30 (30 days, UTC)`.
 *
 * @param window - a window of UTC days
 * @returns one line
 * @example
 * ```ts
 * describeUtcDayWindow({ from: "2026-11-05", to: "2026-11-05" }) //=> "2026-11-05 → 2026-11-05 (1 day, UTC)"
 * ```
 */
export function describeUtcDayWindow(window: UtcDayWindow): string {
  const n = dayCount(window);
  return `${window.from} → ${window.to} (${n} day${n === 1 ? "" : "s"}, UTC)`;
}
