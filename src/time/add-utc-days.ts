import { utc } from "@date-fns/utc";
import { addDays } from "date-fns";
import { ValidationError } from "../errors/validation-error.js";
import { formatUtcDay } from "./format-utc-day.js";
import { parseUtcDay, type UtcDay } from "./utc-day.js";

/**
 * The UTC day `n` days after `day` (before it, when `n` is negative).
 *
 * @param day - a UTC day `YYYY-MM-DD`
 * @param n - whole days to add
 * @returns the shifted day
 * @throws {@link ValidationError} when `day` is not a UTC day or `n` not a whole number
 * @example
 * ```ts
 * addUtcDays("2028-02-28", 1) //=> "2028-02-29"
 * addUtcDays("2026-03-01", -1) //=> "2026-02-28"
 * ```
 */
export function addUtcDays(day: UtcDay, n: number): UtcDay {
  const start = parseUtcDay(day);
  if (!Number.isSafeInteger(n)) {
    throw new ValidationError(`addUtcDays takes a whole number of days, got ${String(n)}.`);
  }
  return formatUtcDay(addDays(start, n, { in: utc }));
}
