// The archive's day helpers, now thin names over the kit's time module (src/time): the same
// rule everywhere — `YYYY-MM-DD` is a UTC day, a timestamp carries a zone or is UTC, and
// partial or impossible text (`2026-11`, `2026-02-30`) is refused instead of guessed.
import type { Instant } from "../frames/time-window.js";
import { addUtcDays } from "../time/add-utc-days.js";
import { formatUtcDay } from "../time/format-utc-day.js";
import { parseInstant } from "../time/parse-instant.js";
import { isUtcDay, parseUtcDay } from "../time/utc-day.js";
import { daysOf } from "../time/utc-day-window.js";

const DAY_MS = 86_400_000;

/**
 * The UTC calendar day of an instant, as `YYYY-MM-DD` (the archive's partition value).
 *
 * @param ms - epoch milliseconds
 * @returns the UTC day
 * @example
 * ```ts
 * utcDay(Date.UTC(2026, 10, 1, 23, 59)) //=> "2026-11-01"
 * ```
 */
export function utcDay(ms: number): string {
  return formatUtcDay(ms);
}

/**
 * Epoch ms of 00:00 UTC of a `YYYY-MM-DD` day.
 *
 * @param day - a UTC day
 * @returns epoch milliseconds
 * @throws {@link ValidationError} when `day` is not a real `YYYY-MM-DD` day
 * @example
 * ```ts
 * dayStartMs("2026-11-01") //=> 1793491200000
 * ```
 */
export function dayStartMs(day: string): number {
  return parseUtcDay(day);
}

/**
 * The day `n` days after (or before, when negative) `day`.
 *
 * @param day - a UTC day
 * @param n - days to add
 * @returns the shifted day
 * @example
 * ```ts
 * addDays("2026-11-30", 1) //=> "2026-12-01"
 * ```
 */
export function addDays(day: string, n: number): string {
  return addUtcDays(day, n);
}

/**
 * Reads a time input as epoch ms by the kit's time rule. A `YYYY-MM-DD` is 00:00 UTC of that
 * day, or, with `endOfDay`, 00:00 UTC of the next day, so a `to` written as a day includes that
 * whole day. A timestamp without a zone is UTC. `2026-11` or `2026-02-30` are refused.
 *
 * @param value - Date, epoch ms or ISO text
 * @param label - the option's name, for the error message
 * @param endOfDay - read a bare day as the end of that day @default false
 * @returns epoch milliseconds
 * @throws {@link ValidationError} naming the option and listing the accepted forms
 * @example
 * ```ts
 * readInstant("2026-11-01", "to", true) //=> 1793577600000
 * ```
 */
export function readInstant(value: Instant, label: string, endOfDay = false): number {
  if (isUtcDay(value)) return parseUtcDay(value) + (endOfDay ? DAY_MS : 0);
  return parseInstant(value, label);
}

/**
 * The UTC days from `fromDay` to `toDay`, both included.
 *
 * @param fromDay - first day
 * @param toDay - last day
 * @returns the days in order (empty when `toDay` is before `fromDay`)
 * @example
 * ```ts
 * daysBetween("2026-11-30", "2026-12-01") //=> ["2026-11-30", "2026-12-01"]
 * ```
 */
export function daysBetween(fromDay: string, toDay: string): string[] {
  return daysOf({ from: fromDay, to: toDay });
}

/** One day in milliseconds. */
export const ONE_DAY_MS = DAY_MS;
