import { ValidationError } from "../errors/validation-error.js";
import type { Instant } from "../frames/time-window.js";

const DAY_MS = 86_400_000;
const DAY_TEXT = /^\d{4}-\d{2}-\d{2}$/;

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
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Epoch ms of 00:00 UTC of a `YYYY-MM-DD` day.
 *
 * @param day - a UTC day
 * @returns epoch milliseconds
 * @example
 * ```ts
 * dayStartMs("2026-11-01") //=> 1793491200000
 * ```
 */
export function dayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
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
  return utcDay(dayStartMs(day) + n * DAY_MS);
}

/**
 * Reads a time input as epoch ms. A bare `YYYY-MM-DD` is 00:00 UTC of that day, or, with
 * `endOfDay`, 00:00 UTC of the next day, so a `to` written as a date includes that whole day.
 *
 * @param value - Date, epoch ms or ISO text
 * @param label - the option's name, for the error message
 * @param endOfDay - read a bare date as the end of that day @default false
 * @returns epoch milliseconds
 * @throws {@link ValidationError} when the value is not a time
 * @example
 * ```ts
 * readInstant("2026-11-01", "to", true) //=> 1793577600000
 * ```
 */
export function readInstant(value: Instant, label: string, endOfDay = false): number {
  if (typeof value === "string" && DAY_TEXT.test(value)) {
    const start = dayStartMs(value);
    if (!Number.isNaN(start)) return endOfDay ? start + DAY_MS : start;
  }
  const ms = value instanceof Date ? value.getTime() : typeof value === "number" ? value : Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new ValidationError(
      `${label} is not a time: ${String(value)}. Give a Date, epoch milliseconds, or ISO text such as 2026-11-01 or 2026-11-01T08:00:00Z.`,
    );
  }
  return ms;
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
  const days: string[] = [];
  for (let ms = dayStartMs(fromDay); ms <= dayStartMs(toDay); ms += DAY_MS) days.push(utcDay(ms));
  return days;
}

/** One day in milliseconds. */
export const ONE_DAY_MS = DAY_MS;
